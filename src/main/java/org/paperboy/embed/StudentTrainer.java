package org.paperboy.embed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * Distils a {@link StudentEmbedder} from a teacher's document vectors: a ridge regression from the
 * TF-IDF n-gram features of each paper's full text, its title, its abstract's sentences and
 * word-dropout copies (query-like texts) to the paper's teacher vector rotated onto the teacher's
 * principal axes. Solved by conjugate gradients with a diagonal preconditioner; each epoch is one
 * step, one pass over every training text. Threads own disjoint output columns, so the result is
 * the same for a seed whatever the thread count.
 */
public final class StudentTrainer {

    /**
     * Training settings. {@code dims}: output width (at most the teacher's); {@code maxFeatures}:
     * n-grams kept, most frequent first (the model file is about {@code maxFeatures x dims} bytes);
     * {@code minDf}: least number of papers an n-gram must occur in; {@code lambda}: ridge penalty;
     * {@code epochs}: conjugate-gradient steps; {@code dropoutCopies} copies of each text with each
     * word dropped with probability {@code dropout}; {@code heldOut}: share of papers (at most 200)
     * kept out of training to measure the similarity to the teacher; {@code anchors}: the most
     * frequent n-grams that also learn the teacher's vector of their own text (word anchors), each
     * such row weighing {@code anchorWeight} of a paper's text in the squared error (0: none);
     * {@code center}: learn the teacher's vectors minus their mean ({@link #withCenter}).
     */
    public record Settings(
            int dims,
            int maxFeatures,
            int minDf,
            double lambda,
            int epochs,
            int dropoutCopies,
            double dropout,
            double heldOut,
            long seed,
            int threads,
            boolean bias,
            int anchors,
            double anchorWeight,
            boolean center) {

        /**
         * 100,000 n-grams x 128 principal axes: a 14.4 MB model, within issue 13's 16 MB, which beat
         * 40,000 x 384 on SciFact (dense 0.5702 vs 0.5311); ridge penalty 1 beat 0.1; no bias beat
         * a bias; the held-out cosine stops rising by epoch 15. Word anchors for the 20,000 most
         * frequent n-grams at weight 3 gave the best hybrid on SciFact's train split (0.7260 vs
         * 0.7175 without; dense 0.5866 vs 0.5773); all 100,000 anchors, or weight 1 on 100,000,
         * did worse (BENCHMARKS.md, "Student embedder").
         */
        public static final Settings DEFAULT =
                new Settings(128, 100_000, 2, 1.0, 20, 0, 0.5, 0.02, 42, 2, false, 20_000, 3.0, false);

        public Settings {
            if (dims < 1) {
                throw new IllegalArgumentException("dims " + dims + " must be at least 1");
            }
            if (maxFeatures < 1) {
                throw new IllegalArgumentException("maxFeatures " + maxFeatures + " must be at least 1");
            }
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs " + epochs + " must be at least 1");
            }
            if (!(lambda > 0)) {
                throw new IllegalArgumentException("lambda " + lambda + " must be positive");
            }
            if (!(heldOut >= 0 && heldOut < 0.5)) {
                throw new IllegalArgumentException("heldOut " + heldOut + " is outside [0, 0.5)");
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads " + threads + " must be at least 1");
            }
            if (anchors < 0) {
                throw new IllegalArgumentException("anchors " + anchors + " is negative");
            }
            if (!(anchorWeight >= 0)) {
                throw new IllegalArgumentException("anchorWeight " + anchorWeight + " is negative");
            }
        }

        /** Settings without word anchors. */
        public Settings(
                int dims,
                int maxFeatures,
                int minDf,
                double lambda,
                int epochs,
                int dropoutCopies,
                double dropout,
                double heldOut,
                long seed,
                int threads,
                boolean bias) {
            this(
                    dims,
                    maxFeatures,
                    minDf,
                    lambda,
                    epochs,
                    dropoutCopies,
                    dropout,
                    heldOut,
                    seed,
                    threads,
                    bias,
                    0,
                    0,
                    false);
        }

        /** With word anchors for the {@code count} most frequent n-grams, each row weighing {@code weight}. */
        public Settings withAnchors(int count, double weight) {
            return new Settings(
                    dims,
                    maxFeatures,
                    minDf,
                    lambda,
                    epochs,
                    dropoutCopies,
                    dropout,
                    heldOut,
                    seed,
                    threads,
                    bias,
                    count,
                    weight,
                    center);
        }

