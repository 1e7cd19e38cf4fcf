package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.paperboy.paper.InvalidRecordException;
import org.paperboy.paper.Links;
import org.paperboy.paper.Paper;

class ImportFormatTest {

    private static final ObjectMapper JSON = Importer.recordMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("fixture is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Paper map(ImportFormat format, String record) {
        return format.map(json(record));
    }

    private static List<RawRecord> xmlRecords(String xml, String recordName) throws IOException {
        List<RawRecord> out = new ArrayList<>();
        try (XmlRecordReader reader =
                new XmlRecordReader(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), recordName)) {
            RawRecord r;
            while ((r = reader.next()) != null) {
                out.add(r);
            }
        }
        return out;
    }

    @Nested
    class ArxivListing {

        private static final String RECORD = """
                {"id": "2603.28800", "title": "Sparse experts\\n  at scale",
                 "authors": ["Ada Lovelace", "Alan Turing"], "categories": ["cs.CL", "cs.LG"],
                 "summary": "We scale\\nsparse experts.", "comment": "12 pages",
                 "abs": "https://arxiv.org/abs/2603.28800v2", "pdf": "https://arxiv.org/pdf/2603.28800v2",
                 "listed_on": "2026-03-31"}
                """;

        @Test
        void maps_every_field_and_takes_the_version_from_the_abs_link() {
            assertThat(map(ImportFormat.ARXIV_LISTING, RECORD))
                    .isEqualTo(Paper.builder("2603.28800")
                            .version(2)
                            .title("Sparse experts at scale")
                            .abstractText("We scale sparse experts.")
                            .authorNames(List.of("Ada Lovelace", "Alan Turing"))
                            .categories(List.of("cs.CL", "cs.LG"))
                            .listedOn(LocalDate.of(2026, 3, 31))
                            .links(new Links(
                                    "https://arxiv.org/abs/2603.28800v2",
                                    "https://arxiv.org/pdf/2603.28800v2",
                                    null,
                                    null))
                            .comment("12 pages")
                            .build());
        }

        @Test
        void builds_links_from_the_id_when_the_record_has_none() {
            Paper p = map(ImportFormat.ARXIV_LISTING, """
                    {"id": "arXiv:2603.28800v3", "title": "T", "summary": "S", "listed_on": "2026-03-31"}
                    """);

            assertThat(p.id()).isEqualTo("2603.28800");
            assertThat(p.version()).isEqualTo(3);
            assertThat(p.links())
                    .isEqualTo(new Links(
                            "https://arxiv.org/abs/2603.28800", "https://arxiv.org/pdf/2603.28800", null, null));
        }

        @Test
        void rejects_authors_that_are_not_an_array() {
            assertThatThrownBy(() -> map(ImportFormat.ARXIV_LISTING, """
                    {"id": "2603.28800", "title": "T", "summary": "S", "authors": "Ada Lovelace"}
                    """))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("authors: expected an array of strings, got a string");
        }

        @Test
        void rejects_a_title_that_is_not_a_string() {
            assertThatThrownBy(() -> map(ImportFormat.ARXIV_LISTING, """
                    {"id": "2603.28800", "title": 5, "summary": "S"}
                    """))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("title: expected a string, got the number 5");
        }

        // Found by fuzzing the importer: a 1,000-digit number was quoted whole in the reason.
        @Test
        void shortens_a_huge_number_quoted_in_the_reason() {
            String digits = "9".repeat(1000);

            assertThatThrownBy(() -> map(
                            ImportFormat.ARXIV_LISTING,
                            "{\"id\": \"2603.28800\", \"title\": \"T\", \"summary\": " + digits + "}"))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("summary: expected a string, got the number " + "9".repeat(57) + "...");
        }

        @Test
        void rejects_a_listed_day_that_is_not_a_date() {
            assertThatThrownBy(() -> map(ImportFormat.ARXIV_LISTING, """
                    {"id": "2603.28800", "title": "T", "summary": "S", "listed_on": "yesterday"}
                    """))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("listed_on: 'yesterday' is not a date (expected YYYY-MM-DD or an ISO-8601 timestamp)");
        }

        @Test
        void rejects_a_record_without_an_id() {
            assertThatThrownBy(() -> map(ImportFormat.ARXIV_LISTING, """
                    {"title": "T", "summary": "S"}
                    """))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("id: empty arXiv id");
        }

        @Test
        void rejects_a_record_without_a_summary() {
            assertThatThrownBy(() -> map(ImportFormat.ARXIV_LISTING, """
                    {"id": "2603.28800", "title": "T"}
                    """))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("abstract: missing or empty");
        }
    }

    @Nested
    class ArxivSnapshot {

        private static final String RECORD = """
                {"id": "2603.28800", "submitter": "Ada Lovelace", "authors": "Ada Lovelace and Alan Turing",
                 "title": "Sparse experts", "comments": "12 pages", "journal-ref": "J. Ex. 1 (2026)",
                 "doi": "10.1000/example", "report-no": null, "categories": "cs.CL cs.LG",
                 "license": "http://creativecommons.org/licenses/by/4.0/",
                 "abstract": "  We scale\\nsparse experts.\\n",
                 "versions": [
                   {"version": "v1", "created": "Mon, 2 Mar 2026 18:00:00 GMT"},
                   {"version": "v3", "created": "Fri, 20 Mar 2026 09:30:00 GMT"},
                   {"version": "v2", "created": "Tue, 10 Mar 2026 09:00:00 GMT"}],
                 "update_date": "2026-03-21",
                 "authors_parsed": [["Lovelace", "Ada", ""], ["Turing", "Alan", "Jr"], ["Hopper", "", ""]]}
                """;

        @Test
        void maps_every_field() {
            assertThat(map(ImportFormat.ARXIV_SNAPSHOT, RECORD))
                    .isEqualTo(Paper.builder("2603.28800")
                            .version(3)
                            .title("Sparse experts")
                            .abstractText("We scale sparse experts.")
                            .authorNames(List.of("Ada Lovelace", "Alan Turing Jr", "Hopper"))
                            .categories(List.of("cs.CL", "cs.LG"))
                            .published(LocalDate.of(2026, 3, 2))
                            .updated(LocalDate.of(2026, 3, 21))
                            .listedOn(LocalDate.of(2026, 3, 2))
                            .links(new Links(
                                    "https://arxiv.org/abs/2603.28800", "https://arxiv.org/pdf/2603.28800", null, null))
                            .comment("12 pages")
                            .journalRef("J. Ex. 1 (2026)")
                            .doi("10.1000/example")
                            .license("http://creativecommons.org/licenses/by/4.0/")
                            .build());
        }

        @Test
        void splits_the_authors_string_when_there_is_no_parsed_list() {
            Paper p = map(ImportFormat.ARXIV_SNAPSHOT, """
                    {"id": "hep-th/9901001", "title": "T", "abstract": "A",
                     "authors": "Ada Lovelace, Alan Turing and Grace Hopper"}
                    """);

            assertThat(p.authors())
                    .extracting(a -> a.name())
                    .containsExactly("Ada Lovelace", "Alan Turing", "Grace Hopper");
            assertThat(p.version()).isZero();
            assertThat(p.published()).isNull();
        }

        @Test
        void accepts_an_iso_date_in_versions() {
            Paper p = map(ImportFormat.ARXIV_SNAPSHOT, """
                    {"id": "2603.28800", "title": "T", "abstract": "A",
                     "versions": [{"version": "v1", "created": "2026-03-02"}]}
                    """);

            assertThat(p.published()).isEqualTo(LocalDate.of(2026, 3, 2));
            assertThat(p.listedOn()).isEqualTo(LocalDate.of(2026, 3, 2));
        }

        @Test
        void rejects_a_version_that_is_not_v_and_a_number() {
            assertThatThrownBy(() -> map(ImportFormat.ARXIV_SNAPSHOT, """
                    {"id": "2603.28800", "title": "T", "abstract": "A", "versions": [{"version": "2"}]}
                    """))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("versions: '2' is not a version such as v1");
        }

        @Test
        void rejects_a_version_of_zero() {
            assertThatThrownBy(() -> map(ImportFormat.ARXIV_SNAPSHOT, """
                    {"id": "2603.28800", "title": "T", "abstract": "A", "versions": [{"version": "v0"}]}
                    """))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("versions: 'v0' is not a version such as v1");
        }

        @Test
        void rejects_an_unreadable_creation_date() {
            assertThatThrownBy(() -> map(ImportFormat.ARXIV_SNAPSHOT, """
                    {"id": "2603.28800", "title": "T", "abstract": "A",
                     "versions": [{"version": "v1", "created": "second of March"}]}
                    """))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("versions.created: 'second of March' is not a date (expected YYYY-MM-DD or an "
                            + "ISO-8601 timestamp)");
        }

        @Test
        void rejects_a_parsed_author_that_is_not_an_array() {
            assertThatThrownBy(() -> map(ImportFormat.ARXIV_SNAPSHOT, """
                    {"id": "2603.28800", "title": "T", "abstract": "A", "authors_parsed": ["Ada Lovelace"]}
                    """))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("authors_parsed: expected an array of [last, first, suffix] arrays, got a string");
        }
    }

    @Nested
    class HfDaily {

        private static final String ITEM = """
                {"paper": {"id": "2603.28800", "title": "Paper title",
                           "authors": [{"_id": "a1", "name": "Ada Lovelace", "hidden": false},
                                       {"_id": "a2", "name": "Alan Turing", "hidden": false}],
                           "publishedAt": "2026-03-30T17:59:59.000Z",
                           "submittedOnDailyAt": "2026-03-31T04:12:00.000Z",
                           "summary": "We scale\\nsparse experts.", "upvotes": 42,
                           "githubRepo": "https://github.com/example/sparse",
                           "projectPage": "https://example.github.io/sparse"},
                 "publishedAt": "2026-04-01T06:00:00.000Z", "title": "Item title", "numComments": 3}
                """;

        @Test
        void maps_an_item_with_the_title_of_the_item_and_the_day_it_was_submitted() {
            assertThat(map(ImportFormat.HF_DAILY, ITEM))
                    .isEqualTo(Paper.builder("2603.28800")
                            .title("Item title")
                            .abstractText("We scale sparse experts.")
                            .authorNames(List.of("Ada Lovelace", "Alan Turing"))
                            .published(LocalDate.of(2026, 3, 30))
                            .listedOn(LocalDate.of(2026, 3, 31))
                            .upvotes(42)
                            .links(new Links(
                                    "https://arxiv.org/abs/2603.28800",
                                    "https://arxiv.org/pdf/2603.28800",
                                    "https://github.com/example/sparse",
                                    "https://example.github.io/sparse"))
                            .build());
        }

        @Test
        void lists_an_item_on_its_publication_day_when_the_paper_has_no_submission_day() {
            Paper p = map(ImportFormat.HF_DAILY, """
                    {"paper": {"id": "2603.28800", "title": "Paper title", "summary": "S",
                               "publishedAt": "2026-03-30T17:59:59.000Z"},
                     "publishedAt": "2026-04-01T06:00:00.000Z"}
                    """);

            assertThat(p.title()).isEqualTo("Paper title");
            assertThat(p.listedOn()).isEqualTo(LocalDate.of(2026, 4, 1));
            assertThat(p.published()).isEqualTo(LocalDate.of(2026, 3, 30));
            assertThat(p.upvotes()).isZero();
        }

        @Test
        void maps_a_bare_paper_object_without_a_listed_day() {
            Paper p = map(ImportFormat.HF_DAILY, """
                    {"id": "2603.28800", "title": "Paper title", "summary": "S",
                     "publishedAt": "2026-03-30T17:59:59.000Z", "upvotes": 5}
                    """);

            assertThat(p.listedOn()).isNull();
            assertThat(p.published()).isEqualTo(LocalDate.of(2026, 3, 30));
            assertThat(p.upvotes()).isEqualTo(5);
        }

        @Test
        void rejects_negative_upvotes() {
            assertThatThrownBy(() -> map(ImportFormat.HF_DAILY, """
                    {"paper": {"id": "2603.28800", "title": "T", "summary": "S", "upvotes": -3}}
                    """))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("upvotes: expected a non-negative integer, got the number -3");
        }

        @Test
        void rejects_an_author_without_a_name() {
            assertThatThrownBy(() -> map(ImportFormat.HF_DAILY, """
                    {"paper": {"id": "2603.28800", "title": "T", "summary": "S", "authors": [{"_id": "a1"}]}}
                    """))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("authors: an author has no name");
        }

        @Test
        void rejects_a_github_repository_that_is_not_a_url() {
            assertThatThrownBy(() -> map(ImportFormat.HF_DAILY, """
                    {"paper": {"id": "2603.28800", "title": "T", "summary": "S", "githubRepo": "example/sparse"}}
                    """))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("code: 'example/sparse' is not an http(s) URL");
        }
    }

    @Nested
    class Beir {

        @Test
        void maps_a_corpus_document_keeping_its_id() {
            assertThat(map(ImportFormat.BEIR, """
                    {"_id": "doc-17", "title": "A title", "text": "The text.", "metadata": {}}
                    """))
                    .isEqualTo(Paper.builder("doc-17")
                            .title("A title")
                            .abstractText("The text.")
                            .build());
        }

        @Test
        void accepts_a_numeric_id() {
            assertThat(map(ImportFormat.BEIR, """
                    {"_id": 4983, "title": "T", "text": "X"}
                    """).id()).isEqualTo("4983");
        }

        @Test
        void rejects_an_id_with_whitespace() {
            assertThatThrownBy(() -> map(ImportFormat.BEIR, """
                    {"_id": "doc 17", "title": "T", "text": "X"}
                    """))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("_id: 'doc 17' is empty or contains whitespace");
        }

        @Test
        void rejects_a_missing_id() {
            assertThatThrownBy(() -> map(ImportFormat.BEIR, """
                    {"_id": null, "title": "T", "text": "X"}
                    """))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("_id: missing or empty");
        }

        @Test
        void rejects_an_id_that_is_an_object() {
            assertThatThrownBy(() -> map(ImportFormat.BEIR, """
                    {"_id": {"x": 1}, "title": "T", "text": "X"}
                    """))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("_id: expected a string, got an object");
        }
    }

    @Nested
    class PaperboyExport {

        @Test
        void reads_back_an_exported_paper_as_an_equal_paper() {
            Paper p = Paper.builder("2603.28800")
                    .version(2)
                    .title("$\\alpha$-stable experts")
                    .abstractText("Unicode: é, 数学, 🧪.")
                    .authorNames(List.of("Ada Lovelace", "Alan Turing"))
                    .categories(List.of("cs.CL", "cs.LG"))
                    .published(LocalDate.of(2026, 3, 2))
                    .updated(LocalDate.of(2026, 3, 21))
                    .listedOn(LocalDate.of(2026, 3, 3))
                    .links(new Links(
                            "https://arxiv.org/abs/2603.28800",
                            "https://arxiv.org/pdf/2603.28800",
                            "https://github.com/example/sparse",
                            "https://example.github.io/sparse"))
                    .comment("12 pages")
                    .journalRef("J. Ex. 1 (2026)")
                    .doi("10.1000/example")
                    .license("http://creativecommons.org/licenses/by/4.0/")
                    .upvotes(42)
                    .build();

            assertThat(PaperboyJsonFormat.map(PaperboyJsonFormat.toJson(JSON, p)))
                    .isEqualTo(p);
        }

        @Test
        void reads_back_a_paper_with_only_the_required_fields() {
            Paper p = Paper.builder("doc-17").title("T").abstractText("A").build();

            assertThat(PaperboyJsonFormat.map(PaperboyJsonFormat.toJson(JSON, p)))
                    .isEqualTo(p);
        }

        @Test
        void round_trips_through_serialized_text() throws JsonProcessingException {
            Paper p = Paper.builder("2603.28800")
                    .version(1)
                    .title("T")
                    .abstractText("A")
                    .upvotes(3)
                    .build();
            String line = JSON.writeValueAsString(PaperboyJsonFormat.toJson(JSON, p));

            assertThat(map(ImportFormat.PAPERBOY, line)).isEqualTo(p);
        }
    }

    @Nested
    class OaiArxiv {

        private static final String RESPONSE = """
                <?xml version="1.0" encoding="UTF-8"?>
                <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
                  <responseDate>2026-04-01T00:00:00Z</responseDate>
                  <request verb="ListRecords" metadataPrefix="arXiv">https://oaipmh.arxiv.org/oai</request>
                  <ListRecords>
                    <record>
                      <header>
                        <identifier>oai:arXiv.org:2603.28800</identifier>
                        <datestamp>2026-03-31</datestamp>
                        <setSpec>cs</setSpec>
                      </header>
                      <metadata>
                        <arXiv xmlns="http://arxiv.org/OAI/arXiv/">
                          <id>2603.28800</id>
                          <created>2026-03-30</created>
                          <updated>2026-03-31</updated>
                          <authors>
                            <author><keyname>Lovelace</keyname><forenames>Ada</forenames></author>
                            <author><keyname>Turing</keyname><forenames>Alan</forenames><suffix>Jr</suffix></author>
                          </authors>
                          <title>Sparse experts
                    at scale</title>
                          <categories>cs.CL cs.LG</categories>
                          <comments>12 pages</comments>
                          <doi>10.1000/example</doi>
                          <license>http://creativecommons.org/licenses/by/4.0/</license>
                          <abstract>  We scale &lt;b&gt;sparse&lt;/b&gt; experts &amp; more.
                    </abstract>
                        </arXiv>
                      </metadata>
                    </record>
                    <record>
                      <header status="deleted">
                        <identifier>oai:arXiv.org:2603.00001</identifier>
                        <datestamp>2026-03-31</datestamp>
                      </header>
                    </record>
                    <resumptionToken cursor="0" completeListSize="2">token|1001</resumptionToken>
                  </ListRecords>
                </OAI-PMH>
                """;

        @Test
        void maps_an_arxiv_metadata_record() throws IOException {
            List<RawRecord> records = xmlRecords(RESPONSE, "record");

            assertThat(records).hasSize(2);
            assertThat(records.get(0).problem()).isNull();
            assertThat(records.get(0).line()).isEqualTo(6);
            assertThat(ImportFormat.OAI.map(records.get(0).parsed()))
                    .isEqualTo(Paper.builder("2603.28800")
                            .title("Sparse experts at scale")
                            .abstractText("We scale <b>sparse</b> experts & more.")
                            .authorNames(List.of("Ada Lovelace", "Alan Turing Jr"))
                            .categories(List.of("cs.CL", "cs.LG"))
                            .published(LocalDate.of(2026, 3, 30))
                            .updated(LocalDate.of(2026, 3, 31))
                            .listedOn(LocalDate.of(2026, 3, 30))
                            .links(new Links(
                                    "https://arxiv.org/abs/2603.28800", "https://arxiv.org/pdf/2603.28800", null, null))
                            .comment("12 pages")
                            .doi("10.1000/example")
                            .license("http://creativecommons.org/licenses/by/4.0/")
                            .build());
        }

        @Test
        void keeps_the_raw_text_of_each_record() throws IOException {
            String raw = new String(xmlRecords(RESPONSE, "record").get(1).raw(), StandardCharsets.UTF_8);

            assertThat(raw)
                    .startsWith("<record")
                    .endsWith("</record>")
                    .contains("status=\"deleted\"", "<identifier>oai:arXiv.org:2603.00001</identifier>");
        }

        @Test
        void maps_a_deleted_record_to_nothing() throws IOException {
            RawRecord deleted = xmlRecords(RESPONSE, "record").get(1);

            assertThat(ImportFormat.OAI.map(deleted.parsed())).isNull();
        }

        @Test
        void remembers_the_resumption_token() throws IOException {
            try (XmlRecordReader reader = new XmlRecordReader(
                    new ByteArrayInputStream(RESPONSE.getBytes(StandardCharsets.UTF_8)), "record")) {
                while (reader.next() != null) {
                    // read to the end
                }
                assertThat(reader.resumptionToken()).isEqualTo("token|1001");
                assertThat(reader.rootName()).isEqualTo("OAI-PMH");
                assertThat(reader.errorCode()).isNull();
            }
        }

        @Test
        void rejects_a_record_without_arxiv_metadata() throws IOException {
            String xml = """
                    <OAI-PMH><ListRecords><record><header><identifier>x</identifier></header>
                    <metadata><dc/></metadata></record></ListRecords></OAI-PMH>
                    """;

            Object parsed = xmlRecords(xml, "record").get(0).parsed();

            assertThatThrownBy(() -> ImportFormat.OAI.map(parsed))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("metadata: no <arXiv> metadata in the record (harvest with metadataPrefix=arXiv)");
        }

        @Test
        void reports_malformed_xml_as_a_last_record_with_a_problem() throws IOException {
            String xml = "<OAI-PMH><ListRecords><record><header></record></ListRecords></OAI-PMH>";

            List<RawRecord> records = xmlRecords(xml, "record");

            assertThat(records).hasSize(1);
            assertThat(records.get(0).parsed()).isNull();
            assertThat(records.get(0).problem())
                    .isEqualTo(
                            "malformed XML at line 1: The element type \"header\" "
                                    + "must be terminated by the matching end-tag \"</header>\".; the rest of the document was not read");
        }

        @Test
        void refuses_a_document_type_declaration() throws IOException {
            String xml = """
                    <?xml version="1.0"?>
                    <!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                    <OAI-PMH><ListRecords><record><metadata>&x;</metadata></record></ListRecords></OAI-PMH>
                    """;

            List<RawRecord> records = xmlRecords(xml, "record");

            assertThat(records).hasSize(1);
            assertThat(records.get(0).parsed()).isNull();
            assertThat(records.get(0).problem())
                    .isEqualTo("malformed XML at line 3: The entity \"x\" was "
                            + "referenced, but not declared.; the rest of the document was not read");
        }
    }

    @Nested
    class Atom {

        private static final String FEED = """
                <?xml version="1.0" encoding="UTF-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
                  <title>arXiv Query</title>
                  <entry>
                    <id>http://arxiv.org/abs/2603.28800v2</id>
                    <updated>2026-03-31T17:59:59Z</updated>
                    <published>2026-03-30T17:59:59Z</published>
                    <title>Sparse experts
                      at scale</title>
                    <summary>We scale sparse experts.</summary>
                    <author><name>Ada Lovelace</name></author>
                    <author><name>Alan Turing</name></author>
                    <arxiv:comment>12 pages</arxiv:comment>
                    <arxiv:journal_ref>J. Ex. 1 (2026)</arxiv:journal_ref>
                    <arxiv:doi>10.1000/example</arxiv:doi>
                    <link href="http://arxiv.org/abs/2603.28800v2" rel="alternate" type="text/html"/>
                    <link title="pdf" href="http://arxiv.org/pdf/2603.28800v2" rel="related" type="application/pdf"/>
                    <arxiv:primary_category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
                    <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
                    <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
                  </entry>
                  <entry>
                    <id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id>
                    <title>Error</title>
                    <summary>incorrect id format for 1234</summary>
                    <updated>2026-04-01T00:00:00-04:00</updated>
                    <link href="http://arxiv.org/api/errors#incorrect_id_format_for_1234" rel="alternate"/>
                    <author><name>arXiv api core</name></author>
                  </entry>
                </feed>
                """;

        @Test
        void maps_an_entry_with_https_links_and_the_primary_category_first() throws IOException {
            List<RawRecord> records = xmlRecords(FEED, "entry");

            assertThat(records).hasSize(2);
            assertThat(ImportFormat.ATOM.map(records.get(0).parsed()))
                    .isEqualTo(Paper.builder("2603.28800")
                            .version(2)
                            .title("Sparse experts at scale")
                            .abstractText("We scale sparse experts.")
                            .authorNames(List.of("Ada Lovelace", "Alan Turing"))
                            .categories(List.of("cs.LG", "cs.CL"))
                            .published(LocalDate.of(2026, 3, 30))
                            .updated(LocalDate.of(2026, 3, 31))
                            .listedOn(LocalDate.of(2026, 3, 30))
                            .links(new Links(
                                    "https://arxiv.org/abs/2603.28800v2",
                                    "https://arxiv.org/pdf/2603.28800v2",
                                    null,
                                    null))
                            .comment("12 pages")
                            .journalRef("J. Ex. 1 (2026)")
                            .doi("10.1000/example")
                            .build());
        }

        @Test
        void rejects_an_api_error_entry_with_the_error_text() throws IOException {
            Object error = xmlRecords(FEED, "entry").get(1).parsed();

            assertThatThrownBy(() -> ImportFormat.ATOM.map(error))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("id: arXiv API error: incorrect id format for 1234");
        }
    }

    @Nested
    class Detect {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                hf-daily item      | {"paper": {"id": "2603.28800"}, "publishedAt": "2026-03-31", "title": "T"} | HF_DAILY
                hf-daily paper     | {"id": "2603.28800", "summary": "S", "publishedAt": "2026-03-31"}          | HF_DAILY
                beir               | {"_id": "d1", "title": "T", "text": "X"}                                     | BEIR
                snapshot           | {"id": "2603.28800", "abstract": "A", "versions": []}                        | ARXIV_SNAPSHOT
                snapshot submitter | {"id": "2603.28800", "submitter": "Ada", "abstract": "A"}                    | ARXIV_SNAPSHOT
                paperboy export    | {"id": "2603.28800", "abstract": "A", "links": {}}                           | PAPERBOY
                arxiv listing      | {"id": "2603.28800", "summary": "S", "listed_on": "2026-03-31"}              | ARXIV_LISTING
                listing with abs   | {"id": "2603.28800", "summary": "S", "abs": "https://arxiv.org/abs/1"}        | ARXIV_LISTING
                """)
        void tells_each_json_shape_apart(String name, String record, ImportFormat expected) {
            assertThat(ImportFormat.detect(json(record))).isEqualTo(expected);
        }

        @Test
        void detects_the_export_of_a_paper() {
            Paper p = Paper.builder("2603.28800").title("T").abstractText("A").build();

            assertThat(ImportFormat.detect(PaperboyJsonFormat.toJson(JSON, p))).isEqualTo(ImportFormat.PAPERBOY);
        }

        @Test
        void detects_nothing_in_an_unknown_shape() {
            assertThat(ImportFormat.detect(json("{\"name\": \"x\", \"summary\": \"y\"}")))
                    .isNull();
        }

        @Test
        void finds_a_format_by_its_command_line_name_in_any_case() {
            assertThat(ImportFormat.byName("ARXIV-Listing")).isEqualTo(ImportFormat.ARXIV_LISTING);
            assertThat(ImportFormat.byName("oai")).isEqualTo(ImportFormat.OAI);
        }

        @Test
        void names_the_choices_for_an_unknown_format() {
            assertThatThrownBy(() -> ImportFormat.byName("csv"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unknown format 'csv'; use one of auto, arxiv-snapshot, arxiv-listing, hf-daily, "
                            + "beir, oai, atom, paperboy");
        }
    }
}
