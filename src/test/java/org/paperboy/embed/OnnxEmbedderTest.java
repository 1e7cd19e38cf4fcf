package org.paperboy.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * OnnxEmbedder with non-default settings: 128 tokens, batches of two, a query prefix. Reuses the
 * reference vectors of {@link OnnxEmbedderGoldenTest}. The last test closes the embedder.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OnnxEmbedderTest {

    private record Golden(String text, int tokens, float[] vector) {}

    private OnnxEmbedder embedder;
    private final List<Golden> golden = new ArrayList<>();

    @BeforeAll
    void load() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("golden-minilm.json")) {
            for (JsonNode c : new ObjectMapper().readTree(in).path("cases")) {
                float[] vector = new float[c.path("vector").size()];
                for (int i = 0; i < vector.length; i++) {
                    vector[i] = c.path("vector").path(i).floatValue();
                }
                golden.add(new Golden(c.path("text").asText(), c.path("tokens").asInt(), vector));
            }
        }
        embedder = OnnxEmbedder.allMiniLmL6V2(OnnxEmbedder.Settings.DEFAULT
                .withMaxTokens(128)
                .withBatchSize(2)
                .withPrefixes("query: ", ""));
    }

    @AfterAll
    void close() {
        embedder.close();
    }

    @Test
    void the_token_limit_is_part_of_the_model_id() {
        assertThat(embedder.modelId()).matches("all-MiniLM-L6-v2/sha256:[0-9a-f]{16}/max-tokens:128");
    }

    @Test
    void keeps_input_order_across_batches_and_only_texts_past_the_limit_change() {
        float[][] vectors =
                embedder.embedPassages(golden.stream().map(Golden::text).toList());

        for (int i = 0; i < golden.size(); i++) {
            Golden g = golden.get(i);
            if (g.tokens() <= 128) {
                assertThat(vectors[i]).as(g.text()).containsExactly(g.vector(), within(1e-4f));
            } else {
                // Cut at 128 tokens the vector moves away from the 256-token reference.
                assertThat(dot(vectors[i], g.vector())).as(g.text()).isLessThan(0.99);
            }
        }
    }

    @Test
    void prepends_the_query_prefix_to_queries_only() {
        String text = "sparse and dense retrieval";

        float[] query = embedder.embedQuery(text);

        assertThat(query).containsExactly(embedder.embedPassages(List.of("query: " + text))[0], within(1e-6f));
        assertThat(dot(query, embedder.embedPassages(List.of(text))[0])).isLessThan(0.999);
    }

    @Test
    void serves_concurrent_queries_with_the_same_vectors_as_one_thread() throws Exception {
        List<String> queries = List.of("graph neural networks", "protein folding", "speech recognition", "");
        float[][] expected = embedder.embedQueries(queries);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String query = queries.get(i % queries.size());
                results.add(pool.submit(() -> embedder.embedQuery(query)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).containsExactly(expected[i % queries.size()], within(1e-6f));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejects_settings_outside_the_model_limits() {
        assertThatThrownBy(() -> OnnxEmbedder.Settings.DEFAULT.withMaxTokens(513))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxTokens 513 is outside 2..512");
        assertThatThrownBy(() -> OnnxEmbedder.Settings.DEFAULT.withBatchSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchSize 0 must be at least 1");
    }

    @Test
    void names_a_missing_model_resource() {
        assertThatThrownBy(() -> OnnxEmbedder.fromClasspath(
                        "missing",
                        "/no-such-model.onnx",
                        "/all-minilm-l6-v2-tokenizer.json",
                        OnnxEmbedder.Settings.DEFAULT))
                .isInstanceOf(EmbeddingException.class)
                .hasMessage("missing: cannot read model /no-such-model.onnx")
                .hasRootCauseMessage("/no-such-model.onnx is not on the classpath");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void close_waits_for_running_calls_and_later_calls_fail() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch started = new CountDownLatch(1);
            Future<float[][]> running = pool.submit(() -> {
                started.countDown();
                return embedder.embedPassages(golden.stream().map(Golden::text).toList());
            });
            started.await();
            Thread.sleep(20);

            embedder.close();
            embedder.close();

            // The call either held the session until it finished or arrived after close: never a crash.
            try {
                assertThat(running.get().length).isEqualTo(golden.size());
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
            }
            assertThatThrownBy(() -> embedder.embedQuery("too late"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageEndingWith("/max-tokens:128: embedder is closed");
        } finally {
            pool.shutdownNow();
        }
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