        /**
         * With {@code center}, the student learns the teacher's vectors minus their mean (centred
         * principal axes): the direction all papers share, which says nothing about any one of
         * them, is left out.
         */
        public Settings withCenter(boolean center) {
            return new Settings(
                    dims,
                    maxFeatures,
                    minDf,
                    lambda,
                    epochs,
                    dropoutCopies,
                    dropout,
                    heldOut,
                    seed,
                    threads,
                    bias,
                    anchors,
                    anchorWeight,
                    center);
        }

        /** Whether training adds word-anchor rows (and so needs the teacher's vectors of n-gram texts). */
        public boolean usesAnchors() {
            return anchors > 0 && anchorWeight > 0;
        }

        public Settings withDims(int dims) {
            return new Settings(
                    dims,
                    maxFeatures,
                    minDf,
                    lambda,
                    epochs,
                    dropoutCopies,
                    dropout,
                    heldOut,
                    seed,
                    threads,
                    bias,
                    anchors,
                    anchorWeight,
                    center);
        }

        public Settings withEpochs(int epochs) {
            return new Settings(
                    dims,
                    maxFeatures,
                    minDf,
                    lambda,
                    epochs,
                    dropoutCopies,
                    dropout,
                    heldOut,
                    seed,
                    threads,
                    bias,
                    anchors,
                    anchorWeight,
                    center);
        }

        public Settings withMaxFeatures(int maxFeatures) {
            return new Settings(
                    dims,
                    maxFeatures,
                    minDf,
                    lambda,
                    epochs,
                    dropoutCopies,
                    dropout,
                    heldOut,
                    seed,
                    threads,
                    bias,
                    anchors,
                    anchorWeight,
                    center);
        }

        public Settings withLambda(double lambda) {
            return new Settings(
                    dims,
                    maxFeatures,
                    minDf,
                    lambda,
                    epochs,
                    dropoutCopies,
                    dropout,
                    heldOut,
                    seed,
                    threads,
                    bias,
                    anchors,
                    anchorWeight,
                    center);
        }

        public Settings withDropout(int copies, double dropout) {
            return new Settings(
                    dims,
                    maxFeatures,
                    minDf,
                    lambda,
                    epochs,
                    copies,
                    dropout,
                    heldOut,
                    seed,
                    threads,
                    bias,
                    anchors,
                    anchorWeight,
                    center);
        }

        public Settings withHeldOut(double heldOut) {
            return new Settings(
                    dims,
                    maxFeatures,
                    minDf,
                    lambda,
                    epochs,
                    dropoutCopies,
                    dropout,
                    heldOut,
                    seed,
                    threads,
                    bias,
                    anchors,
                    anchorWeight,
                    center);
        }

        public Settings withSeed(long seed) {
            return new Settings(
                    dims,
                    maxFeatures,
                    minDf,
                    lambda,
                    epochs,
                    dropoutCopies,
                    dropout,
                    heldOut,
                    seed,
                    threads,
                    bias,
                    anchors,
                    anchorWeight,
                    center);
        }

        /** With {@code bias}, the student adds the mean target to every vector; without, it maps through the origin. */
        public Settings withBias(boolean bias) {
            return new Settings(
                    dims,
                    maxFeatures,
                    minDf,
                    lambda,
                    epochs,
                    dropoutCopies,
                    dropout,
                    heldOut,
                    seed,
                    threads,
                    bias,
                    anchors,
                    anchorWeight,
                    center);
        }

