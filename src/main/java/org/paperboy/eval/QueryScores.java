package org.paperboy.eval;

import java.util.Objects;

/** The metrics of one evaluated query, each in [0, 1]. */
public record QueryScores(String queryId, double ndcg10, double recall100, double mrr10) {
    public QueryScores {
        Objects.requireNonNull(queryId, "queryId");
    }
}
