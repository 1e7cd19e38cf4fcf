package org.paperboy.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NgramHasherTest {

    private static List<Long> hashes(String text) {
        List<Long> out = new ArrayList<>();
        NgramHasher.hash(text, out::add);
        return out;
    }

    @Test
    void each_word_and_each_adjacent_pair_gives_one_hash() {
        List<Long> h = hashes("deep nets learn");

        assertThat(h).hasSize(5); // deep, nets, deep+nets, learn, nets+learn
        assertThat(h.get(0)).isEqualTo(NgramHasher.word("deep"));
        assertThat(h.get(1)).isEqualTo(NgramHasher.word("nets"));
        assertThat(h.get(3)).isEqualTo(NgramHasher.word("learn"));
        assertThat(h).doesNotHaveDuplicates().doesNotContain(0L);
    }

    @Test
    void case_and_punctuation_do_not_matter() {
        assertThat(hashes("Deep-Learning, (BERT)!")).isEqualTo(hashes("deep learning bert"));
        assertThat(hashes("SCHRÖDINGER Équation")).isEqualTo(hashes("schrödinger équation"));
    }

    @Test
    void word_order_changes_the_bigram() {
        assertThat(hashes("graph neural").get(2))
                .isNotEqualTo(hashes("neural graph").get(2));
    }

    @Test
    void a_text_without_letters_or_digits_gives_nothing() {
        assertThat(hashes("")).isEmpty();
        assertThat(hashes(" -- ;; ")).isEmpty();
    }

    @Test
    void hashes_are_fixed_across_runs_and_machines() {
        assertThat(Long.toHexString(NgramHasher.word("protein"))).isEqualTo("24f75cd93c3118eb");
    }

    @Test
    void texts_gives_the_same_hashes_with_each_ngram_as_text() {
        String text = "Deep-Learning of Schrödinger's (BERT) nets, 2 layers!";
        List<Long> fromTexts = new ArrayList<>();
        List<String> ngrams = new ArrayList<>();
        NgramHasher.texts(text, (hash, ngram) -> {
            fromTexts.add(hash);
            ngrams.add(ngram);
        });

        assertThat(fromTexts).isEqualTo(hashes(text));
        assertThat(ngrams).startsWith("deep", "learning", "deep learning", "of", "learning of");
        for (int i = 0; i < ngrams.size(); i++) {
            List<Long> own = hashes(ngrams.get(i));
            assertThat(own.get(own.size() - 1)).isEqualTo(fromTexts.get(i));
        }
    }
}
