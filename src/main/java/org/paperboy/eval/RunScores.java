package org.paperboy.eval;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The per-query metrics of one run and their means over the evaluated queries (the queries with at
 * least one relevant judgment). With no evaluated query every mean is 0.
 */
public record RunScores(List<QueryScores> perQuery) {
    public RunScores {
        perQuery = List.copyOf(perQuery);
    }

    /** The number of evaluated queries. */
    public int queries() {
        return perQuery.size();
    }

    public double ndcg10() {
        return mean(QueryScores::ndcg10);
    }

    public double recall100() {
        return mean(QueryScores::recall100);
    }

    public double mrr10() {
        return mean(QueryScores::mrr10);
    }

    private double mean(ToDoubleFunction<QueryScores> metric) {
        if (perQuery.isEmpty()) {
            return 0.0;
        }
        double sum = 0.0;
        for (QueryScores q : perQuery) {
            sum += metric.applyAsDouble(q);
        }
        return sum / perQuery.size();
    }
}
