package org.paperboy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.digest.DigestReport;
import org.paperboy.digest.DigestRun;
import org.paperboy.digest.DigestSender;
import org.paperboy.digest.Digests;
import org.paperboy.digest.MailerPool;
import org.paperboy.digest.Retry;
import org.paperboy.mail.SmtpMailer;
import org.paperboy.mail.SmtpSettings;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.paperboy.search.IndexService;
import org.paperboy.store.Subscription.Alert;
import org.paperboy.store.Subscription.Frequency;
import org.paperboy.store.Subscription.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench digest}: compose and send digests to N subscribers over SMTP, to a local sink
 * (or {@code --smtp-port} of a local server), from a fresh store with one day of synthetic papers,
 * and report digests/s. Subscribers mix trending, categories and alerts as real ones would.
 */
@Command(
        name = "digest",
        mixinStandardHelpOptions = true,
        description = {
            "Compose and send one day's digest to N subscribers (fresh SQLite store in a temporary directory, one",
            "day of synthetic papers indexed with the real model, a local SMTP sink) and report digests/s."
        })
final class DigestBench implements Callable<Integer> {

    static final LocalDate DAY = LocalDate.of(2026, 7, 1);

    private static final String[] CATEGORIES = {
        "cs.CL", "cs.CV", "cs.LG", "cs.AI", "cs.IR", "cs.RO", "cs.CR", "cs.SE", "cs.DB", "cs.HC", "stat.ML", "eess.AS"
    };

    private static final String[] TOPICS = {
        "retrieval",
        "dense embeddings",
        "sparse retrieval",
        "language models",
        "reasoning",
        "image segmentation",
        "object detection",
        "diffusion models",
        "reinforcement learning",
        "robot grasping",
        "motion planning",
        "graph neural networks",
        "federated learning",
        "differential privacy",
        "adversarial attacks",
        "program repair",
        "code generation",
        "query optimization",
        "speech recognition",
        "user studies",
        "quantization",
        "recommendation",
        "question answering",
        "machine translation",
        "video understanding"
    };

    @CommandLine.ParentCommand
    BenchCommand bench;

    @Option(
            names = "--subscribers",
            defaultValue = "10000",
            paramLabel = "N",
            description = "Subscribers (default 10000).")
    int subscribers;

    @Option(
            names = "--papers",
            defaultValue = "300",
            paramLabel = "N",
            description = "Papers listed that day (default 300).")
    int papers;

    @Option(
            names = "--connections",
            defaultValue = "" + DigestSender.CONNECTIONS,
            paramLabel = "N",
            description = "SMTP connections (and sending threads) at once (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(
            names = "--smtp-port",
            paramLabel = "PORT",
            description = "Send to an SMTP server on localhost:PORT instead of the built-in sink.")
    Integer smtpPort;

