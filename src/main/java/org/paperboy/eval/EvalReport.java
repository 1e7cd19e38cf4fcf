package org.paperboy.eval;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one evaluation produced: the summary line, the per-query metrics behind it, and the run
 * (query id to retrieved documents, in query order) for writing with {@link TrecRun#write}.
 */
public record EvalReport(EvalResult result, RunScores scores, Map<String, List<ScoredDoc>> run) {
    public EvalReport {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(run, "run");
    }
}
