package org.paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperboy.store.Database;
import org.paperboy.store.PaperRepository;
import org.paperboy.store.Subscription.Frequency;
import org.paperboy.store.Subscription.Settings;
import org.paperboy.store.SubscriptionRepository;

/**
 * {@code paperboy digest send} killed with SIGKILL in the middle of a run (a separate JVM whose
 * SMTP server stops answering after k messages, either before the end of a message or after it),
 * then run again against a working server: each subscriber gets exactly one digest.
 */
class DigestCrashIT {

    private static final int SUBSCRIBERS = 20;
    private static final int ACCEPTED_BEFORE_KILL = 7;
    /** How long the slow relay takes to answer the end of a message. */
    private static final Duration SLOW_ANSWER = Duration.ofSeconds(2);

    private static final Pattern REPORT =
            Pattern.compile("planned=(\\d+) sent=(\\d+) skipped=(\\d+) failed=(\\d+) resumed=(\\d+) in_doubt=(\\d+)");

    @RegisterExtension
    final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Stall.class)
    void after_kill_9_the_next_run_sends_exactly_the_missing_digests(Stall stall) throws Exception {
        Path data = dir.resolve("data");
        List<String> readers = setUp(data);

        Map<String, String> delivered;
        Map<String, String> inFlight;
        try (StallingSmtp stalling = new StallingSmtp(ACCEPTED_BEFORE_KILL, stall)) {
            Process first =
                    paperboy(data, stalling.port(), dir.resolve("first.txt"), "digest", "send", "--date", "2026-07-01");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (stalling.accepted().size() < ACCEPTED_BEFORE_KILL && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // Every connection is now held at the stall with one digest (13 remain, more than the connections).
            while (stalling.stalled().size() < DigestSender.CONNECTIONS && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            Result concurrent = run(data, greenMail.getSmtp().getPort(), "digest", "send", "--date", "2026-07-01");
            assertThat(concurrent.exit()).isEqualTo(1);
            assertThat(concurrent.err())
                    .contains("paperboy: another digest run is in progress (process " + first.pid() + ")");

            first.destroyForcibly(); // SIGKILL
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            delivered = Map.copyOf(stalling.accepted());
            inFlight = Map.copyOf(stalling.stalled());
        }
        assertThat(delivered).hasSize(ACCEPTED_BEFORE_KILL);
        assertThat(inFlight).hasSize(DigestSender.CONNECTIONS);
        assertThat(greenMail.getReceivedMessages())
                .as("the concurrent run sent nothing")
                .isEmpty();

        Result second = run(data, greenMail.getSmtp().getPort(), "digest", "send", "--date", "2026-07-01");
        Matcher m = second.report();
        assertThat(second.exit()).isZero();
        int resumed = Integer.parseInt(m.group(5));
        assertThat(m.group(1) + " " + m.group(2) + " " + m.group(3) + " " + m.group(4))
                .as("planned sent skipped failed")
                .isEqualTo((SUBSCRIBERS - ACCEPTED_BEFORE_KILL) + " " + (SUBSCRIBERS - ACCEPTED_BEFORE_KILL) + " 0 0");
        assertThat(resumed).as("digests in flight at the kill").isEqualTo(DigestSender.CONNECTIONS);
        assertThat(Integer.parseInt(m.group(6)))
                .as("in doubt: the end of the message had been sent")
                .isEqualTo(stall == Stall.AFTER_END ? DigestSender.CONNECTIONS : 0);

        for (String r : readers) {
            MimeMessage[] got = greenMail.getReceivedMessagesForDomain(r);
            assertThat(got.length + (delivered.containsKey(r) ? 1 : 0))
                    .as(r + " got exactly one digest")
                    .isEqualTo(1);
            if (stall == Stall.AFTER_END && inFlight.containsKey(r)) {
                assertThat(got[0].getMessageID())
                        .as("sent again with the Message-ID of the copy in doubt")
                        .isEqualTo(inFlight.get(r));
            }
        }

        Result third = run(data, greenMail.getSmtp().getPort(), "digest", "send", "--date", "2026-07-01");
        assertThat(third.lastLine()).isEqualTo("planned=0 sent=0 skipped=0 failed=0 resumed=0 in_doubt=0");
        assertThat(greenMail.getReceivedMessages()).hasSize(SUBSCRIBERS - ACCEPTED_BEFORE_KILL);
    }

    /**
     * A relay that takes {@link #SLOW_ANSWER} to answer the end of a message (it scans or forwards
     * first) but has the message as soon as it read that end: the window in which a crash
     * duplicates a digest. Killed at the worst moment, when every connection waits for such an
     * answer, the run leaves one digest per connection in doubt, and no more (docs/digest.md).
     */
    @Test
    void after_kill_9_against_a_slow_relay_at_most_one_digest_per_connection_arrives_twice() throws Exception {
        Path data = dir.resolve("data");
        List<String> readers = setUp(data);
        try (SlowRelay relay = new SlowRelay(greenMail.getSmtp().getPort(), SLOW_ANSWER)) {
            Process first =
                    paperboy(data, relay.port(), dir.resolve("first.txt"), "digest", "send", "--date", "2026-07-01");
            awaitHolding(relay, first);
            first.destroyForcibly(); // SIGKILL
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        int beforeKill = greenMail.getReceivedMessages().length;

        Result second = run(data, greenMail.getSmtp().getPort(), "digest", "send", "--date", "2026-07-01");
        Matcher m = second.report();
        assertThat(second.exit()).isZero();
        int inDoubt = Integer.parseInt(m.group(6));

        Map<String, List<String>> copies = new java.util.HashMap<>();
        for (MimeMessage got : greenMail.getReceivedMessages()) {
            copies.computeIfAbsent(got.getAllRecipients()[0].toString(), k -> new ArrayList<>())
                    .add(got.getMessageID());
        }
        assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(readers);
        int duplicates = 0;
        for (Map.Entry<String, List<String>> e : copies.entrySet()) {
            assertThat(java.util.Set.copyOf(e.getValue()))
                    .as(e.getKey() + ": every copy has one Message-ID")
                    .hasSize(1);
            duplicates += e.getValue().size() - 1;
        }
        assertThat(duplicates)
                .as("digests sent twice: those in doubt, at most one per connection")
                .isEqualTo(inDoubt)
                .isEqualTo(beforeKill)
                .isLessThanOrEqualTo(DigestSender.CONNECTIONS);
        assertThat(inDoubt).as("the worst moment reaches the bound").isEqualTo(DigestSender.CONNECTIONS);
    }

    /**
     * SIGTERM (or Ctrl-C) against the same slow relay: {@code digest send} stops starting digests
     * and waits for the answers to those in flight, so that none is left in doubt.
     */
    @Test
    void a_stop_signal_waits_for_the_answers_to_the_digests_in_flight_so_none_is_sent_twice() throws Exception {
        Path data = dir.resolve("data");
        List<String> readers = setUp(data);
        Path firstErr = dir.resolve("first.txt");
        Result first;
        try (SlowRelay relay = new SlowRelay(greenMail.getSmtp().getPort(), SLOW_ANSWER)) {
            Process p = paperboy(data, relay.port(), firstErr, "digest", "send", "--date", "2026-07-01");
            awaitHolding(relay, p);
            p.toHandle().destroy(); // SIGTERM, keeping the output readable (Process.destroy closes it)
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            List<String> out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                    .lines()
                    .toList();
            first = new Result(p.exitValue(), out, Files.readString(firstErr));
        }
        assertThat(first.exit()).isEqualTo(143);
        assertThat(first.err())
                .contains("paperboy: stopping after the digests in flight")
                .contains("paperboy: stopped; the digests not sent stay planned for the next run");
        int sentFirst = Integer.parseInt(first.report().group(2));
        assertThat(sentFirst).isGreaterThanOrEqualTo(DigestSender.CONNECTIONS);
        assertThat(greenMail.getReceivedMessages()).hasSize(sentFirst);

        Result second = run(data, greenMail.getSmtp().getPort(), "digest", "send", "--date", "2026-07-01");
        assertThat(second.exit()).isZero();
        assertThat(second.lastLine())
                .isEqualTo("planned=" + (SUBSCRIBERS - sentFirst) + " sent=" + (SUBSCRIBERS - sentFirst)
                        + " skipped=0 failed=0 resumed=0 in_doubt=0");
        for (String r : readers) {
            assertThat(greenMail.getReceivedMessagesForDomain(r))
                    .as(r + " got exactly one digest")
                    .hasSize(1);
        }
    }

    /** Waits until every connection of {@code sender} waits for the relay's answer to the end of a message. */
    private static void awaitHolding(SlowRelay relay, Process sender) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (relay.holding() < DigestSender.CONNECTIONS && sender.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(relay.holding())
                .as("connections waiting for the relay's answer")
                .isEqualTo(DigestSender.CONNECTIONS);
    }

    private List<String> setUp(Path data) {
        return setUp(data, SUBSCRIBERS);
    }

    /**
     * A store in {@code data} holding {@link DigestFixture#PAPERS} and {@code subscribers} daily
     * subscribers with trending on; answers their addresses. Shared with {@link DigestDuplicateProbe}.
     */
    static List<String> setUp(Path data, int subscribers) {
        List<String> readers = new ArrayList<>();
        try (Database db = Database.open(Database.sqliteUrl(data))) {
            PaperRepository papers = new PaperRepository(db, java.time.Clock.systemUTC());
            db.inTransaction(h -> {
                papers.insertAll(h, DigestFixture.PAPERS);
                return null;
            });
            SubscriptionRepository subscriptions = new SubscriptionRepository(db, java.time.Clock.systemUTC());
            for (int i = 1; i <= subscribers; i++) {
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
        Path stderr = Files.createTempFile(dir, "stderr", ".txt");
        Process p = paperboy(data, smtpPort, stderr, args);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        List<String> out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                .lines()
                .toList();
        String err = Files.readString(stderr);
        return new Result(p.exitValue(), out, err);
    }

    private Process paperboy(Path data, int smtpPort, Path stderr, String... args) {
        ProcessBuilder pb = paperboyCommand(data, smtpPort, args);
        pb.redirectError(stderr.toFile());
        try {
            return pb.start();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * {@code paperboy --data DATA ARGS} in a separate JVM on this classpath, mailing through the SMTP
     * server on {@code smtpPort} with sources off. Shared with {@link DigestDuplicateProbe}.
     */
    static ProcessBuilder paperboyCommand(Path data, int smtpPort, String... args) {
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
        pb.environment().put("PAPERBOY_SOURCES", "none");
        return pb;
    }

    /** Where the stalling server stops answering once it accepted its messages. */
    enum Stall {
        /** At DATA: the client never starts the message. */
        AT_DATA,
        /** After the line that ends the message: the client waits for the verdict. */
        AFTER_END
    }

    /**
     * An SMTP server that accepts {@code limit} messages, then stops answering every further
     * message at {@code stall}, as when its process hangs; it keeps none of those messages.
     */
    static final class StallingSmtp implements AutoCloseable {
        private static final Pattern MESSAGE_ID = Pattern.compile("(?i)^Message-ID: (.+)$");

        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final int limit;
        private final Stall stall;
        private final Map<String, String> accepted = new ConcurrentHashMap<>();
        private final Map<String, String> stalled = new ConcurrentHashMap<>();
        private final List<Socket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();

        StallingSmtp(int limit, Stall stall) throws IOException {
            this.limit = limit;
            this.stall = stall;
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

        /** Recipient to Message-ID of the messages accepted. */
        Map<String, String> accepted() {
            return accepted;
        }

        /** Recipient to Message-ID (empty when stalled at DATA) of the messages left unanswered. */
        Map<String, String> stalled() {
            return stalled;
        }

        private int admitted;

        /** Whether the message about to start is one of the {@code limit} the server accepts. */
        private synchronized boolean admit() {
            if (admitted == limit) {
                return false;
            }
            admitted++;
            return true;
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
                            boolean admitted = admit();
                            if (!admitted && stall == Stall.AT_DATA) {
                                stalled.put(rcpt, "");
                                Thread.sleep(Long.MAX_VALUE); // never answer
                            }
                            reply(out, "354 go on");
                            String messageId = "";
                            for (String l = r.readLine(); l != null && !l.equals("."); l = r.readLine()) {
                                Matcher m = MESSAGE_ID.matcher(l);
                                if (messageId.isEmpty() && m.matches()) {
                                    messageId = m.group(1).strip();
                                }
                            }
                            if (!admitted) {
                                stalled.put(rcpt, messageId);
                                Thread.sleep(Long.MAX_VALUE); // never answer
                            }
                            accepted.put(rcpt, messageId);
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
