package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonArrayReaderTest {

    private static List<RawRecord> readAll(String input) throws IOException {
        List<RawRecord> out = new ArrayList<>();
        try (JsonArrayReader reader = new JsonArrayReader(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), Importer.recordMapper())) {
            RawRecord r;
            while ((r = reader.next()) != null) {
                out.add(r);
            }
            assertThat(reader.next()).isNull();
        }
        return out;
    }

    // Found by fuzzing the importer: the strict record mapper refused the second element as a
    // "trailing token" of the first, so no array with two or more elements could be imported.
    @Test
    void reads_every_element_of_a_single_line_array() throws IOException {
        List<RawRecord> records = readAll("[{\"id\":\"a\"},{\"id\":\"b\"},{\"id\":\"c\"}]");

        assertThat(records).extracting(RawRecord::problem).containsOnlyNulls();
        assertThat(records)
                .extracting(r -> ((JsonNode) r.parsed()).get("id").asText())
                .containsExactly("a", "b", "c");
        assertThat(records.get(1).raw()).isEqualTo("{\"id\":\"b\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void numbers_the_elements_of_a_pretty_printed_array_by_line() throws IOException {
        List<RawRecord> records = readAll("[\n  {\"id\": \"a\"},\n\n  {\"id\": \"b\"}\n]\n");

        assertThat(records).extracting(RawRecord::line).containsExactly(2L, 4L);
        assertThat(records).extracting(RawRecord::problem).containsOnlyNulls();
    }

    @Test
    void reads_nothing_from_an_empty_array() throws IOException {
        assertThat(readAll("[]")).isEmpty();
    }

    @Test
    void rejects_elements_that_are_not_objects_and_reads_on() throws IOException {
        List<RawRecord> records = readAll("[1, \"x\", null, [], {\"id\": \"a\"}]");

        assertThat(records)
                .extracting(RawRecord::problem)
                .containsExactly(
                        "expected a JSON object, got number",
                        "expected a JSON object, got string",
                        "expected a JSON object, got null",
                        "expected a JSON object, got array",
                        null);
    }

    @Test
    void rejects_a_duplicate_key_and_stops_there() throws IOException {
        List<RawRecord> records = readAll("[{\"id\": \"a\"}, {\"id\": \"b\", \"id\": \"c\"}, {\"id\": \"d\"}]");

        assertThat(records).hasSize(2);
        assertThat(records.get(0).problem()).isNull();
        assertThat(records.get(1).problem())
                .isEqualTo(
                        "malformed JSON at line 1 column 31: Duplicate field 'id'; the rest of the array was not read");
    }

    @Test
    void keeps_the_elements_before_malformed_json_and_stops_there() throws IOException {
        List<RawRecord> records = readAll("[{\"id\": \"a\"},\n {\"id\": }]");

        assertThat(records).hasSize(2);
        assertThat(records.get(0).problem()).isNull();
        assertThat(records.get(1).parsed()).isNull();
        assertThat(records.get(1).problem())
                .startsWith("malformed JSON at line 2 column 9: Unexpected character")
                .endsWith("; the rest of the array was not read");
    }

    @Test
    void rejects_content_after_the_closing_bracket() throws IOException {
        List<RawRecord> records = readAll("[{\"id\": \"a\"}]\n{\"id\": \"b\"}\n");

        assertThat(records)
                .extracting(RawRecord::problem)
                .containsExactly(null, "unexpected content after the closing ]");
    }

    @Test
    void rejects_a_document_that_is_not_an_array() throws IOException {
        List<RawRecord> records = readAll("{\"id\": \"a\"}");

        assertThat(records).extracting(RawRecord::problem).containsExactly("expected a JSON array of records");
    }
}
