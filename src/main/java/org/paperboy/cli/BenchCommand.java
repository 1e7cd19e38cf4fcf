package org.paperboy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.ingest.ImportListener;
import org.paperboy.ingest.Importer;
import org.paperboy.store.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code paperboy bench}: whole-path throughput figures, one JSON line each. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure whole paths; prints one JSON line of figures.",
        subcommands = {
            BenchCommand.Ingest.class,
            BenchCommand.Search.class,
            DigestBench.class,
            SourcesBench.class,
            EmbedBench.class,
            ForYouBench.class
        })
final class BenchCommand implements Runnable {

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "name a benchmark: ingest, search, digest, sources or embed");
    }

    /** {@code bench ingest}: import files (or a generated synthetic file) into an empty store. */
    @Command(
            name = "ingest",
            mixinStandardHelpOptions = true,
            description = {
                "Import FILEs, or --synthetic N generated papers, into an empty store and report papers/s",
                "and heap. Without --db the store is a fresh SQLite file in a temporary directory; with --db the",
                "database must be empty (e.g. a new PostgreSQL database)."
            })
    static final class Ingest implements Callable<Integer> {

        @CommandLine.ParentCommand
        BenchCommand bench;

        @Parameters(paramLabel = "FILE", arity = "0..*", description = "Files to import.")
        List<Path> files = new ArrayList<>();

        @Option(
                names = "--synthetic",
                paramLabel = "N",
                description = "Generate N synthetic arxiv-listing papers "
                        + "(gzip JSONL in a temporary directory) and import those instead.")
        Integer synthetic;

        @Option(names = "--keep", description = "Keep the temporary directory and print its path.")
        boolean keep;

        @Override
        public Integer call() throws IOException {
            if (files.isEmpty() == (synthetic == null)) {
                throw new CommandLine.ParameterException(bench.spec.commandLine(), "give FILEs or --synthetic N");
            }
            Path tmp = Files.createTempDirectory("paperboy-bench");
            List<Path> inputs = files;
            if (synthetic != null) {
                Path file = tmp.resolve("synthetic-" + synthetic + ".jsonl.gz");
                long t0 = System.nanoTime();
                writeSynthetic(file, synthetic);
                System.err.printf(
                        "generated %d papers (%d MB gzip) in %.1f s%n",
                        synthetic, Files.size(file) >> 20, (System.nanoTime() - t0) / 1e9);
                inputs = List.of(file);
            }
            PaperboyConfig config = bench.main.config(
                    Map.of(PaperboyConfig.DATA, tmp.resolve("data").toString()));
            String db = bench.main.db != null ? config.dbUrl() : Database.sqliteUrl(tmp.resolve("data"));
            try (Services s = new Services(config.withDbUrl(db))) {
                if (s.papers().count() != 0) {
                    throw new IllegalArgumentException("the database is not empty; bench ingest needs an empty one");
                }
                resetPeaks();
                long t0 = System.nanoTime();
                Importer.Run run = s.importer().importFiles(inputs, null, ImportListener.NONE);
                double seconds = (System.nanoTime() - t0) / 1e9;
                ObjectNode o = new ObjectMapper().createObjectNode();
                o.put("bench", "ingest");
                o.put("db", s.database().dialect().name().toLowerCase(java.util.Locale.ROOT));
                o.put("records", run.report().records());
                o.put("imported", run.report().imported());
                o.put("rejected", run.report().rejected());
                o.put("seconds", Math.round(seconds * 100) / 100.0);
                o.put("papers_per_s", Math.round(run.report().records() / seconds));
                o.put("heap_max_mb", Runtime.getRuntime().maxMemory() >> 20);
                o.put("heap_peak_used_mb", peakHeapUsedMb());
                o.put("cores", Runtime.getRuntime().availableProcessors());
                o.put("jdk", Runtime.version().toString());
                System.out.println(o);
                return run.report().failures().isEmpty() ? 0 : 1;
            } finally {
                if (keep) {
                    System.err.println("kept " + tmp);
                } else {
                    deleteTree(tmp);
                }
            }
        }
    }

    /**
     * {@code bench search}: latency of whole searches (query embedding included) over the store's
     * index, one mode after another, one query at a time.
     */
    @Command(
            name = "search",
            mixinStandardHelpOptions = true,
            description = {
                "Search the index (DATA/index) with queries made from the first words of random paper titles",
                "and report p50 / p99 latency and queries/s per mode (query embedding included)."
            })
    static final class Search implements Callable<Integer> {

        @CommandLine.ParentCommand
        BenchCommand bench;

        @Option(names = "--queries", defaultValue = "1000", paramLabel = "N", description = "Timed queries per mode.")
        int queries;

        @Option(names = "--warmup", defaultValue = "200", paramLabel = "N", description = "Untimed queries first.")
        int warmup;

        @Option(
                names = "--candidates",
                paramLabel = "N",
                description = "How deep BM25 and dense each rank before hybrid fusion (default: the serving value).")
        Integer candidates;

        @Override
        public Integer call() {
            try (Services s = new Services(bench.main.config(Map.of()))) {
                var index = s.readIndex();
                if (index.count() == 0) {
                    throw new IllegalArgumentException("the index is empty: import papers first");
                }
                List<String> texts = sampleQueries(s, queries + warmup);
                var searcher = candidates == null
                        ? s.searcher()
                        : s.searcher(org.paperboy.search.SearchSettings.DEFAULT.withCandidates(candidates, candidates));
                var embedder = s.embedder();
                for (var mode : List.of(
                        org.paperboy.search.SearchMode.BM25,
                        org.paperboy.search.SearchMode.DENSE,
                        org.paperboy.search.SearchMode.HYBRID)) {
                    long[] nanos = new long[queries];
                    long total = 0;
                    for (int i = 0; i < texts.size(); i++) {
                        long t0 = System.nanoTime();
                        String q = texts.get(i);
                        float[] v = mode == org.paperboy.search.SearchMode.BM25 ? null : embedder.embedQuery(q);
                        searcher.search(new org.paperboy.search.SearchRequest(
                                q, v, mode, null, s.searchAlpha(), null, 0, 10, false));
                        long took = System.nanoTime() - t0;
                        if (i >= warmup) {
                            nanos[i - warmup] = took;
                            total += took;
                        }
                    }
                    java.util.Arrays.sort(nanos);
                    ObjectNode o = new ObjectMapper().createObjectNode();
                    o.put("bench", "search");
                    o.put("mode", mode.key());
                    o.put("papers", index.count());
                    o.put("with_vector", index.countWithVector());
                    o.put("queries", queries);
                    o.put("p50_ms", ms(nanos[nanos.length / 2]));
                    o.put("p99_ms", ms(nanos[(int) Math.min(nanos.length - 1, Math.ceil(nanos.length * 0.99) - 1)]));
                    o.put("mean_ms", ms(total / queries));
                    o.put("qps", Math.round(queries / (total / 1e9)));
                    o.put("cores", Runtime.getRuntime().availableProcessors());
                    o.put("jdk", Runtime.version().toString());
                    System.out.println(o);
                }
                return 0;
            }
        }

        private static double ms(long nanos) {
            return Math.round(nanos / 1e4) / 100.0;
        }

        /** The first two to six words of the titles of random papers (seed 7). */
        private static List<String> sampleQueries(Services s, int n) {
            List<String> titles = new ArrayList<>();
            s.papers().forEach(p -> titles.add(p.title()));
            SplittableRandom random = new SplittableRandom(7);
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String[] words = titles.get(random.nextInt(titles.size())).split("\\s+");
                int k = Math.min(words.length, 2 + random.nextInt(5));
                out.add(String.join(" ", java.util.Arrays.copyOf(words, k)));
            }
            return out;
        }
    }

    private static final String[] WORDS = ("learning model models neural network networks language large vision "
                    + "transformer attention retrieval dense sparse graph data training inference efficient robust "
                    + "benchmark evaluation method approach results show propose novel task tasks performance state art "
                    + "embedding embeddings representation diffusion generation reasoning agent agents policy reward "
                    + "optimization gradient loss scale scaling memory quantization search ranking hybrid lexical semantic "
                    + "text image video audio multimodal alignment safety privacy federated distributed systems")
            .split(" ");
    private static final String[] CATEGORIES = {"cs.CL", "cs.CV", "cs.LG", "cs.AI", "cs.IR", "cs.RO", "stat.ML"};

    /** Writes {@code n} arxiv-listing records of realistic size, deterministically (seed 42). */
    static void writeSynthetic(Path file, int n) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        ObjectMapper json = new ObjectMapper();
        LocalDate first = LocalDate.of(2015, 1, 1);
        try (OutputStream out =
                new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), 1 << 16)) {
            for (int i = 0; i < n; i++) {
                int month = i / 90_000; // at most 99,999 numbers per month in new-style ids
                LocalDate day = first.plusMonths(month).plusDays((i % 90_000) * 27L / 90_000); // stays in its month
                String id = String.format("%02d%02d.%05d", day.getYear() % 100, day.getMonthValue(), i % 90_000 + 1);
                ObjectNode o = json.createObjectNode();
                o.put("id", id);
                o.put("title", words(random, 6 + random.nextInt(10)));
                var authors = o.putArray("authors");
                for (int a = 0, k = 1 + random.nextInt(10); a < k; a++) {
                    authors.add("Author " + (char) ('A' + random.nextInt(26)) + ". Name" + random.nextInt(100_000));
                }
                var cats = o.putArray("categories");
                cats.add(CATEGORIES[random.nextInt(CATEGORIES.length)]);
                if (random.nextBoolean()) {
                    cats.add(CATEGORIES[random.nextInt(CATEGORIES.length)]);
                }
                o.put("summary", words(random, 120 + random.nextInt(120)));
                o.put("comment", random.nextInt(3) == 0 ? null : random.nextInt(30) + " pages");
                o.put("abs", "https://arxiv.org/abs/" + id);
                o.put("pdf", "https://arxiv.org/pdf/" + id);
                o.put("listed_on", day.toString());
                out.write(json.writeValueAsBytes(o));
                out.write('\n');
            }
        }
    }

    private static String words(SplittableRandom random, int n) {
        StringBuilder sb = new StringBuilder(n * 8);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(i % 17 == 0 ? "\n" : " ");
            }
            sb.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return new String(sb.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peak usage: an upper bound of the heap the run needed. */
    private static long peakHeapUsedMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes >> 20;
    }

    /** Deletes {@code root} and everything below it. */
    static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
