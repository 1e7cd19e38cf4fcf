package org.paperboy.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real quantized bge-small-en-v1.5 from the langchain4j artifact, as {@link Embedders} builds
 * it: its id, unit vectors, its tokenizer's lowercasing, the 512-token limit, the query instruction,
 * and that a relevant passage outscores unrelated ones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BgeSmallEmbedderIT {

    private static final List<String> PASSAGES = List.of(
            "Protein structure prediction: we predict the three-dimensional fold of a protein from its amino acid"
                    + " sequence with a deep network.",
            "Robot grasping: a robot arm learns to pick up objects of unknown shape by trial and error.",
            "Galaxy formation: we simulate how galaxies assemble inside dark matter halos over billions of years.",
            "Neural machine translation: an encoder-decoder model with attention translates English into German.");

    private Embedder embedder;

    @BeforeAll
    void load() {
        embedder = Embedders.create(Embedders.BGE_SMALL, java.nio.file.Path.of("unused"));
    }

    @AfterAll
    void close() {
        embedder.close();
    }

    @Test
    void its_id_names_the_model_its_checksum_the_token_limit_and_cls_pooling() {
        assertThat(embedder.modelId()).matches("bge-small-en-v1\\.5-q/sha256:[0-9a-f]{16}/max-tokens:512/pooling:cls");
        assertThat(embedder.dimensions()).isEqualTo(384);
    }

    @Test
    void vectors_have_unit_length() {
        for (float[] v : embedder.embedPassages(PASSAGES)) {
            assertThat(v).hasSize(384);
            assertThat(dot(v, v)).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void each_query_ranks_its_own_passage_first() {
        List<String> queries = List.of(
                "how do proteins fold",
                "learning to pick up things with a robot hand",
                "dark matter and the origin of galaxies",
                "translating between languages with neural networks");
        float[][] passages = embedder.embedPassages(PASSAGES);
        float[][] vectors = embedder.embedQueries(queries);
        for (int q = 0; q < queries.size(); q++) {
            int query = q;
            double relevant = dot(vectors[q], passages[q]);
            double bestOther = IntStream.range(0, passages.length)
                    .filter(p -> p != query)
                    .mapToDouble(p -> dot(vectors[query], passages[p]))
                    .max()
                    .orElseThrow();
            assertThat(relevant).as(queries.get(q)).isGreaterThan(bestOther + 0.1);
        }
    }

    @Test
    void a_query_is_embedded_with_the_instruction_and_a_passage_without() {
        String text = "dark matter and the origin of galaxies";
        float[] query = embedder.embedQuery(text);
        float[] passage = embedder.embedPassages(List.of(text))[0];
        float[] instructed = embedder.embedPassages(List.of(OnnxEmbedder.BGE_QUERY_PREFIX + text))[0];

        assertThat(dot(query, passage)).isLessThan(0.99);
        assertThat(query).containsExactly(instructed, within(1e-5f));
    }

    @Test
    void lowercases_and_strips_accents_as_its_tokenizer_file_says() {
        float[][] v = embedder.embedPassages(List.of("Protein FOLDING in Zürich", "protein folding in zurich"));
        assertThat(v[0]).containsExactly(v[1], within(1e-6f));
    }

    @Test
    void reads_up_to_512_tokens() {
        // 400 words of one token each: all read, so a different last word changes the vector ...
        String words = IntStream.range(0, 400)
                .mapToObj(i -> i % 2 == 0 ? "cell" : "protein")
                .collect(Collectors.joining(" "));
        float[][] within512 = embedder.embedPassages(List.of(words + " galaxy", words + " robot"));
        assertThat(dot(within512[0], within512[1])).isLessThan(0.99999);
        // ... while past 510 words (plus [CLS] and [SEP]) the rest is cut off.
        String longer = words + " " + words;
        float[][] past512 = embedder.embedPassages(List.of(longer + " galaxy", longer + " robot"));
        assertThat(past512[0]).containsExactly(past512[1], within(1e-6f));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
