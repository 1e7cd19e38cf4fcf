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

    /** A paper whose vector is not computed yet. */
    public static IndexedPaper withoutVector(Paper paper) {
        return new IndexedPaper(paper, null);
    }
}
