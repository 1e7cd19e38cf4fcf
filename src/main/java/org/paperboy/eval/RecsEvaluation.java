package org.paperboy.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.paperboy.feed.TrendingScore;
import org.paperboy.paper.Paper;
import org.paperboy.recommend.Catalog;
import org.paperboy.recommend.CatalogLoader;
import org.paperboy.recommend.Recommender;
import org.paperboy.recommend.Trainer;
import org.paperboy.recommend.TrainingSet;
import org.paperboy.recommend.UserModel;

/**
 * Runs every recommendation method of issue 12 on one {@link SimulatedUsers} task: each method
 * scores all candidates for each user, the ranking (ties: newest first) is scored by
 * {@link RecsMetrics}, and each method gives one JSON line with means and bootstrap intervals.
 */
public final class RecsEvaluation {

    /** The methods, in the order they are reported. */
    public static final List<String> METHODS =
            List.of("newest", "trending", "category", "tfidf-svm", "centroid", "paperboy");

    /**
     * The adapter experiment of docs/recommend.md, run only when asked: {@code adapter} is the
     * centroid through a {@link ResidualAdapter} trained on the users of the 4 weeks before the
     * cut-off; {@code paperboy-adapter} is the production taste with that instead of the dense model.
     */
    public static final List<String> EXPERIMENTS = List.of("adapter", "paperboy-adapter");

    /** One method's figures. */
    public record Result(
            String method,
            double recall,
            double ndcg,
            double mrr,
            RecsMetrics.Interval recallCi,
            RecsMetrics.Interval ndcgCi,
            RecsMetrics.Interval mrrCi,
            int users,
            int candidates,
            double[] perUserRecall,
            double[] perUserNdcg,
            double[] perUserMrr) {

        public String toJsonLine() {
            ObjectMapper json = new ObjectMapper();
            ObjectNode o = json.createObjectNode();
            o.put("eval", "recs");
            o.put("method", method);
            o.put("recall@20", round(recall));
            o.put("ndcg@20", round(ndcg));
            o.put("mrr", round(mrr));
            ObjectNode ci = o.putObject("ci95");
            ci.putArray("recall@20").add(round(recallCi.low())).add(round(recallCi.high()));
            ci.putArray("ndcg@20").add(round(ndcgCi.low())).add(round(ndcgCi.high()));
            ci.putArray("mrr").add(round(mrrCi.low())).add(round(mrrCi.high()));
            o.put("users", users);
            o.put("candidates", candidates);
            return o.toString();
        }

        static double round(double v) {
            return Math.round(v * 10_000) / 10_000.0;
        }
    }

    /** Scores every candidate for one user (higher is better). */
    interface Method {
        double[] scores(SimulatedUsers.User user, int userIndex);
    }

    private final SimulatedUsers task;
    private final Map<String, float[]> vectors;
    private final int threads;
    private Catalog catalog;
    private TfIdf tfidf;

    /** {@code vectors}: the unit vector of every paper of the task, by id (for the dense methods). */
    public RecsEvaluation(SimulatedUsers task, Map<String, float[]> vectors, int threads) {
        this.task = task;
        this.vectors = vectors;
        this.threads = threads;
    }

    /** The figures of {@code method} (one of {@link #METHODS}). */
    public Result run(String method) {
        Method m = switch (method) {
            case "newest" -> (u, i) -> newest();
            case "trending" -> (u, i) -> trending();
            case "category" -> this::category;
            case "tfidf-svm" -> this::tfidfSvm;
            case "centroid" -> this::centroid;
            case "paperboy" -> this::paperboy;
            case "adapter" -> (u, i) -> adapted(u);
            case "paperboy-adapter" -> this::paperboyAdapted;
            default -> throw new IllegalArgumentException("unknown method '" + method + "': one of " + METHODS);
        };
        List<SimulatedUsers.User> users = task.users();
        int n = users.size();
        double[] recall = new double[n];
        double[] ndcg = new double[n];
        double[] mrr = new double[n];
        List<Integer> cands = task.candidates();
        try (ForkJoinPool pool = new ForkJoinPool(threads)) {
            pool.submit(() -> IntStream.range(0, n).parallel().forEach(i -> {
                        double[] s = m.scores(users.get(i), i);
                        RecsMetrics.Scores sc = RecsMetrics.score(
                                ranking(cands, s), users.get(i).relevant(), RecsMetrics.K);
                        recall[i] = sc.recall();
                        ndcg[i] = sc.ndcg();
                        mrr[i] = sc.mrr();
                    }))
                    .join();
        }
        return new Result(
                method,
                RecsMetrics.mean(recall),
                RecsMetrics.mean(ndcg),
                RecsMetrics.mean(mrr),
                RecsMetrics.bootstrap(recall, 1000, 12),
                RecsMetrics.bootstrap(ndcg, 1000, 12),
                RecsMetrics.bootstrap(mrr, 1000, 12),
                n,
                cands.size(),
                recall,
                ndcg,
                mrr);
    }

