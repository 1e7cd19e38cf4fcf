package org.paperboy.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Recorded search quality, checked like Anserini's regressions: for each (dataset, split, mode) the
 * expected metrics with a tolerance, optional floors, and the expected query count. {@link #verify}
 * lists every way a result misses them; an empty list means it passes.
 *
 * <p>The file is JSON: {@code {"tolerance": 0.001, "regressions": [{"dataset": "scifact", "split":
 * "test", "mode": "bm25", "queries": 300, "expected": {"ndcg@10": 0.6789, "recall@100": null,
 * "mrr@10": null}, "floor": {"ndcg@10": 0.665}, "tolerance": 0.0005}]}}. A {@code null} expected value
 * is a placeholder still to be measured and fails verification until it is filled in; the per-entry
 * {@code tolerance} overrides the file's.
 */
public final class Regressions {

    /** The regressions shipped with Paperboy, a classpath resource beside this class. */
    public static final String RESOURCE = "regressions.json";

    /** The metric keys, as in {@link EvalResult#toJsonLine()}, with how to read each from a result. */
    private static final Map<String, ToDoubleFunction<EvalResult>> METRICS = metrics();

    private static final Set<String> ENTRY_KEYS =
            Set.of("dataset", "split", "mode", "queries", "expected", "floor", "tolerance");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Absorbs binary rounding, so that a difference of exactly the tolerance passes. */
    private static final double SLACK = 1e-12;

    /**
     * One recorded expectation: {@code pending} are the metrics recorded as {@code null}, still to be
     * measured; metrics neither expected nor pending are not compared.
     */
    public record Expectation(
            String dataset,
            String split,
            String mode,
            OptionalInt queries,
            Map<String, Double> expected,
            Set<String> pending,
            Map<String, Double> floor,
            double tolerance) {
        public Expectation {
            expected = Map.copyOf(expected);
            pending = Set.copyOf(pending);
            floor = Map.copyOf(floor);
        }

        String key() {
            return dataset + "/" + split + "/" + mode;
        }
    }

    private final String source;
    private final Map<String, Expectation> byKey;

    private Regressions(String source, Map<String, Expectation> byKey) {
        this.source = source;
        this.byKey = byKey;
    }

    /** The regressions shipped in {@link #RESOURCE}. */
    public static Regressions builtIn() {
        try (InputStream in = Regressions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + RESOURCE + " is missing from the build");
            }
            return parse(RESOURCE, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath resource " + RESOURCE, e);
        }
    }

    /**
     * Reads regressions from a file in the format described above.
     *
     * @throws IllegalArgumentException naming the file and the entry and key at fault
     */
    public static Regressions load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(file.toString(), in);
        }
    }

    static Regressions parse(String source, InputStream in) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": expected a JSON object with \"regressions\"");
        }
        checkKeys(source, "", root, Set.of("tolerance", "regressions"));
        double tolerance = number(source, "tolerance", root.get("tolerance"));
        JsonNode entries = root.get("regressions");
        if (entries == null || !entries.isArray()) {
            throw new IllegalArgumentException(source + ": \"regressions\" must be an array of entries");
        }
        Map<String, Expectation> byKey = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String at = "regressions[" + i + "]";
            Expectation e = entry(source, at, entries.get(i), tolerance);
            if (byKey.putIfAbsent(e.key(), e) != null) {
                throw new IllegalArgumentException(source + ": " + at + " repeats " + e.key());
            }
        }
        return new Regressions(source, byKey);
    }

    /** The expectation recorded for (dataset, split, mode), if any. */
    public Optional<Expectation> expectation(String dataset, String split, String mode) {
        return Optional.ofNullable(byKey.get(dataset + "/" + split + "/" + mode));
    }

    /**
     * Checks {@code result}, measured on {@code split}, against its expectation: one readable line per
     * failure, none when it passes. A result with no recorded expectation fails.
     */
    public List<String> verify(String split, EvalResult result) {
        String key = result.dataset() + "/" + split + "/" + result.mode();
        Expectation e = byKey.get(key);
        if (e == null) {
            return List.of(key + ": no regression recorded in " + source);
        }
        List<String> failures = new ArrayList<>();
        if (e.queries().isPresent() && e.queries().getAsInt() != result.queries()) {
            failures.add(key + " queries " + result.queries() + ", expected "
                    + e.queries().getAsInt());
        }
        METRICS.forEach((metric, read) -> {
            double actual = read.applyAsDouble(result);
            Double expected = e.expected().get(metric);
            if (e.pending().contains(metric)) {
                failures.add(key + " " + metric + " " + format(actual) + ": no expected value yet (null in " + source
                        + "); record the measured one");
            } else if (expected != null && Math.abs(actual - expected) > e.tolerance() + SLACK) {
                failures.add(key + " " + metric + " " + format(actual) + " differs from the expected "
                        + format(expected) + " by more than " + e.tolerance());
            }
            Double floor = e.floor().get(metric);
            if (floor != null && actual < floor) {
                failures.add(key + " " + metric + " " + format(actual) + " is below the floor " + floor);
            }
        });
        return failures;
    }

    private static Expectation entry(String source, String at, JsonNode node, double defaultTolerance) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(source + ": " + at + " must be an object");
        }
        checkKeys(source, at + ".", node, ENTRY_KEYS);
        String dataset = text(source, at + ".dataset", node.get("dataset"));
        String split = text(source, at + ".split", node.get("split"));
        String mode = text(source, at + ".mode", node.get("mode"));
        OptionalInt queries = OptionalInt.empty();
        JsonNode q = node.get("queries");
        if (q != null && !q.isNull()) {
            if (!q.canConvertToExactIntegral() || !q.canConvertToInt() || q.asInt() < 0) {
                throw new IllegalArgumentException(
                        source + ": " + at + ".queries is " + q + ", expected a whole number >= 0");
            }
            queries = OptionalInt.of(q.asInt());
        }
        Map<String, Double> expected = new LinkedHashMap<>();
        Set<String> pending = new HashSet<>();
        metricsOf(source, at + ".expected", node.get("expected")).forEach((metric, value) -> {
            if (value.isNull()) {
                pending.add(metric);
            } else {
                expected.put(metric, number(source, at + ".expected." + metric, value));
            }
        });
        Map<String, Double> floor = new LinkedHashMap<>();
        metricsOf(source, at + ".floor", node.get("floor"))
                .forEach((metric, value) -> floor.put(metric, number(source, at + ".floor." + metric, value)));
        JsonNode t = node.get("tolerance");
        double tolerance = t == null ? defaultTolerance : number(source, at + ".tolerance", t);
        return new Expectation(dataset, split, mode, queries, expected, pending, floor, tolerance);
    }

    private static Map<String, JsonNode> metricsOf(String source, String at, JsonNode node) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(source + ": " + at + " must be an object of metric values");
        }
        checkKeys(source, at + ".", node, METRICS.keySet());
        node.properties().forEach(p -> values.put(p.getKey(), p.getValue()));
        return values;
    }

    private static void checkKeys(String source, String at, JsonNode node, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(source + ": " + at + name + " is not a known key; expected one of "
                        + allowed.stream().sorted().toList());
            }
        }
    }

    private static String text(String source, String at, JsonNode node) {
        if (node == null || !node.isTextual() || node.textValue().isBlank()) {
            throw new IllegalArgumentException(source + ": " + at + " must be a non-empty string");
        }
        return node.textValue();
    }

    private static double number(String source, String at, JsonNode node) {
        if (node == null || !node.isNumber() || node.doubleValue() < 0) {
            throw new IllegalArgumentException(source + ": " + at + " is " + node + ", expected a number >= 0");
        }
        return node.doubleValue();
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static Map<String, ToDoubleFunction<EvalResult>> metrics() {
        Map<String, ToDoubleFunction<EvalResult>> metrics = new LinkedHashMap<>();
        metrics.put("ndcg@10", EvalResult::ndcg10);
        metrics.put("recall@100", EvalResult::recall100);
        metrics.put("mrr@10", EvalResult::mrr10);
        return metrics;
    }
}
