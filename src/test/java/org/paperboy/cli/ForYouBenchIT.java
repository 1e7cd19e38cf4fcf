package org.paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code paperboy bench for-you} on 40 papers of our own over four days: one line for the catalog,
 * one per period with the reader's signals and the retrains it caused, one for the digest; the
 * measured data directory is left as it was (the bench works on a copy).
 */
class ForYouBenchIT {

    private static final String[] TOPICS = {
        "protein folding from sequence",
        "robot grasping by trial",
        "dense retrieval of passages",
        "graph neural networks"
    };

    @TempDir
    Path dir;

    @Test
    void bench_for_you_reports_each_period_and_the_digest_and_leaves_the_store_alone() throws Exception {
        Path data = dir.resolve("data");
        Path file = dir.resolve("papers.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            String topic = TOPICS[i % TOPICS.length];
            lines.append(String.format(
                    "{\"id\": \"2501.%05d\", \"title\": \"Paper %d on %s\", \"authors\": [\"Writer %d\"], "
                            + "\"categories\": [\"cs.LG\"], \"summary\": \"We study %s again, in setting %d.\", "
                            + "\"listed_on\": \"2025-01-0%d\"}%n",
                    i + 1, i, topic, i % 7, topic, i, 2 + i % 4));
        }
        Files.writeString(file, lines, StandardCharsets.UTF_8);
        Map<String, String> env = Map.of("PAPERBOY_DATA", data.toString(), "PAPERBOY_SOURCES", "none");
        assertThat(Main.run(new String[] {"import", file.toString()}, env)).isEqualTo(0);
        long before = Files.size(data.resolve("paperboy.db"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int exit;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            exit = Main.run(
                    new String[] {"bench", "for-you", "--signals", "12", "--requests", "3", "--users", "4"}, env);
        } finally {
            System.setOut(old);
        }
        assertThat(exit).isEqualTo(0);
        List<JsonNode> json = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
            json.add(new ObjectMapper().readTree(line));
        }
        assertThat(json)
                .extracting(j -> j.get("bench").asText())
                .containsExactly("for-you-catalog", "for-you", "for-you", "for-you", "for-you-digest");
        assertThat(json.get(0).get("papers").asInt()).isEqualTo(40);
        assertThat(json.subList(1, 4))
                .extracting(j -> j.get("period").asText())
                .containsExactly("day", "week", "month");
        for (JsonNode period : json.subList(1, 4)) {
            assertThat(period.get("signals").asInt()).isEqualTo(12);
            assertThat(period.get("retrains").asInt()).isEqualTo(3); // a new save before each timed request
            assertThat(period.get("p50_ms").asDouble()).isPositive();
        }
        JsonNode digest = json.get(4);
        assertThat(digest.get("users").asInt()).isEqualTo(4);
        assertThat(digest.get("sections").asInt()).isEqualTo(4);
        assertThat(digest.get("model_bytes").asInt()).isEqualTo(780);
        assertThat(Files.size(data.resolve("paperboy.db"))).isEqualTo(before);
    }
}
