package org.paperboy.search;

import java.util.Objects;
import org.paperboy.paper.Paper;

/**
 * A paper as it goes into the index, with its embedding of title and abstract, or {@code null}
 * while that is not computed yet: such a paper is found by BM25 but not by dense search until it
 * is upserted again with its vector. A vector must be L2-normalized (the index scores by dot
 * product).
 */
public record IndexedPaper(Paper paper, float[] vector) {
    public IndexedPaper {
        Objects.requireNonNull(paper, "paper");
    }

    // Unit length within float rounding.
    private static final double NORM_TOLERANCE = 1e-3;

    /**
     * Checks the vector, if any, against an index of {@code dimensions}-dim vectors: its length
     * and unit norm; every backend calls it before writing.
     *
     * @throws IllegalArgumentException naming the paper and what is wrong
     */
    public void check(int dimensions) {
        if (vector == null) {
            return;
        }
        String id = paper.id();
        if (vector.length != dimensions) {
            throw new IllegalArgumentException(
                    "vector of " + id + ": has " + vector.length + " dimensions, the index takes " + dimensions);
        }
        double sum = 0;
        for (float x : vector) {
            sum += (double) x * x;
        }
        if (!Double.isFinite(sum) || Math.abs(Math.sqrt(sum) - 1) > NORM_TOLERANCE) {
            throw new IllegalArgumentException("vector of " + id + ": length " + Math.sqrt(sum)
                    + " is not 1; the index scores by dot product and needs L2-normalized vectors");
        }
    }

    /** A paper whose vector is not computed yet. */
    public static IndexedPaper withoutVector(Paper paper) {
        return new IndexedPaper(paper, null);
    }
}
