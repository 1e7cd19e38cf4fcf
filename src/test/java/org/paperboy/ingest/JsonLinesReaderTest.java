package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesReaderTest {

    private static List<RawRecord> readAll(byte[] input) throws IOException {
        List<RawRecord> out = new ArrayList<>();
        try (JsonLinesReader reader = new JsonLinesReader(new ByteArrayInputStream(input), Importer.recordMapper())) {
            RawRecord r;
            while ((r = reader.next()) != null) {
                out.add(r);
            }
            assertThat(reader.next()).isNull();
        }
        return out;
    }

    private static List<RawRecord> readAll(String input) throws IOException {
        return readAll(input.getBytes(StandardCharsets.UTF_8));
    }

    private static RawRecord only(String input) throws IOException {
        List<RawRecord> records = readAll(input);
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String text(RawRecord r, String field) {
        return ((JsonNode) r.parsed()).get(field).asText();
    }

    @Test
    void reads_one_record_per_line_with_its_raw_bytes() throws IOException {
        List<RawRecord> records = readAll("{\"t\":\"one\"}\n{\"t\":\"two\"}\n");

        assertThat(records).extracting(RawRecord::line).containsExactly(1L, 2L);
        assertThat(records).extracting(RawRecord::problem).containsOnlyNulls();
        assertThat(text(records.get(0), "t")).isEqualTo("one");
        assertThat(records.get(1).raw()).isEqualTo(bytes("{\"t\":\"two\"}"));
    }

    @Test
    void reads_crlf_line_ends_without_the_carriage_return() throws IOException {
        List<RawRecord> records = readAll("{\"t\":\"one\"}\r\n{\"t\":\"two\"}\r\n");

        assertThat(records).extracting(RawRecord::problem).containsOnlyNulls();
        assertThat(records.get(0).raw()).isEqualTo(bytes("{\"t\":\"one\"}"));
        assertThat(text(records.get(1), "t")).isEqualTo("two");
    }

    @Test
    void skips_blank_lines_but_counts_them_in_line_numbers() throws IOException {
        List<RawRecord> records = readAll("\n{\"t\":\"one\"}\n   \n\t\r\n\r\n{\"t\":\"two\"}\n\n");

        assertThat(records).extracting(RawRecord::line).containsExactly(2L, 6L);
        assertThat(records).extracting(RawRecord::problem).containsOnlyNulls();
    }

    @Test
    void reads_nothing_from_empty_or_blank_input() throws IOException {
        assertThat(readAll("")).isEmpty();
        assertThat(readAll(" \n\r\n\t\n")).isEmpty();
    }

    @Test
    void drops_a_utf8_byte_order_mark_on_the_first_line() throws IOException {
        byte[] input = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, bytes("{\"t\":\"one\"}\n"));

        RawRecord r = readAll(input).get(0);

        assertThat(r.problem()).isNull();
        assertThat(r.raw()).isEqualTo(bytes("{\"t\":\"one\"}"));
        assertThat(text(r, "t")).isEqualTo("one");
    }

    @Test
    void treats_a_byte_order_mark_after_the_first_line_as_malformed() throws IOException {
        byte[] input = concat(
                bytes("{\"t\":\"one\"}\n"),
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                bytes("{\"t\":\"two\"}\n"));

        List<RawRecord> records = readAll(input);

        assertThat(records.get(1).line()).isEqualTo(2);
        assertThat(records.get(1).problem()).startsWith("malformed JSON: Unexpected character");
    }

    @Test
    void rejects_invalid_utf8_naming_the_byte_position() throws IOException {
        byte[] line = concat(bytes("{\"t\":\"a"), new byte[] {(byte) 0xFF}, bytes("b\"}"));

        List<RawRecord> records = readAll(concat(line, bytes("\n{\"t\":\"next\"}\n")));

        assertThat(records.get(0).problem()).isEqualTo("invalid UTF-8 at byte 8");
        assertThat(records.get(0).raw()).isEqualTo(line);
        assertThat(records.get(1).problem()).isNull();
        assertThat(records.get(1).line()).isEqualTo(2);
    }

    @Test
    void rejects_a_multibyte_sequence_cut_short_at_the_end_of_the_line() throws IOException {
        // The first two bytes of the euro sign (E2 82 AC), then the closing quote.
        byte[] line = concat(bytes("{\"t\":\""), new byte[] {(byte) 0xE2, (byte) 0x82}, bytes("\"}"));

        RawRecord r = readAll(line).get(0);

        assertThat(r.problem()).isEqualTo("invalid UTF-8 at byte 7");
        assertThat(r.raw()).isEqualTo(line);
    }

    @Test
    void rejects_an_overlong_utf8_encoding() throws IOException {
        // C0 AF is an overlong encoding of '/'; decoders must refuse it.
        byte[] line = concat(bytes("{\"t\":\""), new byte[] {(byte) 0xC0, (byte) 0xAF}, bytes("\"}"));

        assertThat(readAll(line).get(0).problem()).isEqualTo("invalid UTF-8 at byte 7");
    }

    @Test
    void rejects_a_raw_nul_byte_naming_its_position() throws IOException {
        byte[] line = concat(bytes("{\"t\":\"a"), new byte[] {0}, bytes("b\"}"));

        List<RawRecord> records = readAll(concat(line, bytes("\n{\"t\":\"next\"}")));

        assertThat(records.get(0).problem()).isEqualTo("contains a NUL byte at byte 8");
        assertThat(records.get(0).raw()).isEqualTo(line);
        assertThat(records.get(1).problem()).isNull();
    }

    @Test
    void reads_a_line_of_exactly_the_maximum_length() throws IOException {
        String prefix = "{\"t\":\"";
        String suffix = "\"}";
        String line = prefix + "a".repeat(JsonLinesReader.MAX_LINE_BYTES - prefix.length() - suffix.length()) + suffix;

        RawRecord r = only(line + "\n");

        assertThat(r.problem()).isNull();
        assertThat(r.raw()).hasSize(JsonLinesReader.MAX_LINE_BYTES);
    }

    @Test
    void rejects_a_line_over_the_maximum_keeping_its_first_megabyte_and_reads_on() throws IOException {
        int length = JsonLinesReader.MAX_LINE_BYTES + 1;
        byte[] line = new byte[length];
        Arrays.fill(line, (byte) 'a');
        System.arraycopy(bytes("{\"t\":\""), 0, line, 0, 6);

        List<RawRecord> records = readAll(concat(line, bytes("\n{\"t\":\"after\"}\n")));

        assertThat(records).hasSize(2);
        RawRecord big = records.get(0);
        assertThat(big.line()).isEqualTo(1);
        assertThat(big.problem()).isEqualTo("line is 8388609 bytes, over the 8 MB limit (first 1 MB kept)");
        assertThat(big.raw()).isEqualTo(Arrays.copyOf(line, 1024 * 1024));
        assertThat(records.get(1).line()).isEqualTo(2);
        assertThat(text(records.get(1), "t")).isEqualTo("after");
    }

    @Test
    void rejects_trailing_garbage_after_the_object() throws IOException {
        RawRecord r = only("{\"t\":\"one\"} x");

        assertThat(r.problem())
                .isEqualTo("malformed JSON: Unrecognized token 'x': was expecting (JSON String, "
                        + "Number, Array, Object or token 'null', 'true' or 'false') (column 13)");
        assertThat(r.parsed()).isNull();
    }

    @Test
    void rejects_two_objects_on_one_line() throws IOException {
        assertThat(only("{\"t\":\"one\"}{\"t\":\"two\"}").problem())
                .startsWith("malformed JSON: Trailing token (of type START_OBJECT) found after value");
    }

    @Test
    void rejects_duplicate_keys() throws IOException {
        assertThat(only("{\"t\":\"one\",\"t\":\"two\"}").problem())
                .isEqualTo("malformed JSON: Duplicate field 't' (column 15)");
    }

    @Test
    void rejects_a_truncated_object() throws IOException {
        assertThat(only("{\"t\":").problem())
                .isEqualTo("malformed JSON: Unexpected end-of-input within/between Object entries (column 6)");
    }

    @Test
    void rejects_json_that_is_not_an_object() throws IOException {
        List<RawRecord> records = readAll("[1,2]\n\"text\"\n42\nnull\n");

        assertThat(records)
                .extracting(RawRecord::problem)
                .containsExactly(
                        "expected a JSON object, got array",
                        "expected a JSON object, got string",
                        "expected a JSON object, got number",
                        "expected a JSON object, got null");
    }

    @Test
    void reads_a_last_line_without_a_newline() throws IOException {
        List<RawRecord> records = readAll("{\"t\":\"one\"}\n{\"t\":\"two\"}");

        assertThat(records).hasSize(2);
        assertThat(records.get(1).line()).isEqualTo(2);
        assertThat(text(records.get(1), "t")).isEqualTo("two");
    }

    @Test
    void reads_lines_longer_than_its_read_buffer() throws IOException {
        String big = "x".repeat(200_000);

        List<RawRecord> records = readAll("{\"t\":\"" + big + "\"}\n{\"t\":\"small\"}\n");

        assertThat(text(records.get(0), "t")).isEqualTo(big);
        assertThat(text(records.get(1), "t")).isEqualTo("small");
    }

    // Found by fuzzing the importer: Jackson's stream limits raise exceptions without a location,
    // which crashed the reader (and with it the whole file's import) with a NullPointerException.

    @Test
    void rejects_a_number_longer_than_jacksons_limit() throws IOException {
        List<RawRecord> records = readAll("{\"n\":" + "9".repeat(1500) + "}\n{\"t\":\"next\"}\n");

        assertThat(records.get(0).problem())
                .isEqualTo("malformed JSON: Number value length (1500) exceeds the "
                        + "maximum allowed (1000, from `StreamReadConstraints.getMaxNumberLength()`)");
        assertThat(records.get(1).problem()).isNull();
    }

    @Test
    void rejects_nesting_deeper_than_jacksons_limit() throws IOException {
        RawRecord r = only("{\"n\":" + "[".repeat(1200) + "]".repeat(1200) + "}");

        assertThat(r.problem())
                .isEqualTo("malformed JSON: Document nesting depth (1001) exceeds the maximum "
                        + "allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)");
    }

    @Test
    void rejects_a_field_name_longer_than_jacksons_limit() throws IOException {
        RawRecord r = only("{\"" + "k".repeat(60_000) + "\":1}");

        assertThat(r.problem())
                .startsWith("malformed JSON: Name length (")
                .endsWith(") exceeds the maximum allowed (50000, from `StreamReadConstraints.getMaxNameLength()`)");
    }
}
