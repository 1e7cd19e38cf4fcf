package org.paperboy.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArxivIdTest {

    @ParameterizedTest(name = "{0} -> {1} v{2}")
    @CsvSource(delimiter = '|', textBlock = """
            2603.28800                          | 2603.28800      | 0
            2603.28800v3                        | 2603.28800      | 3
            arXiv:2603.28800                    | 2603.28800      | 0
            ARXIV:2603.28800                    | 2603.28800      | 0
            https://arxiv.org/abs/2603.28800v2  | 2603.28800      | 2
            https://arxiv.org/pdf/2603.28800    | 2603.28800      | 0
            http://arxiv.org/pdf/2603.28800v1.pdf | 2603.28800    | 1
            0704.0001                           | 0704.0001       | 0
            1412.9999v12                        | 1412.9999       | 12
            math.GT/0309136                     | math.GT/0309136 | 0
            hep-th/9901001v2                    | hep-th/9901001  | 2
            arXiv:hep-th/9901001                | hep-th/9901001  | 0
            https://arxiv.org/abs/math.GT/0309136v1 | math.GT/0309136 | 1
            """)
    void accepts_every_documented_spelling_and_keeps_the_version(String input, String id, int version) {
        ArxivId parsed = ArxivId.parse(input);

        assertThat(parsed).isEqualTo(new ArxivId(id, version));
        assertThat(ArxivId.isValid(input)).isTrue();
    }

    @Test
    void strips_surrounding_whitespace() {
        assertThat(ArxivId.parse("  2603.28800v2\n")).isEqualTo(new ArxivId("2603.28800", 2));
    }

    @Test
    void writes_the_version_only_when_it_is_known() {
        assertThat(new ArxivId("2603.28800", 0)).hasToString("2603.28800");
        assertThat(new ArxivId("2603.28800", 3)).hasToString("2603.28800v3");
    }

    @Test
    void builds_abs_and_pdf_urls_from_the_canonical_id() {
        ArxivId id = ArxivId.parse("arXiv:2603.28800v4");

        assertThat(id.absUrl()).isEqualTo("https://arxiv.org/abs/2603.28800");
        assertThat(id.pdfUrl()).isEqualTo("https://arxiv.org/pdf/2603.28800");
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""                                  | id: empty arXiv id
            "   "                               | id: empty arXiv id
            2613.00001                          | id: '2613.00001' month 13 is not 01-12
            2600.00001                          | id: '2600.00001' month 00 is not 01-12
            1501.1234                           | id: '1501.1234' ids from 1501 on have a five-digit number
            1412.12345                          | id: '1412.12345' ids before 1501 have a four-digit number
            0703.0001                           | id: '0703.0001' new-style ids start at 0704
            hep-th/9913001                      | id: 'hep-th/9913001' month 13 is not 01-12
            2603.28800v0                        | id: '2603.28800v0' version v0 does not exist; versions start at v1
            foo                                 | id: 'foo' not an arXiv id (expected e.g. 2603.28800, 2603.28800v2, arXiv:2603.28800, https://arxiv.org/abs/2603.28800 or hep-th/9901001)
            https://example.org/abs/2603.28800  | id: 'https://example.org/abs/2603.28800' not an arXiv id (expected e.g. 2603.28800, 2603.28800v2, arXiv:2603.28800, https://arxiv.org/abs/2603.28800 or hep-th/9901001)
            """)
    void rejects_a_malformed_id_naming_the_input_and_the_reason(String input, String message) {
        assertThatThrownBy(() -> ArxivId.parse(input))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage(message)
                .extracting(e -> ((InvalidRecordException) e).field())
                .isEqualTo("id");
        assertThat(ArxivId.isValid(input)).isFalse();
    }

    @Test
    void rejects_null_as_an_empty_id() {
        assertThatThrownBy(() -> ArxivId.parse(null)).hasMessage("id: empty arXiv id");
        assertThat(ArxivId.isValid(null)).isFalse();
    }

    @Test
    void shortens_a_very_long_input_in_the_message() {
        String input = "2603." + "9".repeat(10_000);

        assertThatThrownBy(() -> ArxivId.parse(input))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageStartingWith("id: '" + input.substring(0, 80) + "...' not an arXiv id (expected")
                .message()
                .hasSizeLessThan(300);
    }

    @Test
    void rejects_an_empty_or_negative_version_in_the_constructor() {
        assertThatThrownBy(() -> new ArxivId("", 0)).hasMessage("id: empty arXiv id");
        assertThatThrownBy(() -> new ArxivId("2603.28800", -1)).hasMessage("id: negative version -1");
    }
}
