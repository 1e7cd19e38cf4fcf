package org.paperboy.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegressionsTest {

    private static final String CONFIG = """
            {
              "tolerance": 0.001,
              "regressions": [
                {"dataset": "scifact", "split": "test", "mode": "bm25", "queries": 300,
                 "expected": {"ndcg@10": 0.6789, "recall@100": 0.925, "mrr@10": 0.64},
                 "floor": {"ndcg@10": 0.665}},
                {"dataset": "scifact", "split": "test", "mode": "dense", "tolerance": 0.01,
                 "expected": {"ndcg@10": 0.64, "recall@100": null}}
              ]
            }
            """;

    private static Regressions config() throws IOException {
        return Regressions.parse("test.json", new ByteArrayInputStream(CONFIG.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void passes_within_the_tolerance() throws IOException {
        EvalResult result = new EvalResult("scifact", "bm25", 0.6798, 0.9241, 0.6405, 300);

        assertThat(config().verify("test", result)).isEmpty();
    }

    @Test
    void lists_every_miss_on_its_own_line() throws IOException {
        EvalResult result = new EvalResult("scifact", "bm25", 0.6601, 0.925, 0.6512, 299);

        assertThat(config().verify("test", result))
                .containsExactly(
                        "scifact/test/bm25 queries 299, expected 300",
                        "scifact/test/bm25 ndcg@10 0.6601 differs from the expected 0.6789 by more than 0.001",
                        "scifact/test/bm25 ndcg@10 0.6601 is below the floor 0.665",
                        "scifact/test/bm25 mrr@10 0.6512 differs from the expected 0.6400 by more than 0.001");
    }

    @Test
    void a_placeholder_fails_until_it_is_filled_in_and_unlisted_metrics_are_not_checked() throws IOException {
        EvalResult result = new EvalResult("scifact", "dense", 0.6455, 0.9, 0.1, 300);

        assertThat(config().verify("test", result))
                .containsExactly("scifact/test/dense recall@100 0.9000: no expected value yet (null in test.json);"
                        + " record the measured one");
    }

    @Test
    void a_result_without_a_recorded_regression_fails() throws IOException {
        EvalResult result = new EvalResult("scifact", "hybrid", 0.75, 0.9, 0.7, 300);

        assertThat(config().verify("train", result))
                .containsExactly("scifact/train/hybrid: no regression recorded in test.json");
    }

    @Test
    void the_shipped_regressions_record_the_scifact_floors() {
        Regressions shipped = Regressions.builtIn();

        Regressions.Expectation bm25 =
                shipped.expectation("scifact", "test", "bm25").orElseThrow();
        assertThat(bm25.queries()).isEqualTo(OptionalInt.of(300));
        assertThat(bm25.floor()).isEqualTo(Map.of("ndcg@10", 0.665));
        assertThat(shipped.expectation("scifact", "test", "dense").orElseThrow().floor())
                .isEqualTo(Map.of("ndcg@10", 0.64));
        assertThat(shipped.expectation("scifact", "test", "hybrid")
                        .orElseThrow()
                        .floor())
                .isEqualTo(Map.of("ndcg@10", 0.73));
        assertThat(shipped.expectation("scifact", "train", "bm25").orElseThrow().queries())
                .isEqualTo(OptionalInt.of(809));
        assertThat(shipped.expectation("scifact", "test", "sparse")).isEqualTo(Optional.empty());
    }

    @Test
    void loads_a_file(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mine.json");
        Files.writeString(file, CONFIG);

        Regressions loaded = Regressions.load(file);

        assertThat(loaded.expectation("scifact", "test", "dense").orElseThrow().tolerance())
                .isEqualTo(0.01);
        assertThat(loaded.verify("test", new EvalResult("scifact", "x", 0, 0, 0, 0)))
                .containsExactly("scifact/test/x: no regression recorded in " + file);
    }

    @Test
    void rejects_an_unknown_metric_naming_the_entry() {
        String bad = CONFIG.replace("\"mrr@10\": 0.64", "\"map\": 0.64");

        assertThatThrownBy(() -> Regressions.parse("test.json", new ByteArrayInputStream(bad.getBytes())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("test.json: regressions[0].expected.map is not a known key;"
                        + " expected one of [mrr@10, ndcg@10, recall@100]");
    }

    @Test
    void rejects_a_repeated_entry() {
        String bad = CONFIG.replace("\"mode\": \"dense\"", "\"mode\": \"bm25\"");

        assertThatThrownBy(() -> Regressions.parse("test.json", new ByteArrayInputStream(bad.getBytes())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("test.json: regressions[1] repeats scifact/test/bm25");
    }

    @Test
    void rejects_a_negative_tolerance() {
        String bad = CONFIG.replace("\"tolerance\": 0.01", "\"tolerance\": -1");

        assertThatThrownBy(() -> Regressions.parse("test.json", new ByteArrayInputStream(bad.getBytes())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("test.json: regressions[1].tolerance is -1, expected a number >= 0");
    }
}
