package org.paperboy.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.digest.AlertMatcher;
import org.paperboy.embed.Embedder;
import org.paperboy.embed.Embedders;
import org.paperboy.embed.StudentEmbedder;
import org.paperboy.embed.StudentTrainer;
import org.paperboy.eval.BeirDataset;
import org.paperboy.eval.BeirDoc;
import org.paperboy.eval.BeirQuery;
import org.paperboy.eval.EvalReport;
import org.paperboy.eval.Evaluation;
import org.paperboy.eval.JudgedSet;
import org.paperboy.eval.Regressions;
import org.paperboy.eval.ScoredDoc;
import org.paperboy.eval.TrecRun;
import org.paperboy.paper.Paper;
import org.paperboy.search.Fusion;
import org.paperboy.search.IndexService;
import org.paperboy.search.IndexedPaper;
import org.paperboy.search.PaperIndex;
import org.paperboy.search.SearchMode;
import org.paperboy.search.SearchSettings;
import org.paperboy.search.Searcher;
import org.paperboy.search.VectorEncoding;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code paperboy eval}: search quality on a BEIR dataset, reproducibly. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Index a BEIR dataset in a temporary directory and score every query of the split,",
            "or with --recs evaluate recommendations on simulated users (docs/recommend.md).",
            "Prints one JSON line per mode (all three without --mode); dense and hybrid lines name the embedder:",
            "{\"dataset\":..,\"mode\":..,\"embedder\":..,\"ndcg@10\":..,\"recall@100\":..,\"mrr@10\":..,\"queries\":..}",
            "With --judged FILE instead: search modes and alert rules scored on judged queries",
            "over the papers of --data (p@5, p@10, ndcg@10; alerts: precision@5, recall).",
            "Embeddings are cached in the data directory's database, so a second run embeds nothing."
        })
