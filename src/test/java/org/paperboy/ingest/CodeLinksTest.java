package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.paperboy.paper.Links;
import org.paperboy.paper.Paper;

class CodeLinksTest {

    private static Links links(String comment, String abstractText) {
        return links(comment, abstractText, Links.NONE);
    }

    private static Links links(String comment, String abstractText, Links given) {
        Paper p = Paper.builder("2604.00001")
                .title("A paper")
                .abstractText(abstractText == null ? "An abstract." : abstractText)
                .comment(comment)
                .links(given)
                .build();
        return CodeLinks.fill(p).links();
    }

    @Test
    void takes_the_first_repository_from_the_comment_before_the_abstract() {
        assertThat(links("Code: https://github.com/ada/rag.", "See gitlab.com/other/repo for more."))
                .isEqualTo(new Links(null, null, "https://github.com/ada/rag", null));
        assertThat(links(null, "Our code is at https://gitlab.com/group/sub/tool, data at https://example.org/d."))
                .isEqualTo(new Links(null, null, "https://gitlab.com/group/sub/tool", null));
    }

    @Test
    void takes_hugging_face_only_when_no_repository_is_named() {
        assertThat(links("Model: huggingface.co/ada/tiny-model", null).code())
                .isEqualTo("https://huggingface.co/ada/tiny-model");
        assertThat(links("Model: https://huggingface.co/ada/tiny", "Code: https://github.com/ada/tiny")
                        .code())
                .isEqualTo("https://github.com/ada/tiny");
        assertThat(links("see https://huggingface.co/papers/2604.00001", null).code())
                .isNull();
    }

    @Test
    void takes_a_github_io_site_or_an_address_called_a_project_page() {
        assertThat(links("Project page: https://ada.example.org/rag/", null).project())
                .isEqualTo("https://ada.example.org/rag/");
        assertThat(links(null, "Videos are on https://ada.github.io/rag.").project())
                .isEqualTo("https://ada.github.io/rag");
        assertThat(links("Published at https://doi.org/10.1/x and https://example.org/talk", null))
                .isEqualTo(Links.NONE);
    }

    @Test
    void ignores_github_addresses_that_are_no_repository() {
        assertThat(links("https://github.com/ada and https://github.com/features/copilot", null))
                .isEqualTo(Links.NONE);
    }

    @Test
    void keeps_the_links_the_record_gave() {
        Links given = new Links(null, null, "https://github.com/given/one", null);

        assertThat(links("Code: https://github.com/ada/rag", null, given).code())
                .isEqualTo("https://github.com/given/one");
    }
}
