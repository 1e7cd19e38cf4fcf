package org.paperboy.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Expected figures of recommendation runs ({@code recs-regressions.json}): for a task identified by
 * its cut-off, candidates and users, each method's recall@20, nDCG@20 and MRR within a tolerance.
 * A run of a task not listed passes with nothing to compare.
 */
public final class RecsRegressions {

    public static final String RESOURCE = "recs-regressions.json";

    private final JsonNode root;

    private RecsRegressions(JsonNode root) {
        this.root = root;
    }

    public static RecsRegressions builtIn() {
        try (InputStream in = RecsRegressions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return new RecsRegressions(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What differs from the expected figures of {@code result} on {@code task}; empty when all match. */
    public List<String> verify(SimulatedUsers task, RecsEvaluation.Result result) {
        List<String> problems = new ArrayList<>();
        double tolerance = root.path("tolerance").asDouble(0.002);
        for (JsonNode r : root.path("regressions")) {
            if (!r.path("cutoff").asText().equals(task.cutoff().toString())
                    || r.path("candidates").asInt() != task.candidates().size()
                    || r.path("users").asInt() != task.users().size()
                    || !r.path("method").asText().equals(result.method())) {
                continue;
            }
            check(
                    problems,
                    result.method(),
                    "recall@20",
                    r.path("expected").path("recall@20").asDouble(),
                    result.recall(),
                    tolerance);
            check(
                    problems,
                    result.method(),
                    "ndcg@20",
                    r.path("expected").path("ndcg@20").asDouble(),
                    result.ndcg(),
                    tolerance);
            check(
                    problems,
                    result.method(),
                    "mrr",
                    r.path("expected").path("mrr").asDouble(),
                    result.mrr(),
                    tolerance);
        }
        return problems;
    }

    private static void check(
            List<String> problems, String method, String metric, double expected, double got, double tol) {
        if (Math.abs(expected - got) > tol) {
            problems.add(String.format(
                    Locale.ROOT, "%s %s = %.4f, expected %.4f +- %.4f", method, metric, got, expected, tol));
        }
    }
}
