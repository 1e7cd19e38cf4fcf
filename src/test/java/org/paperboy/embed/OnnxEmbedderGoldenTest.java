package org.paperboy.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Golden test: all-MiniLM-L6-v2 vectors for fixed texts against {@code golden-minilm.json}, 1e-4
 * per component. The reference vectors were produced outside this code base by a throwaway
 * program: the Hugging Face tokenizers library (Rust, through DJL 0.38.0) loaded with the shipped
 * tokenizer JSON set to truncate at 256 tokens without padding, ONNX Runtime 1.20.0 at BASIC_OPT
 * running one text at a time, and mean pooling plus L2 normalization written separately as
 * sentence-transformers defines them; components rounded to 6 decimals. For the five texts under
 * 128 tokens they agree with langchain4j's AllMiniLmL6V2EmbeddingModel to 6e-7.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnnxEmbedderGoldenTest {

    private record Golden(String name, String text, int tokens, float[] vector) {}

    private OnnxEmbedder embedder;
    private BertWordPieceTokenizer tokenizer;
    private String modelSha256Prefix;
    private final List<Golden> golden = new ArrayList<>();

    @BeforeAll
    void load() throws IOException {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("golden-minilm.json")) {
            root = new ObjectMapper().readTree(in);
        }
        modelSha256Prefix = root.path("modelSha256Prefix").asText();
        for (JsonNode c : root.path("cases")) {
            float[] vector = new float[c.path("vector").size()];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = c.path("vector").path(i).floatValue();
            }
            golden.add(new Golden(
                    c.path("name").asText(),
                    c.path("text").asText(),
                    c.path("tokens").asInt(),
                    vector));
        }
        try (InputStream in = getClass().getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
            tokenizer = BertWordPieceTokenizer.fromJson(in);
        }
        embedder = OnnxEmbedder.allMiniLmL6V2();
    }

    @AfterAll
    void close() {
        embedder.close();
    }

    @Test
    void the_reference_covers_short_texts_and_texts_past_128_tokens() {
        assertThat(golden).hasSize(7);
        assertThat(golden).extracting(Golden::tokens).contains(165, 256);
    }

    @Test
    void names_the_model_its_checksum_and_the_token_limit() {
        assertThat(embedder.modelId()).isEqualTo("all-MiniLM-L6-v2/sha256:" + modelSha256Prefix + "/max-tokens:256");
        assertThat(embedder.dimensions()).isEqualTo(384);
    }

    @Test
    void tokenizes_each_text_to_as_many_tokens_as_the_reference() {
        for (Golden g : golden) {
            assertThat(tokenizer.encode(g.text())).as(g.name()).hasSize(g.tokens());
        }
    }

    @Test
    void matches_the_reference_vectors_within_1e_4() {
        for (Golden g : golden) {
            float[] actual = embedder.embedPassages(List.of(g.text()))[0];
            assertThat(actual).as(g.name()).containsExactly(g.vector(), within(1e-4f));
        }
    }

    @Test
    void vectors_have_unit_length() {
        float[][] vectors = embedder.embedPassages(texts());

        for (float[] v : vectors) {
            assertThat(dot(v, v)).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void a_paraphrase_is_closer_than_an_unrelated_text() {
        float[] query = embedder.embedQuery("ranking research papers by semantic similarity");
        float[][] candidates = embedder.embedPassages(List.of(
                "ordering scientific articles by how close their meaning is",
                "a recipe for slow-cooked tomato soup with basil"));

        double paraphrase = dot(query, candidates[0]);
        double unrelated = dot(query, candidates[1]);
        assertThat(paraphrase).isGreaterThan(0.5).isGreaterThan(unrelated + 0.3);
    }

    @Test
    void a_batch_of_mixed_lengths_gives_the_single_text_vectors_in_input_order() {
        List<String> texts = texts();
        float[][] batch = embedder.embedPassages(texts);

        assertThat(batch.length).isEqualTo(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            float[] single = embedder.embedPassages(List.of(texts.get(i)))[0];
            assertThat(batch[i]).as(golden.get(i).name()).containsExactly(single, within(1e-5f));
            assertThat(batch[i])
                    .as(golden.get(i).name())
                    .containsExactly(golden.get(i).vector(), within(1e-4f));
        }
    }

    @Test
    void queries_and_passages_are_embedded_alike_without_prefixes() {
        String text = golden.get(1).text();

        assertThat(embedder.embedQuery(text)).containsExactly(embedder.embedPassages(List.of(text))[0]);
    }

    @Test
    void an_empty_list_gives_an_empty_array() {
        assertThat(embedder.embedPassages(List.of())).isEmpty();
        assertThat(embedder.embedQueries(List.of())).isEmpty();
    }

    @Test
    void a_null_text_is_named_by_its_index() {
        assertThatThrownBy(() -> embedder.embedPassages(Arrays.asList("a", null)))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("texts[1]");
    }

    private List<String> texts() {
        return golden.stream().map(Golden::text).toList();
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
