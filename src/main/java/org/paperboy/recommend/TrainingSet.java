package org.paperboy.recommend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.paperboy.store.SignalRepository.Feedback;
import org.paperboy.store.SignalRepository.Signals;

/**
 * Turns a reader's signals into training examples over the catalog: saved, upvoted, seed and
 * "more like this" papers are positives; "less like this" papers are negatives weighing
 * {@value #LESS_WEIGHT} each; and each positive brings up to {@value #NEGATIVES_PER_POSITIVE}
 * papers listed the same day as sampled negatives (what the reader saw and passed over), picked by
 * a hash of the reader and the paper so the same signals always give the same set.
 */
public final class TrainingSet {

    /** Sampled negatives per positive. */
    static final int NEGATIVES_PER_POSITIVE = 4;

    /** At most this many sampled negatives in all, so retraining stays in milliseconds. */
    static final int MAX_SAMPLED = 600;

    /** Weight of an explicit "less like this" against a sampled negative's 1. */
    static final double LESS_WEIGHT = 3;

    /** What a liked paper is to the reader, for the "why" line. */
    public enum Liked {
        SAVED("saved"),
        UPVOTED("upvoted"),
        MORE("asked for more like"),
        SEED("started from");

        final String verb;

        Liked(String verb) {
            this.verb = verb;
        }
    }

    private TrainingSet() {}

    /** The liked papers with a vector in the catalog: row to why it is liked (first reason wins). */
    public static Map<Integer, Liked> liked(Signals s, Catalog catalog) {
        Map<Integer, Liked> rows = new LinkedHashMap<>();
        s.saved().forEach(x -> add(rows, catalog.row(x.paperId()), Liked.SAVED));
        s.upvoted().forEach(id -> add(rows, catalog.row(id), Liked.UPVOTED));
        for (Feedback f : s.feedback()) {
            if (f.verdict() > 0) {
                add(rows, catalog.row(f.paperId()), Liked.MORE);
            }
        }
        s.seeds().forEach(x -> add(rows, catalog.row(x.paperId()), Liked.SEED));
        // "Less like this" overrides an earlier like of the same paper.
        for (Feedback f : s.feedback()) {
            if (f.verdict() < 0) {
                catalog.row(f.paperId()).ifPresent(rows::remove);
            }
        }
        return rows;
    }

    private static void add(Map<Integer, Liked> rows, OptionalInt row, Liked why) {
        row.ifPresent(r -> rows.putIfAbsent(r, why));
    }

    /** The examples for a reader {@code seed} with {@code liked} rows and these signals. */
    public static Trainer.Examples of(long seed, Set<Integer> liked, Signals s, Catalog catalog) {
        List<Integer> negatives = new ArrayList<>();
        List<Double> negativeWeights = new ArrayList<>();
        for (Feedback f : s.feedback()) {
            if (f.verdict() < 0) {
                catalog.row(f.paperId()).ifPresent(r -> {
                    negatives.add(r);
                    negativeWeights.add(LESS_WEIGHT);
                });
            }
        }
        return of(seed, liked, negatives, negativeWeights, catalog);
    }

    /**
     * The examples with {@code liked} positives, the given explicit negatives and sampled
     * same-day negatives; used by the web and by the offline evaluation alike.
     */
    public static Trainer.Examples of(
            long seed, Set<Integer> liked, List<Integer> negatives, List<Double> negativeWeights, Catalog catalog) {
        int perPositive =
                liked.isEmpty() ? 0 : Math.max(1, Math.min(NEGATIVES_PER_POSITIVE, MAX_SAMPLED / liked.size()));
        List<Integer> sampled = new ArrayList<>();
        java.util.Set<Integer> taken = new java.util.HashSet<>(liked);
        taken.addAll(negatives);
        for (int p : liked) {
            int[] day = catalog.sameDay(p);
            int span = day[1] - day[0];
            if (span <= 1) {
                day = new int[] {0, catalog.size()};
                span = catalog.size();
            }
            for (int j = 0, tries = 0; j < perPositive && tries < 4 * perPositive; tries++) {
                int r = day[0] + (int) Math.floorMod(mix(seed, p, tries), (long) span);
                if (taken.add(r)) {
                    sampled.add(r);
                    j++;
                }
            }
        }
        int d = catalog.dimensions();
        int n = liked.size() + negatives.size() + sampled.size();
        float[] data = new float[n * d];
        boolean[] positive = new boolean[n];
        double[] weight = new double[n];
        int i = 0;
        float[] all = catalog.vectors();
        for (int r : liked) {
            System.arraycopy(all, r * d, data, i * d, d);
            positive[i] = true;
            weight[i++] = 1;
        }
        for (int k = 0; k < negatives.size(); k++) {
            System.arraycopy(all, negatives.get(k) * d, data, i * d, d);
            weight[i++] = negativeWeights.get(k);
        }
        for (int r : sampled) {
            System.arraycopy(all, r * d, data, i * d, d);
            weight[i++] = 1;
        }
        return new Trainer.Examples(data, d, positive, weight);
    }

    /** A well-mixed 64-bit hash of three numbers (SplitMix64's finaliser). */
    static long mix(long a, long b, long c) {
        long z = a * 0x9E3779B97F4A7C15L + b * 0xBF58476D1CE4E5B9L + c * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
