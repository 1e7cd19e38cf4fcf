package org.paperboy.eval;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The experiment of issue 12 (docs/recommend.md): a low-rank residual adapter on profile vectors,
 * {@code q = p + U (V^T p)} with {@code U} and {@code V} of {@code d x rank}, learned from
 * feedback: each example is a reader's profile, one paper they went on to like and papers they did
 * not; the loss is the softmax cross-entropy of the liked paper among them (scores {@code tau q.x}),
 * minimised by plain stochastic gradient descent. {@code U} starts at zero, so the untrained adapter
 * is the identity. Deterministic for a seed.
 */
final class ResidualAdapter {

    /** One training example: a profile, the paper liked next, and papers passed over. */
    record Example(float[] profile, float[] liked, List<float[]> passed) {}

    private final int d;
    private final int rank;
    private final double[] u; // d x rank, row-major
    private final double[] v;

    private ResidualAdapter(int d, int rank, long seed) {
        this.d = d;
        this.rank = rank;
        u = new double[d * rank];
        v = new double[d * rank];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < v.length; i++) {
            v[i] = (random.nextDouble() * 2 - 1) * Math.sqrt(3.0 / d);
        }
    }

    /** An adapter trained on {@code examples}. */
    static ResidualAdapter train(
            List<Example> examples, int d, int rank, int epochs, double rate, double tau, long seed) {
        ResidualAdapter a = new ResidualAdapter(d, rank, seed);
        SplittableRandom random = new SplittableRandom(seed + 1);
        int[] order = new int[examples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int e = 0; e < epochs; e++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int i : order) {
                a.step(examples.get(i), rate, tau);
            }
        }
        return a;
    }

    private void step(Example ex, double rate, double tau) {
        double[] h = new double[rank];
        float[] p = ex.profile();
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < rank; k++) {
                h[k] += v[i * rank + k] * p[i];
            }
        }
        double[] q = new double[d];
        for (int i = 0; i < d; i++) {
            double s = p[i];
            for (int k = 0; k < rank; k++) {
                s += u[i * rank + k] * h[k];
            }
            q[i] = s;
        }
        int n = 1 + ex.passed().size();
        double[] logits = new double[n];
        for (int j = 0; j < n; j++) {
            float[] x = j == 0 ? ex.liked() : ex.passed().get(j - 1);
            double s = 0;
            for (int i = 0; i < d; i++) {
                s += q[i] * x[i];
            }
            logits[j] = tau * s;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            logits[j] = Math.exp(logits[j] - max);
            sum += logits[j];
        }
        double[] g = new double[d]; // dLoss/dq
        for (int j = 0; j < n; j++) {
            double coef = tau * (logits[j] / sum - (j == 0 ? 1 : 0));
            float[] x = j == 0 ? ex.liked() : ex.passed().get(j - 1);
            for (int i = 0; i < d; i++) {
                g[i] += coef * x[i];
            }
        }
        double[] utg = new double[rank];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < rank; k++) {
                utg[k] += u[i * rank + k] * g[i];
            }
        }
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < rank; k++) {
                u[i * rank + k] -= rate * g[i] * h[k];
                v[i * rank + k] -= rate * p[i] * utg[k];
            }
        }
    }

    /** The adapted profile {@code p + U (V^T p)}. */
    float[] apply(float[] p) {
        double[] h = new double[rank];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < rank; k++) {
                h[k] += v[i * rank + k] * p[i];
            }
        }
        float[] q = new float[d];
        for (int i = 0; i < d; i++) {
            double s = p[i];
            for (int k = 0; k < rank; k++) {
                s += u[i * rank + k] * h[k];
            }
            q[i] = (float) s;
        }
        return q;
    }
}
