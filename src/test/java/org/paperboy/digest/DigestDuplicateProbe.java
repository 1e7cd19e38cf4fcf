package org.paperboy.digest;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paperboy.store.Database;

/**
 * Measures how many digests a {@code kill -9} duplicates, and how long each digest is in doubt,
 * against a relay that takes a given time to answer the end of a message ({@link SlowRelay} in
 * front of GreenMail). One run without a kill watches the ledger (polled every 0.3 ms or so)
 * for the time each digest spends {@code unconfirmed}: the window in which a crash duplicates it.
 * Then each of KILLS runs is killed at a uniformly random moment of such a run, the next
 * {@code digest send} finishes it, and the copies GreenMail received are counted. Not a test; run
 * by hand (figures in BENCHMARKS.md):
 *
 * <pre>./mvnw -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.paperboy.digest.DigestDuplicateProbe \
 *   DELAY_MS KILLS SUBSCRIBERS [SEED]</pre>
 */
public final class DigestDuplicateProbe {

    private static final String DAY = "2026-07-01";
    private static final Pattern REPORT = Pattern.compile(".*in_doubt=(\\d+).*");

    private DigestDuplicateProbe() {}

    /** What one run left: copies beyond one per reader, digests in doubt, windows seen. */
    private record Outcome(int duplicates, int inDoubt, long runMillis, List<Double> windowsMs, int notSeenInDoubt) {}

