package org.paperboy.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.lucene.document.Document;
import org.junit.jupiter.api.Test;
import org.paperboy.search.Filters;
import org.paperboy.search.IndexedPaper;

class PaperSchemaTest {

    @Test
    void author_keys_ignore_case_accents_punctuation_and_spacing() {
        assertThat(Filters.authorKey("José  A. García-López")).isEqualTo("jose a garcia lopez");
        assertThat(Filters.authorKey("jose a garcia lopez")).isEqualTo("jose a garcia lopez");
        assertThat(Filters.authorKey("Łukasz Kaiser")).isEqualTo("łukasz kaiser");
        assertThat(Filters.authorKey("...")).isEmpty();
    }

    @Test
    void no_filters_give_no_filter_query() {
        assertThat(PaperSchema.filter(Filters.NONE)).isNull();
        assertThat(PaperSchema.filter(null)).isNull();
    }

    @Test
    void stored_fields_read_back_what_was_written() {
        IndexedPaper p = Corpus.get(Corpus.P03);
        Document doc = PaperSchema.document(p.paper(), p.vector());

        PaperSchema.StoredPaper stored = PaperSchema.stored(doc);

        assertThat(stored)
                .isEqualTo(new PaperSchema.StoredPaper(
                        Corpus.P03,
                        "Hybrid search fuses lexical and dense rankings",
                        p.paper().abstractText(),
                        java.util.List.of("José García-López", "Ada Lovelace"),
                        java.util.List.of("cs.IR"),
                        Corpus.MAR_2,
                        Corpus.MAR_2.minusDays(1),
                        "https://github.com/example/hybrid"));
    }
}
