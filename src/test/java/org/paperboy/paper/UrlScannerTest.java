package org.paperboy.paper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.paperboy.paper.UrlScanner.Found;

class UrlScannerTest {

    private static List<String> urls(String text) {
        return UrlScanner.scan(text).stream().map(Found::url).toList();
    }

    @Test
    void finds_addresses_without_the_punctuation_that_ends_the_sentence() {
        assertThat(urls("Code: https://github.com/ada/rag. Data at (https://example.org/data), see http://x.io/a?b=1;"))
                .containsExactly("https://github.com/ada/rag", "https://example.org/data", "http://x.io/a?b=1");
    }

    @Test
    void makes_bare_code_host_paths_and_www_names_absolute() {
        assertThat(urls("released at github.com/ada/rag and www.ada.org/rag!"))
                .containsExactly("https://github.com/ada/rag", "https://www.ada.org/rag");
    }

    @Test
    void keeps_a_parenthesis_opened_inside_the_address() {
        assertThat(urls("see https://en.wikipedia.org/wiki/BM25_(ranking)."))
                .containsExactly("https://en.wikipedia.org/wiki/BM25_(ranking)");
    }

    @Test
    void stops_at_quotes_and_brackets_and_gives_the_span_as_written() {
        String text = "at \\url{https://a.org/x}\"><script>";
        List<Found> found = UrlScanner.scan(text);

        assertThat(found).containsExactly(new Found(8, 23, "https://a.org/x"));
        assertThat(text.substring(8, 23)).isEqualTo("https://a.org/x");
    }

    @Test
    void finds_nothing_in_text_without_addresses_or_in_an_e_mail_address() {
        assertThat(urls("12 pages, 3 figures; mail ada@github.com/x or see github"))
                .isEmpty();
        assertThat(urls(null)).isEmpty();
        assertThat(urls("https:// and http://")).isEmpty();
    }

    @Test
    void tells_the_host_and_the_path() {
        assertThat(UrlScanner.host("https://WWW.GitHub.com:443/ada/rag?tab=1")).isEqualTo("github.com");
        assertThat(UrlScanner.pathSegments("https://github.com/ada//rag/?tab=1#x"))
                .containsExactly("ada", "rag");
        assertThat(UrlScanner.pathSegments("https://github.com")).isEmpty();
    }
}
