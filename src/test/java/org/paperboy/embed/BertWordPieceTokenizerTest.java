package org.paperboy.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Expected tokens and ids were looked up by hand in the vocabulary of the shipped tokenizer JSON. */
class BertWordPieceTokenizerTest {

    private static BertWordPieceTokenizer tokenizer;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = BertWordPieceTokenizer.class.getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
            tokenizer = BertWordPieceTokenizer.fromJson(in);
        }
    }

    @Test
    void reads_the_vocabulary_and_defaults_to_256_tokens() {
        assertThat(tokenizer.vocabularySize()).isEqualTo(30_522);
        assertThat(tokenizer.maxLength()).isEqualTo(256);
        assertThat(tokenizer.padId()).isZero();
    }

    @Test
    void frames_ids_with_cls_and_sep() {
        assertThat(tokenizer.encode("Hello, world!")).containsExactly(101, 7592, 1010, 2088, 999, 102);
        assertThat(tokenizer.encode("")).containsExactly(101, 102);
    }

    @Test
    void splits_punctuation_and_ascii_symbols_into_their_own_tokens() {
        assertThat(tokenizer.tokenize("Hello, world!")).containsExactly("hello", ",", "world", "!");
        assertThat(tokenizer.tokenize("$x^2$")).containsExactly("$", "x", "^", "2", "$");
        assertThat(tokenizer.tokenize("3.5%")).containsExactly("3", ".", "5", "%");
        assertThat(tokenizer.tokenize("a\u2014b")).containsExactly("a", "\u2014", "b");
    }

    @Test
    void lowercases_and_strips_accents() {
        assertThat(tokenizer.tokenize("Café")).containsExactly("cafe");
        assertThat(tokenizer.tokenize("NAÏVE Résumé")).containsExactly("naive", "resume");
        assertThat(tokenizer.tokenize("Cafe\u0301")).containsExactly("cafe");
    }

    @Test
    void continues_words_with_double_hash_pieces_by_greedy_longest_match() {
        assertThat(tokenizer.tokenize("embeddings")).containsExactly("em", "##bed", "##ding", "##s");
        assertThat(tokenizer.tokenize("Tokenizers")).containsExactly("token", "##izer", "##s");
        assertThat(tokenizer.encode("embeddings")).containsExactly(101, 7861, 8270, 4667, 2015, 102);
    }

    @Test
    void maps_characters_outside_the_vocabulary_to_unk() {
        assertThat(tokenizer.tokenize("a \u2603 b")).containsExactly("a", "[UNK]", "b");
        assertThat(tokenizer.encode("\uD83D\uDE00")).containsExactly(101, 100, 102);
    }

    @Test
    void a_word_with_an_unmatched_rest_is_one_unk() {
        assertThat(tokenizer.tokenize("data\u2603base go")).containsExactly("[UNK]", "go");
    }

    @Test
    void words_over_100_characters_are_unk() {
        // Greedy: "aaa" is the longest run of a's in the vocabulary, "##aa" the longest continuation.
        assertThat(tokenizer.tokenize("a".repeat(100)))
                .hasSize(50)
                .startsWith("aaa", "##aa")
                .endsWith("##aa", "##a")
                .doesNotContain("[UNK]");
        assertThat(tokenizer.tokenize("a".repeat(101))).containsExactly("[UNK]");
    }

    @Test
    void splits_cjk_ideographs_into_single_characters() {
        assertThat(tokenizer.tokenize("中国人")).containsExactly("中", "国", "人");
        assertThat(tokenizer.tokenize("日本abc")).containsExactly("日", "本", "abc");
    }

    @Test
    void removes_control_and_format_characters_and_splits_on_any_whitespace() {
        assertThat(tokenizer.tokenize("data\u0000base")).containsExactly("database");
        assertThat(tokenizer.tokenize("data\u200Bbase\u0007")).containsExactly("database");
        assertThat(tokenizer.tokenize("deep\tlearning\nmodels\r\u00A0\u3000data"))
                .containsExactly("deep", "learning", "models", "data");
    }

    @Test
    void recognizes_special_tokens_written_in_the_text() {
        assertThat(tokenizer.encode("the [MASK] token")).containsExactly(101, 1996, 103, 19204, 102);
        assertThat(tokenizer.tokenize("x[MASK]y")).containsExactly("x", "[MASK]", "y");
        assertThat(tokenizer.tokenize("[mask]")).containsExactly("[", "mask", "]");
    }

    @Test
    void truncates_to_the_maximum_length_and_keeps_sep_last() {
        int[] ids = tokenizer.encode("data ".repeat(300));

        assertThat(ids).hasSize(256);
        assertThat(ids[0]).isEqualTo(101);
        assertThat(ids[255]).isEqualTo(102);
        assertThat(Arrays.copyOfRange(ids, 1, 255)).containsOnly(2951);
    }

    @Test
    void a_shorter_maximum_cuts_inside_a_word() {
        BertWordPieceTokenizer short4 = tokenizer.withMaxLength(4);

        assertThat(short4.encode("embeddings")).containsExactly(101, 7861, 8270, 102);
        assertThat(tokenizer.withMaxLength(2).encode("embeddings")).containsExactly(101, 102);
        assertThat(tokenizer.maxLength()).isEqualTo(256);
    }

    @Test
    void rejects_a_maximum_without_room_for_cls_and_sep() {
        assertThatThrownBy(() -> tokenizer.withMaxLength(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxLength 1 leaves no room for [CLS] and [SEP]; use at least 2");
    }

    @Test
    void rejects_a_tokenizer_file_of_another_kind_naming_the_field() {
        String bpe = """
                {"model": {"type": "BPE", "vocab": {}}, "pre_tokenizer": {"type": "ByteLevel"}}
                """;

        assertThatThrownBy(() ->
                        BertWordPieceTokenizer.fromJson(new ByteArrayInputStream(bpe.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tokenizer JSON: model.type is 'BPE', expected 'WordPiece'");
    }
}