    @Override
    public Integer call() throws Exception {
        if (subscribers < 1 || papers < 1 || connections < 1) {
            throw new IllegalArgumentException("--subscribers, --papers and --connections must be at least 1");
        }
        Path tmp = Files.createTempDirectory("paperboy-bench-digest");
        try (SmtpSink sink = new SmtpSink()) {
            int port = smtpPort != null ? smtpPort : sink.port();
            PaperboyConfig config = bench.main.config(Map.of(
                    PaperboyConfig.DATA, tmp.resolve("data").toString(),
                    PaperboyConfig.BASE_URL, "https://papers.example.org",
                    PaperboyConfig.MAIL_FROM, "Paperboy <papers@example.org>",
                    PaperboyConfig.SMTP_HOST, "127.0.0.1",
                    PaperboyConfig.SMTP_PORT, Integer.toString(port)));
            try (Services s = new Services(config);
                    MailerPool mailer = MailerPool.of(connections, () -> new SmtpMailer(SmtpSettings.from(config)))) {
                long t0 = System.nanoTime();
                SplittableRandom random = new SplittableRandom(42);
                s.database().transaction(tx -> {
                    s.papers().insertAll(tx, synthetic(papers, random));
                    return null;
                });
                IndexService index = s.indexService();
                index.syncDocuments(IndexService.Listener.NONE);
                index.buildVectors(IndexService.Listener.NONE, () -> false);
                Digests digests = s.digests(
                        q -> s.embedder().embedQuery(q),
                        mailer,
                        mailer.size(),
                        Retry.DEFAULT,
                        Retry.Sleeper.REAL,
                        org.paperboy.digest.PersonalSection.NONE);
                for (int i = 0; i < subscribers; i++) {
                    digests.subscriptionStore().activate(subscriber(i, random));
                }
                System.err.printf(
                        "set up %d papers (indexed) and %d subscribers in %.1f s%n",
                        papers, subscribers, (System.nanoTime() - t0) / 1e9);
                long t1 = System.nanoTime();
                long cpu0 = processCpuNanos();
                DigestReport report = digests.sender().run(DigestRun.forDate(DAY), DigestSender.Listener.NONE);
                double seconds = (System.nanoTime() - t1) / 1e9;
                double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
                ObjectNode o = new ObjectMapper().createObjectNode();
                o.put("bench", "digest");
                o.put("subscribers", subscribers);
                o.put("papers", papers);
                o.put("connections", connections);
                o.put("planned", report.planned());
                o.put("sent", report.sent());
                o.put("skipped", report.skipped());
                o.put("failed", report.failed());
                if (smtpPort == null) {
                    o.put("received", sink.messages());
                    o.put(
                            "avg_message_kb",
                            sink.messages() == 0 ? 0 : Math.round(sink.bytes() / 102.4 / sink.messages()) / 10.0);
                }
                o.put("seconds", Math.round(seconds * 100) / 100.0);
                o.put("digests_per_s", Math.round(report.sent() / seconds));
                // CPU of the whole process (sink included): what the run costs when the machine is shared.
                o.put("cpu_seconds", Math.round(cpuSeconds * 100) / 100.0);
                o.put("cpu_ms_per_digest", Math.round(cpuSeconds * 1e5 / Math.max(1, report.sent())) / 100.0);
                o.put("heap_peak_used_mb", peakHeapUsedMb());
                o.put("cores", Runtime.getRuntime().availableProcessors());
                o.put("jdk", Runtime.version().toString());
                System.out.println(o);
                return report.failed() == 0 ? 0 : 1;
            }
        } finally {
            deleteTree(tmp);
        }
    }

    /** Papers listed on {@link #DAY} with topic words in title and abstract and skewed upvotes. */
    static List<Paper> synthetic(int n, SplittableRandom random) {
        List<Paper> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String a = TOPICS[random.nextInt(TOPICS.length)];
            String b = TOPICS[random.nextInt(TOPICS.length)];
            List<String> cats = new ArrayList<>(List.of(CATEGORIES[random.nextInt(CATEGORIES.length)]));
            String second = CATEGORIES[random.nextInt(CATEGORIES.length)];
            if (!cats.contains(second) && random.nextBoolean()) {
                cats.add(second);
            }
            List<Author> authors = new ArrayList<>();
            for (int k = 0, m = 1 + random.nextInt(8); k < m; k++) {
                authors.add(new Author("Author " + random.nextInt(5000)));
            }
            out.add(Paper.builder(String.format(java.util.Locale.ROOT, "2607.%05d", i + 1))
                    .title("Towards " + a + " with " + b + ": a study " + (i + 1))
                    .abstractText("We study " + a + " and " + b + ". Our method improves " + a + " on standard "
                            + "benchmarks, and an analysis of " + b + " shows where the gains come from. We release "
                            + "code and data so that others can build on " + a + " and " + b + " in future work. "
                            + "Experiments cover several settings and baselines.")
                    .authors(authors)
                    .categories(cats)
                    .listedOn(DAY)
                    .published(DAY)
                    .upvotes((int) Math.floor(Math.pow(random.nextDouble(), 3) * 60))
                    .build());
        }
        return out;
    }

    /** A subscriber: mostly daily, most want trending, many follow categories, some have alerts. */
    static Settings subscriber(int i, SplittableRandom random) {
        List<String> cats = new ArrayList<>();
        for (int k = 0, m = random.nextInt(4); k < m; k++) {
            String c = CATEGORIES[random.nextInt(CATEGORIES.length)];
            if (!cats.contains(c)) {
                cats.add(c);
            }
        }
        List<Alert> alerts = new ArrayList<>();
        for (int k = 0, m = random.nextInt(3); k < m; k++) {
            alerts.add(new Alert(TOPICS[random.nextInt(TOPICS.length)], random.nextInt(3) == 0 ? "cs.LG" : null));
        }
        boolean trending = random.nextInt(10) < 7 || (cats.isEmpty() && alerts.isEmpty());
        Frequency f = random.nextInt(5) == 0 ? Frequency.WEEKLY : Frequency.DAILY;
        return new Settings("reader" + i + "@example.org", f, trending, cats, alerts);
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }

    private static long peakHeapUsedMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
