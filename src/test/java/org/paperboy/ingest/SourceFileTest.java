package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SourceFileTest {

    private static boolean array(String text) throws IOException {
        return SourceFile.isJsonArray(text.getBytes(StandardCharsets.UTF_8), Importer.recordMapper());
    }

    @Test
    void a_minified_array_on_one_line_is_an_array() throws IOException {
        assertThat(array("[{\"paper\":{}},{\"paper\":{}}]")).isTrue();
        assertThat(array("  [{\"paper\":{}}]\n")).isTrue();
        assertThat(array("[{\"paper\":{}},\n{\"paper\":{}},\n{\"paper\":{}}]")).isTrue();
    }

    @Test
    void pretty_printed_arrays_are_arrays() throws IOException {
        assertThat(array("[\n  {\n    \"paper\": {}\n  }\n]\n")).isTrue();
        assertThat(array("[ {\n  \"paper\" : { }\n} ]")).isTrue();
        assertThat(array("\uFEFF[\n{\"a\":1}\n]")).isTrue();
    }

    @Test
    void json_lines_stay_json_lines_even_when_the_first_line_starts_with_a_bracket() throws IOException {
        assertThat(array("{\"id\":\"1\"}\n{\"id\":\"2\"}\n")).isFalse();
        assertThat(array("[{\"id\": \"2603.00001\", broken\n{\"id\":\"2\"}\n")).isFalse();
        assertThat(array("[1,2]\n{\"id\":\"2\"}\n")).isFalse();
    }
}