final class EvalCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--beir", paramLabel = "DIR", description = "BEIR dataset directory.")
    Path dir;

    @Option(
            names = "--judged",
            paramLabel = "FILE",
            description = "Judged alert queries (JSON lines, e.g. bench/alert-judgments.jsonl) over the papers of "
                    + "--data: one line per search mode, then one per alert rule.")
    Path judged;

    @Option(
            names = "--pool",
            paramLabel = "N",
            description = "With --judged: print the papers still to judge among the top N of each mode and the "
                    + "alert matches, instead of scores.")
    Integer pool;

    @Option(
            names = "--key-terms",
            split = ",",
            paramLabel = "K",
            description = "With --judged: alert rules to score, share of the heaviest word's weight above which "
                    + "a query word must be in the paper.")
    List<Double> keyTerms;

    @Option(names = "--per-query", description = "With --judged: also print each query's alert matches.")
    boolean perQuery;

    @Option(
            names = "--min-cosine",
            split = ",",
            paramLabel = "C",
            description = "With --judged: alert rules to score, least cosine (default: the serving rule).")
    List<Double> minCosines;

    @Option(
            names = "--min-coverage",
            split = ",",
            paramLabel = "S",
            description = "With --judged: alert rules to score, least share of the query's word weight.")
    List<Double> minCoverages;

    @Option(
            names = "--min-proximity",
            split = ",",
            paramLabel = "P",
            description = "With --judged: alert rules to score, least share of the query's word pairs found near "
                    + "each other in the paper.")
    List<Double> minProximities;

    @Option(
            names = "--recs",
            arity = "1..*",
            paramLabel = "FILE",
            description = "Evaluate recommendations instead, on simulated users built from these paper files "
                    + "(any import format; see docs/recommend.md). One JSON line per method.")
    List<Path> recs;

    @Option(
            names = "--cutoff",
            paramLabel = "DATE",
            description = "With --recs: the first day of the 4-week window to predict "
                    + "(default: 27 days before the last listed day).")
    java.time.LocalDate cutoff;

    @Option(
            names = "--method",
            split = ",",
            paramLabel = "M",
            description = "With --recs: methods to run (default all): newest, trending, category, tfidf-svm, "
                    + "centroid, paperboy.")
    List<String> methods;

    @Option(names = "--split", defaultValue = "test", paramLabel = "SPLIT", description = "qrels split (default test).")
    String split;

    @Option(names = "--mode", paramLabel = "MODE", description = "bm25, dense or hybrid (default: all three).")
    String mode;

    @Option(names = "--fusion", defaultValue = "min-max", paramLabel = "F", description = "min-max (default) or rrf.")
    String fusion;

    @Option(
            names = "--alpha",
            split = ",",
            paramLabel = "A",
            description = "Dense weight(s) for min-max fusion, "
                    + "e.g. 0.3 or 0.1,0.2,0.3 to sweep (one line each, mode hybrid@A).")
    List<Double> alphas;

    @Option(
            names = "--embedder",
            paramLabel = "E",
            description = "With --beir: the dense model, minilm, bge-small or student (default: "
                    + "PAPERBOY_EMBEDDER, else minilm; docs/embedders.md).")
    String embedder;

    @Option(names = "--float", description = "Keep float32 vectors instead of int8 (for the comparison).")
    boolean float32;

    @Option(
            names = "--vectors",
            paramLabel = "E",
            description = "With --beir: the graph's vector encoding, int8 (default), int4, bit1 or float32; prints "
                    + "the index's bytes per document on stderr.")
    String vectors;

    @Option(names = "--exact", description = "Exact dense search (every vector) instead of the HNSW graph.")
    boolean exact;

    @Option(
            names = "--run",
            paramLabel = "FILE",
            description =
                    "Write the TREC run file(s) here " + "(with several modes, the mode goes before the extension).")
    Path run;

    @Option(
            names = "--candidates",
            paramLabel = "N",
            description = "How deep BM25 and dense each rank before hybrid fusion (default: the serving value).")
    Integer candidates;

    @Option(names = "--verify", description = "Fail unless the results match the expected regression figures.")
    boolean verify;

    @CommandLine.Mixin
    StudentOptions student = new StudentOptions();

    @Option(
            names = "--prefix",
            paramLabel = "P",
            description = "With --embedder student: use only the first P dimensions of its vectors.")
    Integer prefix;

    @Override
    public Integer call() throws IOException {
        int given = (dir == null ? 0 : 1) + (judged == null ? 0 : 1) + (recs == null ? 0 : 1);
        if (given != 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "give exactly one of --beir DIR, --judged FILE and --recs FILE...");
        }
        if (judged != null) {
            return judged();
        }
        if (recs != null) {
            return new RecsEvalRun(main, recs, cutoff, methods, verify).call();
        }
        List<SearchMode> modes = new ArrayList<>();
        if (mode == null) {
            modes.addAll(List.of(SearchMode.BM25, SearchMode.DENSE, SearchMode.HYBRID));
        } else {
            modes.add(SearchCommand.parseMode(spec, mode));
        }
        Fusion fusionMode;
        try {
            fusionMode = Fusion.parse(fusion);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PaperboyConfig config = config();
        if (verify && !config.embedder().equals(PaperboyConfig.DEFAULT_EMBEDDER)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--verify checks the recorded figures of " + PaperboyConfig.DEFAULT_EMBEDDER + "; drop --verify"
                            + " or use --embedder " + PaperboyConfig.DEFAULT_EMBEDDER);
        }
        // The student is not read from DATA/student.model: it is trained here on the dataset's
        // documents, from the vectors of its teacher, which the services load instead.
        boolean trainStudent = config.embedder().equals(Embedders.STUDENT);
        StudentTrainer.Settings studentSettings = student.settings(spec);
        BeirDataset dataset = BeirDataset.load(dir, split);
        Path tmp = Files.createTempDirectory("paperboy-eval");
        int failures = 0;
        try (Services s =
                new Services(trainStudent ? main.config(Map.of(PaperboyConfig.EMBEDDER, student.teacher)) : config)) {
            boolean needVectors = modes.stream().anyMatch(m -> m != SearchMode.BM25);
            Embedder embedder = s.embedder();
            String studentFields = "";
            if (trainStudent) {
                StudentRun run = studentRun(s, dataset, studentSettings);
                embedder = run.model();
                studentFields = run.jsonFields();
            }
            failures =
                    score(s, dataset, tmp, embedder, config.embedder(), modes, needVectors, fusionMode, studentFields);
        } finally {
            BenchCommand.deleteTree(tmp);
        }
        return failures == 0 ? 0 : 1;
    }

    /** A student trained on the dataset's documents, how long that took and how fast it embeds them. */
    private record StudentRun(StudentEmbedder model, double trainSeconds, double docsPerSecond) {
        String jsonFields() {
            return String.format(
                    Locale.ROOT,
                    ",\"model\":\"%s\",\"train_s\":%.1f,\"docs_per_s\":%.0f",
                    model.modelId(),
                    trainSeconds,
                    docsPerSecond);
        }
    }

    private StudentRun studentRun(Services s, BeirDataset dataset, StudentTrainer.Settings settings) {
        List<Paper> papers;
        try (Stream<BeirDoc> docs = dataset.corpus()) {
            papers = docs.map(EvalCommand::asPaper).toList();
        }
        Embedder teacher = s.embedder();
        // The teacher's vectors come first (from the cache after one run): the clock measures training.
        List<StudentTrainer.Paper> examples = StudentOptions.withTeacherVectors(s, teacher, papers, System.err);
        long t0 = System.nanoTime();
        StudentEmbedder model = StudentOptions.train(
                        examples,
                        StudentOptions.anchorTeacher(s, teacher, System.err),
                        teacher.modelId(),
                        settings,
                        System.err,
                        System.err)
                .quantized();
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        if (prefix != null) {
            try {
                model = model.prefix(prefix);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--prefix: " + e.getMessage());
            }
        }
        List<String> texts = papers.stream().map(IndexService::embeddingText).toList();
        model.embedPassages(texts.subList(0, Math.min(500, texts.size()))); // warm-up
        long t1 = System.nanoTime();
        model.embedPassages(texts);
        double docsPerSecond = texts.size() / Math.max(1e-9, (System.nanoTime() - t1) / 1e9);
        return new StudentRun(model, trainSeconds, docsPerSecond);
    }

    private int score(
            Services s,
            BeirDataset dataset,
            Path tmp,
            Embedder embedder,
            String embedderName,
            List<SearchMode> modes,
            boolean needVectors,
            Fusion fusionMode,
            String studentFields)
            throws IOException {
        int failures = 0;
        try (PaperIndex index = s.newIndex(tmp, embedder.dimensions(), encoding())) {
            indexCorpus(s, dataset, index, needVectors ? embedder : null);
            if (vectors != null) {
                System.err.printf(
                        Locale.ROOT,
                        "index: %s vectors, %.0f bytes per document on disk%n",
                        index.encoding().name().toLowerCase(Locale.ROOT),
                        index.sizeOnDisk() / (double) Math.max(1, dataset.corpusSize()));
            }
            Map<String, float[]> queryVectors = needVectors ? embedQueries(embedder, dataset) : Map.of();
            SearchSettings settings = candidates == null
                    ? SearchSettings.DEFAULT
                    : SearchSettings.DEFAULT.withCandidates(candidates, candidates);
            Searcher searcher = index.searcher(settings);
            // The weight of the embedder scored (a student's own, not its teacher's, whose services these are).
            double servingAlpha = Main.searchAlpha(embedderName);
            List<Double> weights = alphas == null || alphas.isEmpty() ? List.of(servingAlpha) : alphas;
            for (SearchMode m : modes) {
                for (double alpha : m == SearchMode.HYBRID ? weights : List.of(servingAlpha)) {
                    String label = m.key()
                            + (m == SearchMode.HYBRID && weights.size() > 1
                                    ? "@" + String.format(Locale.ROOT, "%.2f", alpha)
                                    : "");
                    EvalReport report = new Evaluation(2)
                            .run(
                                    dataset,
                                    label,
                                    (q, depth) -> searcher
                                            .rank(
                                                    q.text(),
                                                    queryVectors.get(q.id()),
                                                    m,
                                                    fusionMode,
                                                    alpha,
                                                    depth,
                                                    exact)
                                            .stream()
                                            .map(h -> new ScoredDoc(h.id(), h.score()))
                                            .toList());
                    System.out.println(withFields(
                            report.result()
                                    .withEmbedder(m == SearchMode.BM25 ? null : embedderName)
                                    .withFusion(m == SearchMode.HYBRID ? fusionName(fusionMode) : null)
                                    .toJsonLine(),
                            m == SearchMode.BM25 ? "" : studentFields));
                    if (run != null) {
                        TrecRun.write(
                                runFile(modes.size() * weights.size() > 1, label), "paperboy-" + label, report.run());
                    }
                    if (verify) {
                        List<String> problems = Regressions.builtIn().verify(split, report.result());
                        problems.forEach(p -> System.err.println("verify: " + p));
                        failures += problems.size();
                    }
                }
            }
        }
        return failures;
    }

    /** {@code line} (a JSON object) with {@code fields} inserted after its embedder (else its mode), or unchanged when there are none. */
    static String withFields(String line, String fields) {
        if (fields.isEmpty()) {
            return line;
        }
        int key = line.indexOf("\"embedder\":\"");
        int at = key >= 0 ? key + 12 : line.indexOf("\"mode\":\"") + 8;
        int end = line.indexOf('"', at) + 1;
        return line.substring(0, end) + fields + line.substring(end);
    }

    /** The vector encoding of {@code --vectors}, or of {@code --float}, else int8. */
    private VectorEncoding encoding() {
        if (vectors == null) {
            return float32 ? VectorEncoding.FLOAT32 : VectorEncoding.INT8;
        }
        try {
            return VectorEncoding.parse(vectors);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The configuration, with the embedder of {@code --embedder} when given (checked there). */
    private PaperboyConfig config() {
        return main.config(embedder == null ? Map.of() : Map.of(PaperboyConfig.EMBEDDER, embedder));
    }

    /** The name {@code --fusion} takes for {@code fusion}. */
    static String fusionName(Fusion fusion) {
        return switch (fusion) {
            case MIN_MAX -> "min-max";
            case RRF -> "rrf";
        };
    }

    private int judged() throws IOException {
        Fusion fusionMode;
        try {
            fusionMode = Fusion.parse(fusion);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        JudgedSet set = JudgedSet.load(judged);
        try (Services s = new Services(main.config(Map.of()))) {
            SearchSettings settings = candidates == null
                    ? SearchSettings.DEFAULT
                    : SearchSettings.DEFAULT.withCandidates(candidates, candidates);
            Searcher searcher = s.searcher(settings);
            JudgedEval eval = new JudgedEval(set, searcher, q -> s.embedder().embedQuery(q)).perQuery(perQuery);
            List<Double> weights = alphas == null || alphas.isEmpty() ? List.of(s.searchAlpha()) : alphas;
            if (pool != null) {
                eval.pool(pool, weights.get(0), System.out);
                return 0;
            }
            List<SearchMode> modes = mode == null
                    ? List.of(SearchMode.BM25, SearchMode.DENSE, SearchMode.HYBRID)
                    : List.of(SearchCommand.parseMode(spec, mode));
            AlertMatcher.Rule base = AlertMatcher.Rule.DEFAULT;
            List<AlertMatcher.Rule> rules = new ArrayList<>();
            for (double c : minCosines == null ? List.of(base.minCosine()) : minCosines) {
                for (double v : minCoverages == null ? List.of(base.minCoverage()) : minCoverages) {
                    for (double k : keyTerms == null ? List.of(base.keyTermShare()) : keyTerms) {
                        for (double p : minProximities == null ? List.of(base.minProximity()) : minProximities) {
                            try {
                                rules.add(new AlertMatcher.Rule(c, v, k, p, base.keywordOnlyCoverage()));
                            } catch (IllegalArgumentException e) {
                                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
                            }
                        }
                    }
                }
            }
            eval.score(modes, fusionMode, weights, s.searchAlpha(), rules, System.out);
        }
        return 0;
    }

    private void indexCorpus(Services s, BeirDataset dataset, PaperIndex index, Embedder embedder) throws IOException {
        CountProgress progress = new CountProgress(System.err);
        long total = dataset.corpusSize();
        long done = 0;
        List<Paper> batch = new ArrayList<>(256);
        try (Stream<BeirDoc> docs = dataset.corpus()) {
            for (BeirDoc d : (Iterable<BeirDoc>) docs::iterator) {
                batch.add(asPaper(d));
                if (batch.size() == 256) {
                    done += write(s, index, embedder, batch);
                    progress.progress(embedder == null ? "documents" : "embedding", done, total);
                    batch.clear();
                }
            }
        }
        done += write(s, index, embedder, batch);
        progress.progress(embedder == null ? "documents" : "embedding", done, total);
        progress.finish();
        index.commit();
        index.compact();
    }

    /** A BEIR document as a paper; a missing title becomes "-", which has no searchable words. */
    private static Paper asPaper(BeirDoc d) {
        return Paper.builder(d.id())
                .title(d.title() == null || d.title().isBlank() ? "-" : d.title())
                .abstractText(d.text() == null || d.text().isBlank() ? "-" : d.text())
                .build();
    }

    private static int write(Services s, PaperIndex index, Embedder embedder, List<Paper> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        if (embedder instanceof StudentEmbedder) { // fast enough that caching would cost more than it saves
            float[][] vectors = embedder.embedPassages(
                    batch.stream().map(IndexService::embeddingText).toList());
            List<IndexedPaper> docs = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                docs.add(new IndexedPaper(batch.get(i), vectors[i]));
            }
            index.upsert(docs);
        } else if (embedder != null) {
            Map<String, float[]> vectors = IndexService.vectors(s.indexState(), embedder, batch, true);
            List<IndexedPaper> docs = new ArrayList<>();
            for (Paper p : batch) {
                docs.add(new IndexedPaper(p, vectors.get(p.id())));
            }
            index.upsert(docs);
        } else {
            index.upsert(batch.stream().map(IndexedPaper::withoutVector).toList());
        }
        return batch.size();
    }

    private static Map<String, float[]> embedQueries(Embedder embedder, BeirDataset dataset) {
        List<BeirQuery> queries = dataset.queries();
        Map<String, float[]> out = new HashMap<>();
        for (int i = 0; i < queries.size(); i += 64) {
            List<BeirQuery> part = queries.subList(i, Math.min(queries.size(), i + 64));
            float[][] v =
                    embedder.embedQueries(part.stream().map(BeirQuery::text).toList());
            for (int j = 0; j < part.size(); j++) {
                out.put(part.get(j).id(), v[j]);
            }
        }
        return out;
    }

    private Path runFile(boolean several, String label) {
        if (!several) {
            return run;
        }
        String name = run.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String withMode = dot > 0 ? name.substring(0, dot) + "-" + label + name.substring(dot) : name + "-" + label;
        return run.resolveSibling(withMode);
    }
}