    public static void main(String[] args) throws Exception {
        Duration delay = Duration.ofMillis(Long.parseLong(args[0]));
        int kills = Integer.parseInt(args[1]);
        int subscribers = Integer.parseInt(args[2]);
        Random random = new Random(args.length > 3 ? Long.parseLong(args[3]) : 1);

        Outcome calibration = once(delay, subscribers, -1);
        List<Double> w = new ArrayList<>(calibration.windowsMs());
        Collections.sort(w);
        System.out.printf(
                Locale.ROOT,
                "{\"relay_delay_ms\":%d,\"connections\":%d,\"subscribers\":%d,\"run_ms\":%d,"
                        + "\"window_ms\":{\"n\":%d,\"min\":%.1f,\"median\":%.1f,\"p95\":%.1f,\"max\":%.1f},"
                        + "\"not_seen_unconfirmed\":%d}%n",
                delay.toMillis(),
                DigestSender.CONNECTIONS,
                subscribers,
                calibration.runMillis(),
                w.size(),
                w.isEmpty() ? 0 : w.getFirst(),
                w.isEmpty() ? 0 : w.get(w.size() / 2),
                w.isEmpty() ? 0 : w.get((int) Math.min(w.size() - 1, Math.round(w.size() * 0.95))),
                w.isEmpty() ? 0 : w.getLast(),
                calibration.notSeenInDoubt());
        int total = 0;
        int max = 0;
        List<Integer> each = new ArrayList<>();
        for (int k = 0; k < kills; k++) {
            long at = (long) (random.nextDouble() * calibration.runMillis());
            Outcome o = once(delay, subscribers, at);
            each.add(o.duplicates());
            total += o.duplicates();
            max = Math.max(max, o.duplicates());
            System.out.printf(
                    Locale.ROOT,
                    "{\"kill_at_ms\":%d,\"duplicates\":%d,\"in_doubt\":%d}%n",
                    at,
                    o.duplicates(),
                    o.inDoubt());
        }
        if (kills > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "{\"kills\":%d,\"duplicates\":%s,\"total\":%d,\"mean\":%.2f,\"max\":%d}%n",
                    kills,
                    each,
                    total,
                    (double) total / kills,
                    max);
        }
    }

    /** One run, killed {@code killAtMs} after its first digest was claimed (never when negative). */
    private static Outcome once(Duration delay, int subscribers, long killAtMs) throws Exception {
        Path dir = Files.createTempDirectory("paperboy-dup-probe");
        Path data = dir.resolve("data");
        List<String> readers = DigestCrashIT.setUp(data, subscribers);
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        try (SlowRelay relay = new SlowRelay(greenMail.getSmtp().getPort(), delay);
                LedgerWatch watch = new LedgerWatch(data)) {
            Process first = paperboy(data, relay.port(), dir.resolve("first"));
            long started = watch.awaitFirstClaim(first);
            int inDoubt = 0;
            if (killAtMs >= 0) {
                long wait = started + TimeUnit.MILLISECONDS.toNanos(killAtMs) - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
                first.destroyForcibly();
                first.waitFor(30, TimeUnit.SECONDS);
                watch.close();
                Process second = paperboy(data, greenMail.getSmtp().getPort(), dir.resolve("second"));
                second.waitFor(120, TimeUnit.SECONDS);
                for (String line : Files.readAllLines(dir.resolve("second.out"))) {
                    Matcher m = REPORT.matcher(line);
                    if (m.matches()) {
                        inDoubt = Integer.parseInt(m.group(1));
                    }
                }
            } else {
                first.waitFor(300, TimeUnit.SECONDS);
            }
            long runMillis = TimeUnit.NANOSECONDS.toMillis(watch.lastSent() - started);
            Map<String, Integer> copies = new HashMap<>();
            for (MimeMessage m : greenMail.getReceivedMessages()) {
                copies.merge(m.getAllRecipients()[0].toString(), 1, Integer::sum);
            }
            if (!copies.keySet().containsAll(readers)) {
                throw new IllegalStateException("a reader got no digest: " + copies);
            }
            int duplicates = copies.values().stream().mapToInt(c -> c - 1).sum();
            return new Outcome(duplicates, inDoubt, runMillis, watch.windowsMs(), watch.notSeenInDoubt());
        } finally {
            greenMail.stop();
        }
    }

    private static Process paperboy(Path data, int smtpPort, Path output) throws IOException {
        ProcessBuilder pb = DigestCrashIT.paperboyCommand(data, smtpPort, "digest", "send", "--date", DAY);
        pb.redirectOutput(output.resolveSibling(output.getFileName() + ".out").toFile());
        pb.redirectError(output.resolveSibling(output.getFileName() + ".err").toFile());
        return pb.start();
    }

    /**
     * Polls the ledger from its own connection (WAL: readers never block the writer) and notes
     * when each digest was first seen {@code unconfirmed} and first seen {@code sent}.
     */
    private static final class LedgerWatch implements AutoCloseable {
        private final Connection connection;
        private final Map<Long, Long> unconfirmed = new ConcurrentHashMap<>();
        private final Map<Long, Long> sent = new ConcurrentHashMap<>();
        private final AtomicLong firstClaim = new AtomicLong();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;

        LedgerWatch(Path data) throws Exception {
            connection = DriverManager.getConnection(Database.sqliteUrl(data));
            thread = Thread.ofPlatform().daemon().name("ledger-watch").start(this::poll);
        }

        private void poll() {
            try (Statement st = connection.createStatement()) {
                while (!stop.get()) {
                    try (ResultSet rs = st.executeQuery("SELECT subscription_id, state FROM digest_ledger")) {
                        long now = System.nanoTime();
                        while (rs.next()) {
                            long id = rs.getLong(1);
                            String state = rs.getString(2);
                            if (!state.equals("planned")) {
                                firstClaim.compareAndSet(0, now);
                            }
                            if (state.equals("unconfirmed")) {
                                unconfirmed.putIfAbsent(id, now);
                            } else if (state.equals("sent")) {
                                sent.putIfAbsent(id, now);
                            }
                        }
                    }
                    LockSupport.parkNanos(200_000); // about 0.3 ms between polls
                }
            } catch (Exception e) {
                if (!stop.get()) {
                    e.printStackTrace();
                }
            }
        }

        long awaitFirstClaim(Process p) throws InterruptedException {
            while (firstClaim.get() == 0 && p.isAlive()) {
                Thread.sleep(1);
            }
            return firstClaim.get();
        }

        long lastSent() {
            return sent.values().stream().mapToLong(Long::longValue).max().orElse(firstClaim.get());
        }

        /** Per digest seen both unconfirmed and sent: the time between, in milliseconds. */
        List<Double> windowsMs() {
            List<Double> w = new ArrayList<>();
            unconfirmed.forEach((id, at) -> {
                Long done = sent.get(id);
                if (done != null) {
                    w.add((done - at) / 1e6);
                }
            });
            return w;
        }

        /** Digests that went from sending to sent between two polls (in doubt for less than a poll). */
        int notSeenInDoubt() {
            return (int) sent.keySet().stream()
                    .filter(id -> !unconfirmed.containsKey(id))
                    .count();
        }

        @Override
        public void close() throws Exception {
            if (stop.compareAndSet(false, true)) {
                thread.join(5000);
                connection.close();
            }
        }
    }
}
