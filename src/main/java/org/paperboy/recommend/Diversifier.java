package org.paperboy.recommend;

import java.util.ArrayList;
import java.util.List;

/**
 * Maximal marginal relevance (Carbonell and Goldstein, 1998): picks the next paper by
 * {@code lambda * relevance - (1 - lambda) * max similarity to those picked}, so one topic does
 * not fill the page. Relevances are scaled to [0, 1] first so the two terms are comparable.
 */
public final class Diversifier {

    /** Weight of relevance against novelty. */
    public static final double DEFAULT_LAMBDA = 0.75;

    private final double lambda;

    public Diversifier(double lambda) {
        if (!(lambda >= 0 && lambda <= 1)) {
            throw new IllegalArgumentException("lambda: " + lambda + " is not between 0 and 1");
        }
        this.lambda = lambda;
    }

    /** Up to {@code limit} of {@code rows} (ordered best first, with {@code relevance}) in MMR order. */
    public List<Integer> select(Catalog catalog, int[] rows, double[] relevance, int limit) {
        int n = rows.length;
        List<Integer> picked = new ArrayList<>(Math.min(limit, n));
        if (n == 0) {
            return picked;
        }
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double r : relevance) {
            max = Math.max(max, r);
            min = Math.min(min, r);
        }
        double range = max - min;
        double[] maxSim = new double[n];
        boolean[] used = new boolean[n];
        java.util.Arrays.fill(maxSim, 0);
        while (picked.size() < Math.min(limit, n)) {
            int best = -1;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (used[i]) {
                    continue;
                }
                double rel = range > 0 ? (relevance[i] - min) / range : 1;
                double v = lambda * rel - (1 - lambda) * maxSim[i];
                if (v > bestValue) {
                    bestValue = v;
                    best = i;
                }
            }
            used[best] = true;
            picked.add(rows[best]);
            for (int i = 0; i < n; i++) {
                if (!used[i]) {
                    maxSim[i] = Math.max(maxSim[i], catalog.similarity(rows[i], rows[best]));
                }
            }
        }
        return picked;
    }
}
