package org.paperboy.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedder factory's names and errors, and the settings that set the shipped models apart. */
class EmbeddersTest {

    @TempDir
    Path data;

    @Test
    void names_the_three_embedders_in_documentation_order() {
        assertThat(Embedders.NAMES).containsExactly("minilm", "bge-small", "student");
        assertThat(Embedders.studentModel(data)).isEqualTo(data.resolve("student.model"));
    }

    @Test
    void rejects_an_unknown_name_listing_the_known_ones() {
        assertThatThrownBy(() -> Embedders.create("bge-large", data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("embedder 'bge-large' is not one of minilm, bge-small, student");
    }

    @Test
    void a_student_without_a_model_file_says_where_it_looked_and_how_to_make_one() {
        Path file = data.resolve("student.model").toAbsolutePath();
        assertThatThrownBy(() -> Embedders.create("student", data))
                .isInstanceOf(EmbeddingException.class)
                .hasMessage("no student model at " + file + "; run paperboy train-embedder");
    }

    @Test
    void a_trained_student_model_is_served_by_name() {
        StudentEmbedder trained =
                StudentEmbedderTest.trainTiny(StudentEmbedderTest.TINY).quantized();
        trained.save(data.resolve("student.model"));

        Embedder served = Embedders.create("student", data);

        assertThat(served.modelId()).isEqualTo(trained.modelId());
        assertThat(served.embedQuery("robot grasp")).containsExactly(trained.embedQuery("robot grasp"));
    }

    @Test
    void a_directory_in_place_of_the_student_model_is_no_model() throws IOException {
        Files.createDirectory(data.resolve("student.model"));
        assertThatThrownBy(() -> Embedders.create("student", data))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageStartingWith("no student model at ");
    }

    @Test
    void minilm_pools_the_mean_of_256_tokens_without_prefixes() {
        OnnxEmbedder.Settings s = OnnxEmbedder.Settings.DEFAULT;
        assertThat(s.pooling()).isEqualTo(OnnxEmbedder.Pooling.MEAN);
        assertThat(s.maxTokens()).isEqualTo(256);
        assertThat(s.queryPrefix()).isEmpty();
        assertThat(s.passagePrefix()).isEmpty();
        // Unchanged from before the pooling choice existed, so no install re-embeds.
        assertThat(s.idSuffix()).isEqualTo("/max-tokens:256");
    }

    @Test
    void bge_small_pools_cls_of_512_tokens_with_the_instruction_before_queries_only() {
        OnnxEmbedder.Settings s = OnnxEmbedder.Settings.BGE_SMALL;
        assertThat(s.pooling()).isEqualTo(OnnxEmbedder.Pooling.CLS);
        assertThat(s.maxTokens()).isEqualTo(512);
        assertThat(s.queryPrefix()).isEqualTo("Represent this sentence for searching relevant passages: ");
        assertThat(s.passagePrefix()).isEmpty();
        assertThat(s.idSuffix()).isEqualTo("/max-tokens:512/pooling:cls");
    }

    @Test
    void the_model_id_names_what_changes_stored_vectors_but_not_the_query_prefix() {
        OnnxEmbedder.Settings s = OnnxEmbedder.Settings.DEFAULT;
        assertThat(s.withPrefixes("query: ", "").idSuffix()).isEqualTo("/max-tokens:256");
        assertThat(s.withPrefixes("query: ", "passage: ").idSuffix())
                .isEqualTo("/max-tokens:256/passage-prefix:passage:");
        assertThat(s.withPooling(OnnxEmbedder.Pooling.CLS).withMaxTokens(128).idSuffix())
                .isEqualTo("/max-tokens:128/pooling:cls");
    }
}