        public Settings withThreads(int threads) {
            return new Settings(
                    dims,
                    maxFeatures,
                    minDf,
                    lambda,
                    epochs,
                    dropoutCopies,
                    dropout,
                    heldOut,
                    seed,
                    threads,
                    bias,
                    anchors,
                    anchorWeight,
                    center);
        }
    }

    /** Told what training does; {@code heldOutCosine} is NaN when nothing was held out. */
    public interface Listener {
        void message(String text);

        void epoch(int epoch, int epochs, double loss, double heldOutCosine);
    }

    /**
     * The teacher's vectors of short texts (n-grams), for word anchors: one unit vector of the
     * teacher's width per text, in order.
     */
    public interface AnchorTeacher {
        float[][] embed(List<String> texts);
    }

    /** One paper to learn from: its title, its abstract and its teacher vector (unit length). */
    public record Paper(String title, String abstractText, float[] teacher) {
        public Paper {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(abstractText, "abstractText");
            Objects.requireNonNull(teacher, "teacher");
        }

        /** The text the paper's vector is computed from, as the index embeds it. */
        public String fullText() {
            return title + " " + abstractText;
        }
    }

    /** Sentence ends: '.', '?' or '!' then white space before an upper-case letter or a digit. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.?!])\\s+(?=[\\p{Lu}\\d])");

    private final Settings settings;

    public StudentTrainer(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Trains on {@code papers} and returns the float model ({@link StudentEmbedder#quantized()}
     * gives the served form).
     *
     * @throws IllegalArgumentException when there is no paper, the vectors differ in width or are
     *     narrower than {@code dims}
     */
    public StudentEmbedder train(List<Paper> papers, String teacher, Listener listener) {
        return train(papers, null, teacher, listener);
    }

    /**
     * Trains on {@code papers} and, when the settings ask for word anchors, on the teacher's
     * vectors of the most frequent n-grams' texts, which {@code anchorTeacher} gives.
     *
     * @throws IllegalArgumentException as {@link #train(List, String, Listener)}, or when anchors
     *     are asked for without an {@code anchorTeacher}
     */
    public StudentEmbedder train(List<Paper> papers, AnchorTeacher anchorTeacher, String teacher, Listener listener) {
        if (settings.usesAnchors() && anchorTeacher == null) {
            throw new IllegalArgumentException("word anchors need the teacher's vectors of n-gram texts");
        }
        if (papers.isEmpty()) {
            throw new IllegalArgumentException("there are no papers to train the student embedder on");
        }
        int teacherDims = papers.get(0).teacher().length;
        for (Paper p : papers) {
            if (p.teacher().length != teacherDims) {
                throw new IllegalArgumentException(
                        "teacher vectors of " + teacherDims + " and " + p.teacher().length + " dimensions");
            }
        }
        int dims = settings.dims();
        if (dims > teacherDims) {
            throw new IllegalArgumentException(
                    "--dims " + dims + " is wider than the teacher's " + teacherDims + " dimensions");
        }
        boolean[] heldOut = heldOut(papers.size());
        List<Paper> training = new ArrayList<>();
        List<Paper> held = new ArrayList<>();
        for (int i = 0; i < papers.size(); i++) {
            (heldOut[i] ? held : training).add(papers.get(i));
        }
        FeatureVocabulary vocabulary = vocabulary(training);
        listener.message(String.format(
                java.util.Locale.ROOT,
                "%,d papers for training, %,d held out; %,d n-gram features",
                training.size(),
                held.size(),
                vocabulary.size()));
        if (vocabulary.size() == 0) {
            throw new IllegalArgumentException("the papers share no word (no n-gram occurs in " + settings.minDf()
                    + " papers); there is nothing to learn from");
        }
        float[] mean = new float[teacherDims];
        if (settings.center()) {
            double[] sum = new double[teacherDims];
            for (Paper p : training) {
                for (int i = 0; i < teacherDims; i++) {
                    sum[i] += p.teacher()[i];
                }
            }
            for (int i = 0; i < teacherDims; i++) {
                mean[i] = (float) (sum[i] / training.size());
            }
        }
        double[] axes = axes(training, mean, teacherDims, dims);
        List<String> anchorTexts = settings.usesAnchors() ? anchorTexts(training, vocabulary) : List.of();
        float[][] anchorVectors = new float[0][];
        if (!anchorTexts.isEmpty()) {
            listener.message(String.format(
                    java.util.Locale.ROOT, "%,d word anchors (the most frequent n-grams)", anchorTexts.size()));
            anchorVectors = anchorTeacher.embed(anchorTexts);
            if (anchorVectors.length != anchorTexts.size()) {
                throw new IllegalStateException(
                        anchorVectors.length + " anchor vectors for " + anchorTexts.size() + " texts");
            }
        }
        float[][] targets = new float[training.size() + anchorTexts.size()][];
        for (int i = 0; i < training.size(); i++) {
            targets[i] = rotate(training.get(i).teacher(), mean, axes, teacherDims, dims);
        }
        Rows rows = rows(training, vocabulary);
        listener.message(String.format(
                java.util.Locale.ROOT, "%,d training texts, %,d non-zero features", rows.count, rows.nonZeros));
        float[] bias = new float[dims];
        for (int r = 0; r < rows.count; r++) {
            float[] t = targets[rows.target[r]];
            for (int c = 0; c < dims; c++) {
                bias[c] += t[c];
            }
        }
        for (int c = 0; c < dims; c++) {
            bias[c] = settings.bias() ? bias[c] / rows.count : 0;
        }
        addAnchors(
                rows, vocabulary, anchorTexts, anchorVectors, targets, training.size(), mean, axes, teacherDims, bias);
        Solver solver = new Solver(rows, vocabulary.size(), dims, targets, bias, settings);
        float[][] heldTargets = new float[held.size()][];
        for (int i = 0; i < held.size(); i++) {
            heldTargets[i] = rotate(held.get(i).teacher(), mean, axes, teacherDims, dims);
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(settings.threads())) {
            for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                solver.step(pool);
                StudentEmbedder model = StudentEmbedder.ofFloats(vocabulary, dims, bias, solver.weights, teacher);
                listener.epoch(epoch, settings.epochs(), solver.loss(), heldOutCosine(model, held, heldTargets));
            }
        }
        return StudentEmbedder.ofFloats(vocabulary, dims, bias, solver.weights, teacher);
    }

    /**
     * The texts of the {@code anchors} most frequent features (the vocabulary's first), as they
     * first occur in the papers; a feature whose text is not found (a hash collision) is skipped.
     */
    private List<String> anchorTexts(List<Paper> papers, FeatureVocabulary vocabulary) {
        int count = Math.min(settings.anchors(), vocabulary.size());
        String[] texts = new String[count];
        int[] found = {0};
        for (Paper p : papers) {
            if (found[0] == count) {
                break;
            }
            NgramHasher.texts(p.fullText(), (hash, ngram) -> {
                int f = vocabulary.indexOf(hash);
                if (f >= 0 && f < count && texts[f] == null) {
                    texts[f] = ngram;
                    found[0]++;
                }
            });
        }
        List<String> out = new ArrayList<>(count);
        for (String t : texts) {
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Adds one row per word anchor: the features of the n-gram's text, with the target its
     * teacher vector. A row weight {@code w} in the squared error is the same as scaling the row's
     * features and its target's distance from the bias by {@code sqrt(w)}, so the solver is unchanged.
     */
    private void addAnchors(
            Rows rows,
            FeatureVocabulary vocabulary,
            List<String> texts,
            float[][] vectors,
            float[][] targets,
            int first,
            float[] mean,
            double[] axes,
            int teacherDims,
            float[] bias) {
        int dims = settings.dims();
        float scale = (float) Math.sqrt(settings.anchorWeight());
        FeatureVocabulary.Row row = new FeatureVocabulary.Row();
        for (int a = 0; a < texts.size(); a++) {
            if (vectors[a].length != teacherDims) {
                throw new IllegalArgumentException(
                        "teacher vectors of " + teacherDims + " and " + vectors[a].length + " dimensions");
            }
            float[] t = rotate(vectors[a], mean, axes, teacherDims, dims);
            for (int c = 0; c < dims; c++) {
                t[c] = bias[c] + scale * (t[c] - bias[c]);
            }
            targets[first + a] = t;
            vocabulary.featurize(texts.get(a), row);
            for (int k = 0; k < row.size; k++) {
                row.weights[k] *= scale;
            }
            rows.add(row, first + a);
        }
    }

    private static double heldOutCosine(StudentEmbedder model, List<Paper> held, float[][] targets) {
        if (held.isEmpty()) {
            return Double.NaN;
        }
        FeatureVocabulary.Row row = new FeatureVocabulary.Row();
        double sum = 0;
        for (int i = 0; i < held.size(); i++) {
            float[] v = model.embed(held.get(i).fullText(), row);
            sum += cosine(v, targets[i]);
        }
        return sum / held.size();
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /** Which papers are held out: a seeded choice of {@code heldOut} of them, at most 200. */
    private boolean[] heldOut(int n) {
        boolean[] out = new boolean[n];
        int count = (int) Math.min(200, Math.floor(n * settings.heldOut()));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(settings.seed());
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            out[order[i]] = true;
        }
        return out;
    }

    /** The {@code maxFeatures} n-grams found in the most papers (at least {@code minDf}), with their IDF. */
    private FeatureVocabulary vocabulary(List<Paper> papers) {
        LongCounter df = new LongCounter();
        long[][] buffer = {new long[512]};
        int[] size = new int[1];
        for (Paper p : papers) {
            size[0] = 0;
            NgramHasher.hash(p.fullText(), h -> {
                if (size[0] == buffer[0].length) {
                    buffer[0] = Arrays.copyOf(buffer[0], size[0] * 2);
                }
                buffer[0][size[0]++] = h;
            });
            long[] hs = buffer[0];
            Arrays.sort(hs, 0, size[0]);
            for (int i = 0; i < size[0]; i++) {
                if (i == 0 || hs[i] != hs[i - 1]) {
                    df.increment(hs[i]);
                }
            }
        }
        long[] keys = df.keys();
        int[] counts = df.counts();
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            if (counts[i] >= Math.max(1, settings.minDf())) {
                kept.add(i);
            }
        }
        kept.sort((a, b) -> {
            int byDf = Integer.compare(counts[b], counts[a]);
            return byDf != 0 ? byDf : Long.compare(keys[a], keys[b]);
        });
        int n = Math.min(kept.size(), settings.maxFeatures());
        long[] hashes = new long[n];
        float[] idf = new float[n];
        for (int i = 0; i < n; i++) {
            int k = kept.get(i);
            hashes[i] = keys[k];
            // Smoothed IDF as scikit-learn's TfidfVectorizer computes it.
            idf[i] = (float) (Math.log((1.0 + papers.size()) / (1.0 + counts[k])) + 1);
        }
        return new FeatureVocabulary(hashes, idf);
    }

    /**
     * The first {@code dims} principal axes of the teacher vectors minus {@code mean} (all zero:
     * uncentred), row-major {@code teacherDims x dims}.
     */
    private static double[] axes(List<Paper> papers, float[] mean, int teacherDims, int dims) {
        double[] m = new double[teacherDims * teacherDims];
        double[] t = new double[teacherDims];
        for (Paper p : papers) {
            for (int i = 0; i < teacherDims; i++) {
                t[i] = p.teacher()[i] - mean[i];
            }
            for (int i = 0; i < teacherDims; i++) {
                double ti = t[i];
                int base = i * teacherDims;
                for (int j = 0; j < teacherDims; j++) {
                    m[base + j] += ti * t[j];
                }
            }
        }
        double[] all = PrincipalAxes.of(m, teacherDims);
        double[] out = new double[teacherDims * dims];
        for (int i = 0; i < teacherDims; i++) {
            System.arraycopy(all, i * teacherDims, out, i * dims, dims);
        }
        return out;
    }

    private static float[] rotate(float[] t, float[] mean, double[] axes, int teacherDims, int dims) {
        float[] out = new float[dims];
        for (int c = 0; c < dims; c++) {
            double s = 0;
            for (int i = 0; i < teacherDims; i++) {
                s += (t[i] - mean[i]) * axes[i * dims + c];
            }
            out[c] = (float) s;
        }
        return out;
    }

    /** The training texts as a sparse matrix (CSR), each row with the index of its paper's target. */
    static final class Rows {
        int count;
        long nonZeros;
        int[] start = new int[1024];
        int[] target = new int[1024];
        int[] features = new int[1 << 16];
        float[] weights = new float[1 << 16];

        void add(FeatureVocabulary.Row row, int paper) {
            if (row.size == 0) {
                return;
            }
            if (count + 1 >= start.length) {
                start = Arrays.copyOf(start, start.length * 2);
                target = Arrays.copyOf(target, target.length * 2);
            }
            int at = start[count];
            if (at + row.size > features.length) {
                int capacity = Math.max(features.length * 2, at + row.size);
                features = Arrays.copyOf(features, capacity);
                weights = Arrays.copyOf(weights, capacity);
            }
            System.arraycopy(row.features, 0, features, at, row.size);
            System.arraycopy(row.weights, 0, weights, at, row.size);
            target[count] = paper;
            count++;
            start[count] = at + row.size;
            nonZeros += row.size;
        }
    }

    private Rows rows(List<Paper> papers, FeatureVocabulary vocabulary) {
        Rows rows = new Rows();
        FeatureVocabulary.Row row = new FeatureVocabulary.Row();
        for (int i = 0; i < papers.size(); i++) {
            Paper p = papers.get(i);
            vocabulary.featurize(p.fullText(), row);
            rows.add(row, i);
            vocabulary.featurize(p.title(), row);
            rows.add(row, i);
            for (String sentence : sentences(p.abstractText())) {
                vocabulary.featurize(sentence, row);
                rows.add(row, i);
            }
            if (settings.dropoutCopies() > 0) {
                SplittableRandom random = new SplittableRandom(settings.seed() * 31 + i);
                String[] words = p.fullText().split("\\s+");
                for (int copy = 0; copy < settings.dropoutCopies(); copy++) {
                    StringBuilder kept = new StringBuilder();
                    for (String w : words) {
                        if (random.nextDouble() >= settings.dropout()) {
                            kept.append(w).append(' ');
                        }
                    }
                    vocabulary.featurize(kept, row);
                    rows.add(row, i);
                }
            }
        }
        return rows;
    }

    /** The sentences of an abstract (only when it has more than one). */
    static List<String> sentences(String text) {
        String[] parts = SENTENCE_END.split(text.strip());
        return parts.length < 2 ? List.of() : List.of(parts);
    }

    /**
     * Preconditioned conjugate gradients for {@code (X'X + lambda I) W = X'(Y - bias)}, one
     * independent solve per output column; thread {@code t} owns a fixed slice of the columns.
     */
    private static final class Solver {
        private final Rows rows;
        private final int features;
        private final int dims;
        private final float[][] targets;
        private final float[] bias;
        private final double lambda;
        private final int threads;
        final float[] weights;
        private final float[] residual;
        private final float[] direction;
        private final float[] product;
        private final float[] diagonal;
        private final double[] rz;

        Solver(Rows rows, int features, int dims, float[][] targets, float[] bias, Settings settings) {
            this.rows = rows;
            this.features = features;
            this.dims = dims;
            this.targets = targets;
            this.bias = bias;
            this.lambda = settings.lambda();
            this.threads = Math.max(1, Math.min(settings.threads(), dims));
            long cells = (long) features * dims;
            if (cells > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(features + " features x " + dims + " dimensions is too many");
            }
            weights = new float[(int) cells];
            residual = new float[(int) cells];
            direction = new float[(int) cells];
            product = new float[(int) cells];
            diagonal = new float[features];
            rz = new double[dims];
            for (int r = 0; r < rows.count; r++) {
                for (int k = rows.start[r]; k < rows.start[r + 1]; k++) {
                    diagonal[rows.features[k]] += rows.weights[k] * rows.weights[k];
                }
            }
            for (int f = 0; f < features; f++) {
                diagonal[f] += (float) lambda;
            }
            // r = X'(Y - bias) for W = 0; the first direction is the preconditioned residual.
            for (int r = 0; r < rows.count; r++) {
                float[] t = targets[rows.target[r]];
                for (int k = rows.start[r]; k < rows.start[r + 1]; k++) {
                    int base = rows.features[k] * dims;
                    float w = rows.weights[k];
                    for (int c = 0; c < dims; c++) {
                        residual[base + c] += w * (t[c] - bias[c]);
                    }
                }
            }
            for (int f = 0; f < features; f++) {
                float inv = 1 / diagonal[f];
                int base = f * dims;
                for (int c = 0; c < dims; c++) {
                    float z = residual[base + c] * inv;
                    direction[base + c] = z;
                    rz[c] += (double) residual[base + c] * z;
                }
            }
        }

        void step(ExecutorService pool) {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = dims * t / threads;
                int to = dims * (t + 1) / threads;
                tasks.add(pool.submit(() -> step(from, to)));
            }
            for (Future<?> f : tasks) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("training was interrupted", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("training failed: " + e.getCause(), e.getCause());
                }
            }
        }

        /** One conjugate-gradient step for the columns {@code [from, to)}. */
        private void step(int from, int to) {
            int width = to - from;
            float[] tmp = new float[width];
            for (int f = 0; f < features; f++) {
                int base = f * dims;
                for (int c = from; c < to; c++) {
                    product[base + c] = (float) lambda * direction[base + c];
                }
            }
            for (int r = 0; r < rows.count; r++) {
                int s = rows.start[r];
                int e = rows.start[r + 1];
                Arrays.fill(tmp, 0);
                for (int k = s; k < e; k++) {
                    int base = rows.features[k] * dims + from;
                    float w = rows.weights[k];
                    for (int c = 0; c < width; c++) {
                        tmp[c] += w * direction[base + c];
                    }
                }
                for (int k = s; k < e; k++) {
                    int base = rows.features[k] * dims + from;
                    float w = rows.weights[k];
                    for (int c = 0; c < width; c++) {
                        product[base + c] += w * tmp[c];
                    }
                }
            }
            double[] pq = new double[width];
            for (int f = 0; f < features; f++) {
                int base = f * dims + from;
                for (int c = 0; c < width; c++) {
                    pq[c] += (double) direction[base + c] * product[base + c];
                }
            }
            float[] alpha = new float[width];
            for (int c = 0; c < width; c++) {
                alpha[c] = pq[c] > 0 ? (float) (rz[from + c] / pq[c]) : 0;
            }
            double[] next = new double[width];
            for (int f = 0; f < features; f++) {
                int base = f * dims + from;
                float inv = 1 / diagonal[f];
                for (int c = 0; c < width; c++) {
                    weights[base + c] += alpha[c] * direction[base + c];
                    float res = residual[base + c] - alpha[c] * product[base + c];
                    residual[base + c] = res;
                    next[c] += (double) res * res * inv;
                }
            }
            for (int f = 0; f < features; f++) {
                int base = f * dims + from;
                float inv = 1 / diagonal[f];
                for (int c = 0; c < width; c++) {
                    float beta = rz[from + c] > 0 ? (float) (next[c] / rz[from + c]) : 0;
                    direction[base + c] = residual[base + c] * inv + beta * direction[base + c];
                }
            }
            for (int c = 0; c < width; c++) {
                rz[from + c] = next[c];
            }
        }

        /** Mean squared error over (at most) 2,000 evenly spaced training texts. */
        double loss() {
            int step = Math.max(1, rows.count / 2000);
            double sum = 0;
            int n = 0;
            float[] v = new float[dims];
            for (int r = 0; r < rows.count; r += step) {
                System.arraycopy(bias, 0, v, 0, dims);
                for (int k = rows.start[r]; k < rows.start[r + 1]; k++) {
                    int base = rows.features[k] * dims;
                    float w = rows.weights[k];
                    for (int c = 0; c < dims; c++) {
                        v[c] += w * weights[base + c];
                    }
                }
                float[] t = targets[rows.target[r]];
                for (int c = 0; c < dims; c++) {
                    double d = v[c] - t[c];
                    sum += d * d;
                }
                n++;
            }
            return sum / n;
        }
    }

    /** Counts of 64-bit keys (never 0), open addressing. */
    private static final class LongCounter {
        private long[] keys = new long[1 << 16];
        private int[] counts = new int[1 << 16];
        private int size;

        void increment(long key) {
            if (size * 2 >= keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            int s = (int) (key ^ (key >>> 32)) & mask;
            while (keys[s] != 0 && keys[s] != key) {
                s = (s + 1) & mask;
            }
            if (keys[s] == 0) {
                keys[s] = key;
                size++;
            }
            counts[s]++;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldCounts = counts;
            keys = new long[oldKeys.length * 2];
            counts = new int[oldKeys.length * 2];
            size = 0;
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) {
                    int s = (int) (oldKeys[i] ^ (oldKeys[i] >>> 32)) & mask;
                    while (keys[s] != 0) {
                        s = (s + 1) & mask;
                    }
                    keys[s] = oldKeys[i];
                    counts[s] = oldCounts[i];
                    size++;
                }
            }
        }

        /** The keys in a fixed order (by slot), and {@link #counts()} in the same order. */
        long[] keys() {
            long[] out = new long[size];
            int n = 0;
            for (long k : keys) {
                if (k != 0) {
                    out[n++] = k;
                }
            }
            return out;
        }

        int[] counts() {
            int[] out = new int[size];
            int n = 0;
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] != 0) {
                    out[n++] = counts[i];
                }
            }
            return out;
        }
    }
}
