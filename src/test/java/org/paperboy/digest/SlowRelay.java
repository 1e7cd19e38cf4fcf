package org.paperboy.digest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SMTP relay on a free loopback port in front of a real server (GreenMail), holding the
 * server's answer to the end of each message for {@code delay}, as a relay that scans or forwards
 * mail before it answers. The server has the message as soon as it reads the end; a client killed
 * while the answer is held has it delivered without knowing. Everything else passes through as is.
 */
final class SlowRelay implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final Duration delay;
    private final AtomicInteger holding = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    SlowRelay(int targetPort, Duration delay) throws IOException {
        this.targetPort = targetPort;
        this.delay = delay;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("relay-accept").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Answers to the end of a message the server gave and the relay is holding now. */
    int holding() {
        return holding.get();
    }

    /** Answers to the end of a message passed on to the client so far. */
    int answered() {
        return answered.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                // Line by line with Nagle's algorithm on, the end of each message would wait up to
                // 40 ms for a delayed ACK here, a delay no relay on the other end of a wire adds.
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                open.add(client);
                open.add(upstream);
                AtomicLong holdUntil = new AtomicLong();
                Thread.ofPlatform().daemon().name("relay-up").start(() -> clientToServer(client, upstream, holdUntil));
                Thread.ofPlatform()
                        .daemon()
                        .name("relay-down")
                        .start(() -> serverToClient(upstream, client, holdUntil));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Passes the client's lines on; at the line that ends a message, asks for the next answer to be held. */
    private void clientToServer(Socket client, Socket upstream, AtomicLong holdUntil) {
        try (InputStream in = new BufferedInputStream(client.getInputStream());
                OutputStream out = upstream.getOutputStream()) {
            boolean data = false;
            for (byte[] line = line(in); line != null; line = line(in)) {
                String text = new String(line, StandardCharsets.ISO_8859_1).strip();
                if (data && text.equals(".")) {
                    data = false;
                    holdUntil.set(System.nanoTime() + delay.toNanos());
                } else if (!data && text.toUpperCase(Locale.ROOT).equals("DATA")) {
                    data = true;
                }
                out.write(line);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    /** Passes the server's answers back, holding the one that follows the end of a message. */
    private void serverToClient(Socket upstream, Socket client, AtomicLong holdUntil) {
        try (InputStream in = new BufferedInputStream(upstream.getInputStream());
                OutputStream out = client.getOutputStream()) {
            for (byte[] line = line(in); line != null; line = line(in)) {
                long until = holdUntil.getAndSet(0);
                if (until != 0) {
                    holding.incrementAndGet();
                    try {
                        long wait = until - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(Duration.ofNanos(wait));
                        }
                    } finally {
                        holding.decrementAndGet();
                    }
                    answered.incrementAndGet();
                }
                out.write(line);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // one side closed
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    /** One line with its line ending, or null at the end of the stream. */
    private static byte[] line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) != -1) {
            b.write(c);
            if (c == '\n') {
                break;
            }
        }
        return b.size() == 0 ? null : b.toByteArray();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            closeQuietly(s);
        }
    }
}
