package org.paperboy.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The recommendation metrics of issue 12 over one ranking of candidate ids: recall@K (relevant
 * papers in the top K over all relevant), nDCG@K with binary gains, and MRR (the reciprocal rank
 * of the first relevant paper, over the whole ranking); and percentile bootstrap confidence
 * intervals over users (Efron and Tibshirani, 1993) with a fixed seed, so a run is reproducible.
 */
public final class RecsMetrics {

    public static final int K = 20;

    /** One user's three figures. */
    public record Scores(double recall, double ndcg, double mrr) {}

    /** A 95% interval. */
    public record Interval(double low, double high) {}

    private RecsMetrics() {}

    /** The figures of {@code ranking} (ids, best first) against {@code relevant}. */
    public static Scores score(List<Integer> ranking, Set<Integer> relevant, int k) {
        int hits = 0;
        double dcg = 0;
        double mrr = 0;
        for (int i = 0; i < ranking.size(); i++) {
            if (relevant.contains(ranking.get(i))) {
                if (i < k) {
                    hits++;
                    dcg += 1 / log2(i + 2);
                }
                if (mrr == 0) {
                    mrr = 1.0 / (i + 1);
                }
            }
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(k, relevant.size()); i++) {
            ideal += 1 / log2(i + 2);
        }
        return new Scores(relevant.isEmpty() ? 0 : (double) hits / relevant.size(), ideal == 0 ? 0 : dcg / ideal, mrr);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    public static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return values.length == 0 ? 0 : s / values.length;
    }

    /** The 2.5th and 97.5th percentiles of the mean over {@code resamples} resamples of users. */
    public static Interval bootstrap(double[] perUser, int resamples, long seed) {
        int n = perUser.length;
        if (n == 0) {
            return new Interval(0, 0);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += perUser[random.nextInt(n)];
            }
            means[r] = s / n;
        }
        Arrays.sort(means);
        return new Interval(
                means[(int) Math.floor(0.025 * (resamples - 1))], means[(int) Math.ceil(0.975 * (resamples - 1))]);
    }

    /** {@code mean(a) / mean(b) - 1}: the relative gain of {@code a} over {@code b} (0 when {@code b}'s mean is 0). */
    public static double gain(double[] a, double[] b) {
        double sb = mean(b);
        return sb == 0 ? 0 : mean(a) / sb - 1;
    }

    /**
     * The 2.5th and 97.5th percentiles of {@link #gain} over {@code resamples} resamples of users,
     * each resample drawing the same users for {@code a} and {@code b} (paired: {@code a[i]} and
     * {@code b[i]} are one user's figures).
     */
    public static Interval pairedGainBootstrap(double[] a, double[] b, int resamples, long seed) {
        int n = a.length;
        if (n == 0 || b.length != n) {
            throw new IllegalArgumentException("paired figures need the same users: " + n + " and " + b.length);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] gains = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sa = 0;
            double sb = 0;
            for (int i = 0; i < n; i++) {
                int u = random.nextInt(n);
                sa += a[u];
                sb += b[u];
            }
            gains[r] = sb == 0 ? 0 : sa / sb - 1;
        }
        Arrays.sort(gains);
        return new Interval(
                gains[(int) Math.floor(0.025 * (resamples - 1))], gains[(int) Math.ceil(0.975 * (resamples - 1))]);
    }
}
