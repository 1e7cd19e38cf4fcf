package org.paperboy.eval;

import java.util.Objects;

/** A retrieved document id with its retrieval score; higher scores rank first and scores are finite. */
public record ScoredDoc(String id, double score) {
    public ScoredDoc {
        Objects.requireNonNull(id, "id");
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score of document '" + id + "' is " + score + ", not a finite number");
        }
    }
}