    /**
     * How much {@code method} gains over {@code baseline} on the same users, as a JSON line:
     * each metric's relative gain (the ratio of the means less 1) with a <em>paired</em> bootstrap
     * interval (the same users drawn for both methods in each resample). Users differ far more from
     * one another than two methods differ on one user, so two methods' own intervals can overlap
     * while the paired interval of their difference lies clear of 0 (docs/recommend.md).
     */
    public static String gainLine(Result method, Result baseline) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode o = json.createObjectNode();
        o.put("eval", "recs-gain");
        o.put("method", method.method());
        o.put("baseline", baseline.method());
        ObjectNode ci = json.createObjectNode();
        String[] names = {"recall@20", "ndcg@20", "mrr"};
        double[][] a = {method.perUserRecall(), method.perUserNdcg(), method.perUserMrr()};
        double[][] b = {baseline.perUserRecall(), baseline.perUserNdcg(), baseline.perUserMrr()};
        for (int k = 0; k < names.length; k++) {
            o.put(names[k], Result.round(RecsMetrics.gain(a[k], b[k])));
            RecsMetrics.Interval interval = RecsMetrics.pairedGainBootstrap(a[k], b[k], 1000, 12);
            ci.putArray(names[k]).add(Result.round(interval.low())).add(Result.round(interval.high()));
        }
        o.set("ci95", ci);
        o.put("users", method.users());
        return o.toString();
    }

    /** Candidates by score, ties to the newest listed (then the larger id). */
    private List<Integer> ranking(List<Integer> cands, double[] s) {
        Integer[] order = new Integer[cands.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        List<Paper> papers = task.papers();
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(s[b], s[a]);
            if (c != 0) {
                return c;
            }
            Paper pa = papers.get(cands.get(a));
            Paper pb = papers.get(cands.get(b));
            c = pb.listedOn().compareTo(pa.listedOn());
            return c != 0 ? c : pb.id().compareTo(pa.id());
        });
        List<Integer> out = new ArrayList<>(order.length);
        for (int i : order) {
            out.add(cands.get(i));
        }
        return out;
    }

    private double[] newest() {
        List<Integer> cands = task.candidates();
        double[] s = new double[cands.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = task.papers().get(cands.get(i)).listedOn().toEpochDay();
        }
        return s;
    }

    /** The site's trending score at the end of the window (upvotes decayed by age). */
    private double[] trending() {
        List<Integer> cands = task.candidates();
        Instant end = task.cutoff()
                .plusDays(SimulatedUsers.WINDOW_DAYS)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        double[] s = new double[cands.size()];
        for (int i = 0; i < s.length; i++) {
            Paper p = task.papers().get(cands.get(i));
            s[i] = TrendingScore.DEFAULT.score(p.upvotes(), p.listedOn(), end);
        }
        return s;
    }

    /** Followed categories: each candidate scores the share of the user's papers in each of its categories. */
    private double[] category(SimulatedUsers.User u, int index) {
        Map<String, Double> profile = new HashMap<>();
        for (int p : u.liked()) {
            for (String c : task.papers().get(p).categories()) {
                profile.merge(c.toLowerCase(Locale.ROOT), 1.0 / u.liked().size(), Double::sum);
            }
        }
        List<Integer> cands = task.candidates();
        double[] s = new double[cands.size()];
        for (int i = 0; i < s.length; i++) {
            for (String c : task.papers().get(cands.get(i)).categories()) {
                s[i] += profile.getOrDefault(c.toLowerCase(Locale.ROOT), 0.0);
            }
        }
        return s;
    }

    /** arxiv-sanity-lite: tf-idf of every paper, a linear SVM per user (C = 0.01, balanced) over all of them. */
    private double[] tfidfSvm(SimulatedUsers.User u, int index) {
        TfIdf f = tfidf();
        int n = task.history().size() + task.candidates().size();
        List<TfIdf.Doc> docs = new ArrayList<>(n);
        boolean[] positive = new boolean[n];
        Set<Integer> liked = Set.copyOf(u.liked());
        int j = 0;
        for (List<Integer> part : List.of(task.history(), task.candidates())) {
            for (int p : part) {
                docs.add(f.doc(p));
                positive[j++] = liked.contains(p);
            }
        }
        double[] w = new LinearSvm(0.01, 100, 1e-3).fit(docs, positive, f.features(), index);
        List<Integer> cands = task.candidates();
        double[] s = new double[cands.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = f.doc(cands.get(i)).dot(w) + w[f.features()];
        }
        return s;
    }

    private double[] centroid(SimulatedUsers.User u, int index) {
        Catalog c = catalog();
        int d = c.dimensions();
        float[] mean = new float[d];
        for (int p : u.liked()) {
            float[] v = c.vector(c.row(task.papers().get(p).id()).orElseThrow());
            for (int k = 0; k < d; k++) {
                mean[k] += v[k];
            }
        }
        return dot(c, mean);
    }

    private double[] paperboy(SimulatedUsers.User u, int index) {
        Catalog c = catalog();
        java.util.LinkedHashSet<Integer> liked = rows(c, u.liked());
        UserModel model =
                new Trainer(Trainer.Settings.DEFAULT).fit(TrainingSet.of(index, liked, List.of(), List.of(), c), null);
        return Recommender.taste(c, liked, model, List.copyOf(rows(c, task.candidates())));
    }

    /** The catalog rows of {@code papers} (indices into the task's papers), in their order. */
    private java.util.LinkedHashSet<Integer> rows(Catalog c, List<Integer> papers) {
        java.util.LinkedHashSet<Integer> rows = new java.util.LinkedHashSet<>();
        for (int p : papers) {
            rows.add(c.row(task.papers().get(p).id()).orElseThrow());
        }
        return rows;
    }

    private ResidualAdapter adapter;

    /**
     * The adapter, trained once on the simulated users of the 4 weeks before the cut-off (all of
     * whose papers are history here, so nothing of the scored window is seen): for each of their
     * papers in those weeks, their centroid before, that paper, and 15 other papers of those weeks.
     */
    private synchronized ResidualAdapter adapter() {
        if (adapter == null) {
            Catalog c = catalog();
            SimulatedUsers earlier =
                    SimulatedUsers.of(task.papers(), task.cutoff().minusDays(SimulatedUsers.WINDOW_DAYS));
            java.util.SplittableRandom random = new java.util.SplittableRandom(5);
            List<ResidualAdapter.Example> examples = new ArrayList<>();
            List<Integer> pool = earlier.candidates();
            for (SimulatedUsers.User u : earlier.users()) {
                float[] profile = mean(c, u.liked());
                for (int p : u.relevant()) {
                    List<float[]> passed = new ArrayList<>();
                    while (passed.size() < 15) {
                        int q = pool.get(random.nextInt(pool.size()));
                        if (!u.relevant().contains(q)) {
                            passed.add(vectorOf(c, q));
                        }
                    }
                    examples.add(new ResidualAdapter.Example(profile, vectorOf(c, p), passed));
                }
            }
            System.err.printf(
                    "adapter: %d examples from %d users before %s%n",
                    examples.size(), earlier.users().size(), task.cutoff());
            adapter = ResidualAdapter.train(examples, c.dimensions(), 16, 10, 0.01, 20, 5);
        }
        return adapter;
    }

    private float[] vectorOf(Catalog c, int paper) {
        return c.vector(c.row(task.papers().get(paper).id()).orElseThrow());
    }

    private float[] mean(Catalog c, List<Integer> papers) {
        float[] m = new float[c.dimensions()];
        for (int p : papers) {
            float[] v = vectorOf(c, p);
            for (int k = 0; k < m.length; k++) {
                m[k] += v[k] / papers.size();
            }
        }
        return m;
    }

    private double[] adapted(SimulatedUsers.User u) {
        Catalog c = catalog();
        return dot(c, adapter().apply(mean(c, u.liked())));
    }

    private double[] paperboyAdapted(SimulatedUsers.User u, int index) {
        Catalog c = catalog();
        UserModel asModel = new UserModel(adapter().apply(mean(c, u.liked())), 0);
        return Recommender.taste(c, rows(c, u.liked()), asModel, List.copyOf(rows(c, task.candidates())));
    }

    private double[] dot(Catalog c, float[] w) {
        List<Integer> cands = task.candidates();
        double[] s = new double[cands.size()];
        for (int i = 0; i < s.length; i++) {
            float[] v = c.vector(c.row(task.papers().get(cands.get(i)).id()).orElseThrow());
            double t = 0;
            for (int k = 0; k < v.length; k++) {
                t += w[k] * v[k];
            }
            s[i] = t;
        }
        return s;
    }

    /** The history and the candidates with their vectors: the model samples its negatives from here. */
    private synchronized Catalog catalog() {
        if (catalog == null) {
            List<Catalog.Entry> entries = new ArrayList<>();
            int d = -1;
            for (List<Integer> part : List.of(task.history(), task.candidates())) {
                for (int p : part) {
                    Paper paper = task.papers().get(p);
                    float[] v = vectors.get(paper.id());
                    if (v == null) {
                        throw new IllegalStateException("paper " + paper.id() + " has no vector");
                    }
                    d = v.length;
                    entries.add(CatalogLoader.entry(paper, v));
                }
            }
            catalog = Catalog.of(entries, Math.max(d, 0));
        }
        return catalog;
    }

    private synchronized TfIdf tfidf() {
        if (tfidf == null) {
            List<String> texts = new ArrayList<>(task.papers().size());
            for (Paper p : task.papers()) {
                texts.add(p.title() + " " + p.abstractText());
            }
            // arxiv-sanity-lite's settings: min_df 5, max_df 0.1, 20,000 features.
            tfidf = fit(texts);
        }
        return tfidf;
    }

    private static TfIdf fit(List<String> texts) {
        return TfIdf.fit(texts, 5, 0.1, 20_000);
    }

    /** Results by method name, in {@link #METHODS} order, for those asked. */
    public Map<String, Result> runAll(List<String> methods) {
        Map<String, Result> out = new LinkedHashMap<>();
        for (String m : methods) {
            out.put(m, run(m));
        }
        return out;
    }
}
