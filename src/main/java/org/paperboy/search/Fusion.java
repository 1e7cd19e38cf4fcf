package org.paperboy.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a hybrid search combines its lexical and dense rankings into one. Both inputs are ranked
 * best first; the output holds every id of either list, ranked best first, with the fused score.
 */
public enum Fusion {
    /**
     * Each list's scores are scaled to [0, 1] by that list's own minimum and maximum, and a paper
     * scores {@code alpha * dense + (1 - alpha) * lexical}, a missing score counting as 0. Equal
     * fused scores are ordered by the normalized score of the heavier-weighted list (a paper absent
     * from it last), then by the other, then by id; so alpha 0 gives the lexical order and alpha 1
     * the dense order, each followed by the papers only the other list found.
     */
    MIN_MAX,
    /**
     * Reciprocal rank fusion: a paper scores the sum over the lists it appears in of
     * {@code 1 / (60 + rank)}, ranks counted from 1; alpha is ignored. Equal scores go by id.
     */
    RRF;

    // RRF k = 60 (Cormack, Clarke and Buettcher, SIGIR 2009).
    static final int RRF_K = 60;

    /**
     * The fused ranking.
     *
     * @param alpha weight of the dense list in [0, 1], for {@link #MIN_MAX}
     */
    public List<ScoredId> fuse(List<ScoredId> lexical, List<ScoredId> dense, double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha: " + alpha + " is not within 0..1");
        }
        return switch (this) {
            case MIN_MAX -> minMax(lexical, dense, alpha);
            case RRF -> reciprocalRank(lexical, dense);
        };
    }

    /**
     * The fusion named {@code name} in any case: {@code min-max} (or {@code minmax},
     * {@code min_max}) or {@code rrf}.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static Fusion parse(String name) {
        String key = name == null
                ? ""
                : name.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        return switch (key) {
            case "minmax" -> MIN_MAX;
            case "rrf" -> RRF;
            default -> throw new IllegalArgumentException("fusion: '" + name + "' is not one of min-max, rrf");
        };
    }

    private static final double ABSENT = -1;

    private record Candidate(String id, double lexical, double dense, double fused) {}

    private static List<ScoredId> minMax(List<ScoredId> lexical, List<ScoredId> dense, double alpha) {
        Map<String, double[]> normalized = new HashMap<>();
        normalizeInto(normalized, lexical, 0);
        normalizeInto(normalized, dense, 1);
        List<Candidate> candidates = new ArrayList<>(normalized.size());
        normalized.forEach((id, s) -> {
            double fused = alpha * Math.max(s[1], 0) + (1 - alpha) * Math.max(s[0], 0);
            candidates.add(new Candidate(id, s[0], s[1], fused));
        });
        Comparator<Candidate> heavier = alpha >= 0.5
                ? Comparator.comparingDouble(Candidate::dense)
                : Comparator.comparingDouble(Candidate::lexical);
        Comparator<Candidate> lighter = alpha >= 0.5
                ? Comparator.comparingDouble(Candidate::lexical)
                : Comparator.comparingDouble(Candidate::dense);
        candidates.sort(Comparator.comparingDouble(Candidate::fused)
                .thenComparing(heavier)
                .thenComparing(lighter)
                .reversed()
                .thenComparing(Candidate::id));
        List<ScoredId> out = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            out.add(new ScoredId(c.id(), c.fused()));
        }
        return out;
    }

    private static void normalizeInto(Map<String, double[]> normalized, List<ScoredId> list, int slot) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (ScoredId s : list) {
            min = Math.min(min, s.score());
            max = Math.max(max, s.score());
        }
        double range = max - min;
        for (ScoredId s : list) {
            // A list whose scores are all equal gives no evidence to tell its papers apart: all 1.
            double value = range > 0 ? (s.score() - min) / range : 1;
            normalized.computeIfAbsent(s.id(), id -> new double[] {ABSENT, ABSENT})[slot] = value;
        }
    }

    private static List<ScoredId> reciprocalRank(List<ScoredId> lexical, List<ScoredId> dense) {
        Map<String, Double> scores = new HashMap<>();
        addReciprocalRanks(scores, lexical);
        addReciprocalRanks(scores, dense);
        List<ScoredId> out = new ArrayList<>(scores.size());
        scores.forEach((id, score) -> out.add(new ScoredId(id, score)));
        out.sort(Comparator.comparingDouble(ScoredId::score).reversed().thenComparing(ScoredId::id));
        return out;
    }

    private static void addReciprocalRanks(Map<String, Double> scores, List<ScoredId> list) {
        for (int i = 0; i < list.size(); i++) {
            scores.merge(list.get(i).id(), 1.0 / (RRF_K + i + 1), Double::sum);
        }
    }
}
