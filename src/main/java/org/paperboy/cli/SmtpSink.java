package org.paperboy.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local SMTP server that accepts every message and keeps only counts: the far end of
 * {@code bench digest}. It speaks enough of RFC 5321 for Jakarta Mail (EHLO/HELO, MAIL, RCPT,
 * DATA, RSET, NOOP, QUIT) on a loopback port, one virtual thread per connection.
 */
final class SmtpSink implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final Thread acceptor;

    SmtpSink() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().name("smtp-sink").daemon(true).start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    long messages() {
        return messages.get();
    }

    long bytes() {
        return bytes.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket;
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream()) {
            Lines lines = new Lines(in);
            reply(out, "220 localhost paperboy bench sink");
            for (String line = lines.next(); line != null; line = lines.next()) {
                String verb = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> reply(out, "250-localhost\r\n250 8BITMIME");
                    case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "DATA" -> {
                        reply(out, "354 end with .");
                        bytes.addAndGet(lines.skipData());
                        messages.incrementAndGet();
                        reply(out, "250 OK queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** CRLF-terminated lines as ISO-8859-1 (byte for byte), read through one buffer. */
    private static final class Lines {
        private static final long END_OF_DATA = 0x0d0a2e0d0aL;
        private final InputStream in;
        private final byte[] buf = new byte[64 * 1024];
        private int pos;
        private int len;

        Lines(InputStream in) {
            this.in = in;
        }

        /** Skips a message up to and including its final "." line; returns the bytes skipped. */
        long skipData() throws IOException {
            long skipped = 0;
            // The last bytes seen, so that CRLF "." CRLF is found across buffer refills.
            long window = ('\r' << 8) | '\n';
            while (true) {
                for (int i = pos; i < len; i++) {
                    window = (window << 8) | (buf[i] & 0xff);
                    if ((window & 0xffffffffffL) == END_OF_DATA) {
                        skipped += i + 1 - pos;
                        pos = i + 1;
                        return skipped;
                    }
                }
                skipped += len - pos;
                pos = 0;
                len = in.read(buf);
                if (len < 0) {
                    len = 0;
                    return skipped;
                }
            }
        }

        /** The next line without its line break, or null at the end of the stream. */
        String next() throws IOException {
            ByteArrayOutputStream spill = null;
            while (true) {
                for (int i = pos; i < len; i++) {
                    if (buf[i] == '\n') {
                        int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                        String line;
                        if (spill == null) {
                            line = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
                        } else {
                            spill.write(buf, pos, i - pos);
                            byte[] b = spill.toByteArray();
                            int n = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
                            line = new String(b, 0, n, StandardCharsets.ISO_8859_1);
                        }
                        pos = i + 1;
                        return line;
                    }
                }
                if (len > pos) {
                    spill = spill == null ? new ByteArrayOutputStream() : spill;
                    spill.write(buf, pos, len - pos);
                }
                pos = 0;
                len = in.read(buf);
                if (len < 0) {
                    len = 0;
                    return spill == null ? null : spill.toString(StandardCharsets.ISO_8859_1);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            acceptor.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
