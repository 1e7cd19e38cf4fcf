package org.paperboy.recommend;

import java.util.stream.IntStream;

/**
 * Fits a {@link UserModel}: class-balanced logistic regression with L2 regularisation, by
 * Nesterov-accelerated full-batch gradient descent with the step {@code 1/L} from the bound on the
 * loss's curvature. Both classes weigh the same in total whatever their sizes (so 20 liked papers
 * are not drowned by 200 sampled negatives); a warm start from the previous model makes the
 * incremental retraining after one new signal take a few iterations. Deterministic; thread-safe.
 */
public final class Trainer {

    /** One training set: row {@code i} of {@code data} (dimension {@code d}) with its label and weight. */
    public record Examples(float[] data, int d, boolean[] positive, double[] weight) {

        public Examples {
            int n = positive.length;
            if (data.length != n * d || weight.length != n) {
                throw new IllegalArgumentException("examples: " + data.length + " floats, " + n + " labels and "
                        + weight.length + " weights do not match dimension " + d);
            }
        }

        public int size() {
            return positive.length;
        }
    }

    /** Regularisation and stopping rule. */
    public record Settings(double lambda, int maxIterations, double tolerance) {
        /** Tuned on the offline evaluation's training users (docs/recommend.md). */
        public static final Settings DEFAULT = new Settings(0.01, 200, 1e-4);
    }

    /** Parts a large training set's gradient is summed in (the same for any number of cores). */
    static final int CHUNKS = 2;

    /** Training sets of at least this many floats are summed in parts (a few liked papers are not worth it). */
    static final long PARALLEL_FROM = 100_000;

    private final Settings settings;

    public Trainer(Settings settings) {
        this.settings = settings;
    }

    /**
     * The model minimising the balanced log loss plus {@code lambda/2 |w|^2} on {@code examples},
     * starting from {@code start} (or zero when {@code null} or of another dimension). With no
     * positive or no negative example there is nothing to separate: the answer is {@code start}
     * or the zero model.
     */
    public UserModel fit(Examples examples, UserModel start) {
        int n = examples.size();
        int d = examples.d();
        float[] x = examples.data();
        double posTotal = 0;
        double negTotal = 0;
        for (int i = 0; i < n; i++) {
            if (examples.positive()[i]) {
                posTotal += examples.weight()[i];
            } else {
                negTotal += examples.weight()[i];
            }
        }
        double[] w = new double[d + 1]; // the last one is the bias
        if (start != null && start.dimensions() == d) {
            for (int j = 0; j < d; j++) {
                w[j] = start.weights()[j];
            }
            w[d] = start.bias();
        }
        if (posTotal == 0 || negTotal == 0) {
            return toModel(w, d);
        }
        // Each class carries half the loss: c_i = weight_i / (2 * class total).
        double[] c = new double[n];
        double maxNormSq = 0;
        for (int i = 0; i < n; i++) {
            c[i] = examples.weight()[i] / (2 * (examples.positive()[i] ? posTotal : negTotal));
            double s = 1; // the bias feature
            for (int j = 0; j < d; j++) {
                float v = x[i * d + j];
                s += v * v;
            }
            maxNormSq = Math.max(maxNormSq, s);
        }
        double lambda = settings.lambda();
        // The logistic loss's second derivative is at most 1/4: L = max|x|^2 / 4 + lambda.
        double step = 1 / (maxNormSq / 4 + lambda);
        double[] y = w.clone();
        double[] previous = w.clone();
        double[] grad = new double[d + 1];
        double t = 1;
        for (int it = 0; it < settings.maxIterations(); it++) {
            double norm = gradient(x, d, n, examples.positive(), c, lambda, y, grad);
            if (norm < settings.tolerance()) {
                // The gradient at the look-ahead point is small: it is the answer.
                System.arraycopy(y, 0, w, 0, d + 1);
                break;
            }
            System.arraycopy(w, 0, previous, 0, d + 1);
            for (int j = 0; j <= d; j++) {
                w[j] = y[j] - step * grad[j];
            }
            double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            double momentum = (t - 1) / tNext;
            for (int j = 0; j <= d; j++) {
                y[j] = w[j] + momentum * (w[j] - previous[j]);
            }
            t = tNext;
        }
        return toModel(w, d);
    }

    /**
     * Fills {@code grad} with the loss's gradient at {@code w} and returns its L2 norm. A large
     * set is summed in {@link #CHUNKS} fixed parts on every core, added in order, so the result does
     * not depend on the threads.
     */
    private static double gradient(
            float[] x, int d, int n, boolean[] positive, double[] c, double lambda, double[] w, double[] grad) {
        int chunks = (long) n * d >= PARALLEL_FROM ? CHUNKS : 1;
        double[][] parts = IntStream.range(0, chunks)
                .parallel()
                .mapToObj(k -> {
                    double[] part = new double[d + 1];
                    addLoss(
                            x,
                            d,
                            (int) ((long) n * k / chunks),
                            (int) ((long) n * (k + 1) / chunks),
                            positive,
                            c,
                            w,
                            part);
                    return part;
                })
                .toArray(double[][]::new);
        for (int j = 0; j < d; j++) {
            grad[j] = lambda * w[j];
        }
        grad[d] = 0;
        for (double[] part : parts) {
            for (int j = 0; j <= d; j++) {
                grad[j] += part[j];
            }
        }
        double sq = 0;
        for (double v : grad) {
            sq += v * v;
        }
        return Math.sqrt(sq);
    }

    /** Adds the gradient of the loss of examples {@code from} to {@code to} (exclusive) at {@code w} to {@code grad}. */
    private static void addLoss(
            float[] x, int d, int from, int to, boolean[] positive, double[] c, double[] w, double[] grad) {
        for (int i = from; i < to; i++) {
            int off = i * d;
            // Four running sums: the additions do not wait for one another (about 3x faster).
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int j = 0;
            for (; j + 3 < d; j += 4) {
                s0 += w[j] * x[off + j];
                s1 += w[j + 1] * x[off + j + 1];
                s2 += w[j + 2] * x[off + j + 2];
                s3 += w[j + 3] * x[off + j + 3];
            }
            for (; j < d; j++) {
                s0 += w[j] * x[off + j];
            }
            double s = w[d] + (s0 + s1) + (s2 + s3);
            // d/ds of log(1 + exp(-z s)) with z = +-1 is -z * sigmoid(-z s).
            double g = positive[i] ? -sigmoid(-s) : sigmoid(s);
            double cg = c[i] * g;
            for (j = 0; j < d; j++) {
                grad[j] += cg * x[off + j];
            }
            grad[d] += cg;
        }
    }

    static double sigmoid(double s) {
        return s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s));
    }

    private static UserModel toModel(double[] w, int d) {
        float[] weights = new float[d];
        for (int j = 0; j < d; j++) {
            weights[j] = (float) w[j];
        }
        return new UserModel(weights, (float) w[d]);
    }
}
