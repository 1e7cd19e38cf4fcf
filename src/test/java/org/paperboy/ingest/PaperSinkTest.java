package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PaperSinkTest {

    private static PaperSink.Prepared prepare(String line) throws Exception {
        JsonNode node = Importer.recordMapper().readTree(line);
        return PaperSink.prepare(
                "in.jsonl",
                ImportFormat.ARXIV_LISTING,
                RawRecord.ok(7, line.getBytes(StandardCharsets.UTF_8), node),
                null);
    }

    @Test
    void prepares_a_good_record_as_a_paper_with_its_hash() throws Exception {
        PaperSink.Prepared p = prepare("{\"id\": \"2501.00001\", \"title\": \"T\", \"summary\": \"S\"}");

        assertThat(p.reject()).isNull();
        assertThat(p.paper().id()).isEqualTo("2501.00001");
        assertThat(p.hash()).hasSize(64);
    }

    @Test
    void prepares_a_bad_record_as_a_reject_with_source_line_format_reason_and_raw_bytes() throws Exception {
        String line = "{\"id\": \"2501.00001\", \"title\": \"T\"}";

        PaperSink.Prepared p = prepare(line);

        assertThat(p.paper()).isNull();
        assertThat(p.reject().source()).isEqualTo("in.jsonl");
        assertThat(p.reject().line()).isEqualTo(7);
        assertThat(p.reject().format()).isEqualTo("arxiv-listing");
        assertThat(p.reject().reason()).isEqualTo("abstract: missing or empty");
        assertThat(p.reject().raw()).isEqualTo(line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void passes_on_the_readers_problem_as_the_reason() {
        RawRecord bad = RawRecord.bad(3, new byte[] {'{', 0}, "contains a NUL byte at byte 2");

        PaperSink.Prepared p = PaperSink.prepare("in.jsonl", ImportFormat.ARXIV_LISTING, bad, null);

        assertThat(p.reject().reason()).isEqualTo("contains a NUL byte at byte 2");
        assertThat(p.reject().line()).isEqualTo(3);
    }

    @Test
    void rejects_a_listing_day_outside_1990_to_tomorrow_with_the_reason() throws Exception {
        String tomorrow =
                java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
        String later =
                java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(2).toString();

        PaperSink.Prepared zero = prepare(
                "{\"id\": \"2501.00001\", \"title\": \"T\", \"summary\": \"S\", \"listed_on\": \"0000-01-01\"}");
        PaperSink.Prepared future = prepare(
                "{\"id\": \"2501.00001\", \"title\": \"T\", \"summary\": \"S\", \"listed_on\": \"" + later + "\"}");
        PaperSink.Prepared ok = prepare(
                "{\"id\": \"2501.00001\", \"title\": \"T\", \"summary\": \"S\", \"listed_on\": \"" + tomorrow + "\"}");

        assertThat(zero.paper()).isNull();
        assertThat(zero.reject().reason())
                .isEqualTo("listed_on: '0000-01-01' is outside 1990-01-01 to " + tomorrow + " (tomorrow)");
        assertThat(future.reject().reason()).startsWith("listed_on: '" + later + "' is outside 1990-01-01 to ");
        assertThat(ok.reject()).isNull();
    }
}
