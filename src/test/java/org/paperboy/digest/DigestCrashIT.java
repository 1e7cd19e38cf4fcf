package org.paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.store.Database;
import org.paperboy.store.PaperRepository;
import org.paperboy.store.Subscription.Frequency;
import org.paperboy.store.Subscription.Settings;
import org.paperboy.store.SubscriptionRepository;

/**
 * {@code paperboy digest send} killed with SIGKILL in the middle of a run (a separate JVM whose
 * SMTP server stops answering after k messages), then run again against a working server.
 */
class DigestCrashIT {

    private static final int SUBSCRIBERS = 20;
    private static final int ACCEPTED_BEFORE_KILL = 7;
    private static final Pattern REPORT =
            Pattern.compile("planned=(\\d+) sent=(\\d+) skipped=(\\d+) failed=(\\d+) uncertain=(\\d+)");

    @RegisterExtension
    final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    @Test
    void after_kill_9_the_next_run_sends_exactly_the_missing_digests_and_reports_the_ones_in_flight() throws Exception {
        Path data = dir.resolve("data");
        List<String> readers = setUp(data);

        Set<String> delivered;
        try (StallingSmtp stalling = new StallingSmtp(ACCEPTED_BEFORE_KILL)) {
            Process first = paperboy(data, stalling.port(), "digest", "send", "--date", "2026-07-01");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (stalling.accepted().size() < ACCEPTED_BEFORE_KILL && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(1000); // the other connections reach the stalled end of their message
            first.destroyForcibly(); // SIGKILL
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            delivered = Set.copyOf(stalling.accepted());
        }
        assertThat(delivered).hasSize(ACCEPTED_BEFORE_KILL);

        Result second = run(data, greenMail.getSmtp().getPort(), "digest", "send", "--date", "2026-07-01");
        Matcher m = second.report();
        int sent = Integer.parseInt(m.group(2));
        int uncertain = Integer.parseInt(m.group(5));
        assertThat(second.exit()).isZero();
        assertThat(m.group(3) + " " + m.group(4)).as("skipped failed").isEqualTo("0 0");
        assertThat(uncertain).as("digests in flight at the kill").isBetween(1, DigestSender.CONNECTIONS);
        assertThat(ACCEPTED_BEFORE_KILL + sent + uncertain).isEqualTo(SUBSCRIBERS);

        List<String> missing = new ArrayList<>();
        for (String r : readers) {
            int got = greenMail.getReceivedMessagesForDomain(r).length + (delivered.contains(r) ? 1 : 0);
            assertThat(got).as(r + " got at most one digest").isLessThanOrEqualTo(1);
            if (got == 0) {
                missing.add(r);
            }
        }
        assertThat(missing)
                .as("only the digests in flight at the kill are missing")
                .hasSize(uncertain);

        Result third = run(data, greenMail.getSmtp().getPort(), "digest", "send", "--date", "2026-07-01");
        assertThat(third.lastLine()).isEqualTo("planned=0 sent=0 skipped=0 failed=0 uncertain=" + uncertain);
        assertThat(greenMail.getReceivedMessages()).hasSize(sent);
    }

    private List<String> setUp(Path data) {
        List<String> readers = new ArrayList<>();
        try (Database db = Database.open(Database.sqliteUrl(data))) {
            PaperRepository papers = new PaperRepository(db, java.time.Clock.systemUTC());
            db.inTransaction(h -> {
                papers.insertAll(h, DigestFixture.PAPERS);
                return null;
            });
            SubscriptionRepository subscriptions = new SubscriptionRepository(db, java.time.Clock.systemUTC());
            for (int i = 1; i <= SUBSCRIBERS; i++) {
                String a = String.format(Locale.ROOT, "reader%02d@example.org", i);
                subscriptions.activate(new Settings(a, Frequency.DAILY, true, List.of(), List.of()));
                readers.add(a);
            }
        }
        return readers;
    }

    record Result(int exit, List<String> out, String err) {
        String lastLine() {
            return out.isEmpty() ? "" : out.getLast();
        }

        Matcher report() {
            Matcher m = REPORT.matcher(lastLine());
            assertThat(m.matches()).as("last line of: " + out + "\n" + err).isTrue();
            return m;
        }
    }

    private Result run(Path data, int smtpPort, String... args) throws Exception {
        Process p = paperboy(data, smtpPort, args);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        List<String> out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                .lines()
                .toList();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.exitValue(), out, err);
    }

    private Process paperboy(Path data, int smtpPort, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--add-modules",
                "jdk.incubator.vector",
                "-cp",
                System.getProperty("java.class.path"),
                "org.paperboy.cli.Main",
                "--data",
                data.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PAPERBOY_SMTP_HOST", "127.0.0.1");
        pb.environment().put("PAPERBOY_SMTP_PORT", Integer.toString(smtpPort));
        pb.environment().put("PAPERBOY_BASE_URL", "https://papers.example.org");
        pb.environment().put("PAPERBOY_MAIL_FROM", "papers@paperboy.test");
        pb.redirectError(Files.createTempFile(dir, "stderr", ".txt").toFile());
        return pb.start();
    }

    /**
     * An SMTP server that accepts {@code limit} messages, then stops answering at the end of every
     * further message: the client waits for a reply that never comes, as when a process dies.
     */
    static final class StallingSmtp implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final int limit;
        private final Set<String> accepted = ConcurrentHashMap.newKeySet();
        private final List<Socket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();

        StallingSmtp(int limit) throws IOException {
            this.limit = limit;
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        sockets.add(s);
                        Thread.ofVirtual().start(() -> serve(s));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        Set<String> accepted() {
            return accepted;
        }

        private void serve(Socket s) {
            try (s;
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream()) {
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
                reply(out, "220 stalling");
                String rcpt = null;
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    String verb =
                            line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
                    switch (verb) {
                        case "RCPT" -> {
                            rcpt = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                            reply(out, "250 OK");
                        }
                        case "DATA" -> {
                            reply(out, "354 go on");
                            for (String l = r.readLine(); l != null && !l.equals("."); l = r.readLine()) {
                                // the message
                            }
                            boolean stall;
                            synchronized (accepted) {
                                stall = accepted.size() >= limit;
                                if (!stall) {
                                    accepted.add(rcpt);
                                }
                            }
                            if (stall) {
                                Thread.sleep(Long.MAX_VALUE); // never answer
                            }
                            reply(out, "250 queued");
                        }
                        case "QUIT" -> {
                            reply(out, "221 bye");
                            return;
                        }
                        default -> reply(out, "250 OK");
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the client died or the server closed
            }
        }

        private static void reply(OutputStream out, String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
