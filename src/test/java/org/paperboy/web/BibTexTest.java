package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;

class BibTexTest {

    @Test
    void writes_an_arxiv_entry_keyed_by_first_author_year_and_first_word() {
        Paper p = Paper.builder("2607.00001")
                .title("The Art of Dense Retrieval")
                .abstractText("x")
                .authors(List.of(new Author("Ada Lovelace"), new Author("Alan Turing")))
                .categories(List.of("cs.IR", "cs.CL"))
                .published(LocalDate.of(2026, 6, 30))
                .listedOn(LocalDate.of(2026, 7, 1))
                .doi("10.1/xyz")
                .build();
        BibTex b = BibTex.of(p);
        assertThat(b.key()).isEqualTo("lovelace2026art");
        assertThat(b.text())
                .isEqualTo("@misc{lovelace2026art,\n"
                        + "  title = {The Art of Dense Retrieval},\n"
                        + "  author = {Ada Lovelace and Alan Turing},\n"
                        + "  year = {2026},\n"
                        + "  eprint = {2607.00001},\n"
                        + "  archivePrefix = {arXiv},\n"
                        + "  primaryClass = {cs.IR},\n"
                        + "  doi = {10.1/xyz},\n"
                        + "  url = {https://arxiv.org/abs/2607.00001}\n"
                        + "}\n");
    }

    @Test
    void gives_an_old_style_id_as_the_eprint() {
        Paper p = Paper.builder("hep-th/9901001")
                .title("Strings")
                .abstractText("x")
                .authors(List.of(new Author("Smith, John")))
                .published(LocalDate.of(1999, 1, 4))
                .build();
        assertThat(BibTex.of(p).text())
                .isEqualTo("@misc{smith1999strings,\n"
                        + "  title = {Strings},\n"
                        + "  author = {Smith, John},\n"
                        + "  year = {1999},\n"
                        + "  eprint = {hep-th/9901001},\n"
                        + "  archivePrefix = {arXiv},\n"
                        + "  url = {https://arxiv.org/abs/hep-th/9901001}\n"
                        + "}\n");
    }

    @Test
    void writes_a_paper_without_authors_dates_or_arxiv_id_as_anon() {
        Paper p =
                Paper.builder("doc-17").title("On a Théorème").abstractText("x").build();
        assertThat(BibTex.of(p).text()).isEqualTo("@misc{anontheoreme,\n  title = {On a Théorème}\n}\n");
    }

    @Test
    void drops_accents_and_punctuation_from_the_key() {
        assertThat(BibTex.key(
                        List.of(new Author("José Müller-Lüdenscheidt")), LocalDate.of(2026, 1, 1), "A «Über» test"))
                .isEqualTo("mullerludenscheidt2026uber");
    }

    @Test
    void escapes_tex_specials_and_drops_unbalanced_braces() {
        assertThat(BibTex.escape("Q&A at 100% for #1")).isEqualTo("Q\\&A at 100\\% for \\#1");
        assertThat(BibTex.escape("already \\& escaped, $\\alpha$ kept"))
                .isEqualTo("already \\& escaped, $\\alpha$ kept");
        assertThat(BibTex.escape("a}b{c} {open")).isEqualTo("ab{c} open");
        assertThat(BibTex.escape("\\{literal brace")).isEqualTo("\\{literal brace");
    }
}
