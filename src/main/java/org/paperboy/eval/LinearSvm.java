package org.paperboy.eval;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A linear SVM with the squared hinge loss and class-balanced costs, trained by dual coordinate
 * descent (Hsieh et al., ICML 2008: the algorithm behind LIBLINEAR and scikit-learn's LinearSVC),
 * with a constant feature of 1 as the bias, as LIBLINEAR adds it. Used for arxiv-sanity's recipe.
 */
public final class LinearSvm {

    private final double c;
    private final int maxEpochs;
    private final double tolerance;

    public LinearSvm(double c, int maxEpochs, double tolerance) {
        this.c = c;
        this.maxEpochs = maxEpochs;
        this.tolerance = tolerance;
    }

    /** The weights (the last one is the bias) separating {@code positive} from the rest of {@code docs}. */
    public double[] fit(List<TfIdf.Doc> docs, boolean[] positive, int features, long seed) {
        int n = docs.size();
        int pos = 0;
        for (boolean p : positive) {
            pos += p ? 1 : 0;
        }
        int neg = n - pos;
        double[] w = new double[features + 1];
        if (pos == 0 || neg == 0) {
            return w;
        }
        // class_weight="balanced": n / (2 * class size).
        double cPos = c * n / (2.0 * pos);
        double cNeg = c * n / (2.0 * neg);
        double[] alpha = new double[n];
        double[] qii = new double[n];
        double[] dii = new double[n];
        for (int i = 0; i < n; i++) {
            dii[i] = 1 / (2 * (positive[i] ? cPos : cNeg));
            double sq = 1;
            for (float v : docs.get(i).weights()) {
                sq += v * v;
            }
            qii[i] = sq + dii[i];
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int epoch = 0; epoch < maxEpochs; epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double maxPg = Double.NEGATIVE_INFINITY;
            double minPg = Double.POSITIVE_INFINITY;
            for (int i : order) {
                TfIdf.Doc d = docs.get(i);
                double y = positive[i] ? 1 : -1;
                double g = y * (d.dot(w) + w[features]) - 1 + dii[i] * alpha[i];
                double pg = alpha[i] == 0 ? Math.min(g, 0) : g;
                maxPg = Math.max(maxPg, pg);
                minPg = Math.min(minPg, pg);
                if (Math.abs(pg) > 1e-12) {
                    double old = alpha[i];
                    alpha[i] = Math.max(old - g / qii[i], 0);
                    double step = (alpha[i] - old) * y;
                    int[] terms = d.terms();
                    float[] weights = d.weights();
                    for (int k = 0; k < terms.length; k++) {
                        w[terms[k]] += step * weights[k];
                    }
                    w[features] += step;
                }
            }
            if (maxPg - minPg < tolerance) {
                break;
            }
        }
        return w;
    }
}
