package org.paperboy.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.paper.Links;
import org.paperboy.paper.Paper;
import org.paperboy.store.Database;
import org.paperboy.store.ImportRunRepository;
import org.paperboy.store.PaperRepository;
import org.paperboy.store.Reject;
import org.paperboy.store.RejectRepository;

/**
 * The importer end to end, from files written here to stored papers, rejects and runs, run the
 * same way against every database Paperboy supports. Subclasses hand out URLs of new, empty
 * databases.
 */
abstract class ImporterContract {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-01T06:30:00Z"), ZoneOffset.UTC);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String FORMATS = "arxiv-snapshot, arxiv-listing, hf-daily, beir, oai, atom, paperboy";

    @TempDir
    Path dir;

    private final List<Database> opened = new ArrayList<>();

    Database db;
    PaperRepository papers;
    RejectRepository rejects;
    ImportRunRepository runs;
    Importer importer;
    Path rejectsDir;

    /** The JDBC URL of a new, empty database that lives at least until the test ends. */
    abstract String newDatabaseUrl() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        db = open(newDatabaseUrl());
        papers = new PaperRepository(db, CLOCK);
        rejects = new RejectRepository(db, CLOCK);
        runs = new ImportRunRepository(db, CLOCK);
        rejectsDir = dir.resolve("rejects");
        importer = new Importer(db, papers, rejects, runs, rejectsDir);
    }

    @AfterEach
    void closeStores() {
        opened.forEach(Database::close);
    }

    Database open(String jdbcUrl) {
        Database d = Database.open(jdbcUrl);
        opened.add(d);
        return d;
    }

    // ---- fixtures ------------------------------------------------------------------------------

    /** Three daily-listing records with arXiv's hard line wraps in titles, abstracts and comments. */
    static final String LISTING = """
            {"id":"2603.28800","title":"Sparse Retrieval\\n  at Scale","authors":["Ada Lovelace","Alan Turing"],\
            "categories":["cs.IR","cs.CL"],"summary":"  We study sparse\\nretrieval for long\\n  documents.\\nIt scales.\\n",\
            "comment":"12 pages,\\n 3 figures","abs":"https://arxiv.org/abs/2603.28800v2",\
            "pdf":"https://arxiv.org/pdf/2603.28800v2","listed_on":"2026-03-31"}
            {"id":"2603.28801","title":"Parsing ACM Codes","authors":["Grace Hopper"],\
            "categories":["cs.CL","I.2.7; I.2.6"],"summary":"Codes are kept\\nas written.","comment":null,\
            "listed_on":"2026-03-31"}
            {"id":"arXiv:hep-th/9901001v3","title":"Strings","authors":["E. Witten","J. Maldacena"],\
            "categories":["hep-th"],"summary":"Old-style\\r\\nids.","listed_on":"1999-01-04"}
            """;

    static Paper listed28800() {
        return Paper.builder("2603.28800")
                .version(2)
                .title("Sparse Retrieval at Scale")
                .abstractText("We study sparse retrieval for long documents. It scales.")
                .authorNames(List.of("Ada Lovelace", "Alan Turing"))
                .categories(List.of("cs.IR", "cs.CL"))
                .listedOn(LocalDate.of(2026, 3, 31))
                .links(new Links(
                        "https://arxiv.org/abs/2603.28800v2", "https://arxiv.org/pdf/2603.28800v2", null, null))
                .comment("12 pages, 3 figures")
                .build();
    }

    static Paper listed28801() {
        return Paper.builder("2603.28801")
                .title("Parsing ACM Codes")
                .abstractText("Codes are kept as written.")
                .authorNames(List.of("Grace Hopper"))
                .categories(List.of("cs.CL", "I.2.7; I.2.6"))
                .listedOn(LocalDate.of(2026, 3, 31))
                .links(new Links("https://arxiv.org/abs/2603.28801", "https://arxiv.org/pdf/2603.28801", null, null))
                .build();
    }

    static Paper listedOldStyle() {
        return Paper.builder("hep-th/9901001")
                .version(3)
                .title("Strings")
                .abstractText("Old-style ids.")
                .authorNames(List.of("E. Witten", "J. Maldacena"))
                .categories(List.of("hep-th"))
                .listedOn(LocalDate.of(1999, 1, 4))
                .links(new Links(
                        "https://arxiv.org/abs/hep-th/9901001", "https://arxiv.org/pdf/hep-th/9901001", null, null))
                .build();
    }

    /** A Hugging Face /api/daily_papers response: one paper also in {@link #LISTING}, one new. */
    static final String HF_DAILY = """
            [
              {"paper":{"id":"2603.28800","authors":[{"_id":"a1","name":"Ada Lovelace","hidden":false},\
            {"_id":"a2","name":"Alan Turing","hidden":false}],"publishedAt":"2026-03-30T17:59:58.000Z",\
            "title":"Sparse Retrieval at Scale","summary":"We study sparse retrieval.","upvotes":42,\
            "discussionId":"d1","githubRepo":"https://github.com/example/sparse","projectPage":"https://example.org/sparse"},\
            "publishedAt":"2026-03-31T09:12:00.000Z","title":"Sparse Retrieval at Scale",\
            "thumbnail":"https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2603.28800.png",\
            "numComments":3,"submittedBy":{"name":"someone"}},
              {"paper":{"id":"2603.29999","authors":[{"name":"Kurt Gödel"}],"publishedAt":"2026-03-29T10:00:00.000Z",\
            "title":"Incomplete Agents","summary":"Agents that\\nknow their limits.","upvotes":7},\
            "publishedAt":"2026-03-31T08:00:00.000Z","title":"Incomplete Agents","numComments":0}
            ]
            """;

    static Paper hf29999() {
        return Paper.builder("2603.29999")
                .title("Incomplete Agents")
                .abstractText("Agents that know their limits.")
                .authorNames(List.of("Kurt Gödel"))
                .published(LocalDate.of(2026, 3, 29))
                .listedOn(LocalDate.of(2026, 3, 31))
                .links(new Links("https://arxiv.org/abs/2603.29999", "https://arxiv.org/pdf/2603.29999", null, null))
                .upvotes(7)
                .build();
    }

    static final String SNAPSHOT_V1 = """
            {"id":"0704.0001","submitter":"Pavel Nadolsky","authors":"C. Balázs, E. L. Berger",\
            "title":"Calculation of prompt diphoton\\n  production","comments":"37 pages, 15 figures",\
            "journal-ref":"Phys.Rev.D76:013009,2007","doi":"10.1103/PhysRevD.76.013009","report-no":"ANL-HEP-PR-07-12",\
            "categories":"cs.CL cs.AI","license":null,"abstract":"  A fully differential calculation\\nin perturbative QCD.\\n",\
            "versions":[{"version":"v1","created":"Mon, 2 Apr 2007 19:18:42 GMT"}],"update_date":"2007-04-02",\
            "authors_parsed":[["Balázs","C.",""],["Berger","E. L.",""]]}
            """;

    static final String SNAPSHOT_V2 = """
            {"id":"0704.0001","submitter":"Pavel Nadolsky","authors":"C. Balázs, E. L. Berger",\
            "title":"Calculation of prompt diphoton production at hadron colliders","comments":"37 pages, 15 figures",\
            "journal-ref":"Phys.Rev.D76:013009,2007","doi":"10.1103/PhysRevD.76.013009","report-no":"ANL-HEP-PR-07-12",\
            "categories":"cs.CL cs.AI","license":"http://arxiv.org/licenses/nonexclusive-distrib/1.0/",\
            "abstract":"  A fully differential calculation\\nin perturbative QCD.\\n",\
            "versions":[{"version":"v1","created":"Mon, 2 Apr 2007 19:18:42 GMT"},\
            {"version":"v2","created":"Tue, 24 Jul 2007 20:10:27 GMT"}],"update_date":"2007-07-24",\
            "authors_parsed":[["Balázs","C.",""],["Berger","E. L.",""]]}
            """;

    static Paper snapshotV1() {
        return Paper.builder("0704.0001")
                .version(1)
                .title("Calculation of prompt diphoton production")
                .abstractText("A fully differential calculation in perturbative QCD.")
                .authorNames(List.of("C. Balázs", "E. L. Berger"))
                .categories(List.of("cs.CL", "cs.AI"))
                .published(LocalDate.of(2007, 4, 2))
                .updated(LocalDate.of(2007, 4, 2))
                .listedOn(LocalDate.of(2007, 4, 2))
                .links(new Links("https://arxiv.org/abs/0704.0001", "https://arxiv.org/pdf/0704.0001", null, null))
                .comment("37 pages, 15 figures")
                .journalRef("Phys.Rev.D76:013009,2007")
                .doi("10.1103/PhysRevD.76.013009")
                .build();
    }

    static Paper snapshotV2() {
        return snapshotV1().toBuilder()
                .version(2)
                .title("Calculation of prompt diphoton production at hadron colliders")
                .updated(LocalDate.of(2007, 7, 24))
                .license("http://arxiv.org/licenses/nonexclusive-distrib/1.0/")
                .build();
    }

    static final String BEIR_CORPUS = """
            {"_id":"MED-10","title":"Statin Use and Breast Cancer Survival","text":"Recent studies\\nhave suggested that statins help.","metadata":{}}
            {"_id":4983,"title":"Microstructural development","text":"Alterations of the architecture."}
            {"_id":"0704.0001v2","title":"An arXiv-looking id","text":"Kept as given."}
            """;

    static Paper beir(String id, String title, String text) {
        return Paper.builder(id).title(title).abstractText(text).build();
    }

    static String listingLine(String id, String title) {
        return "{\"id\":\"" + id + "\",\"title\":\"" + title + "\",\"authors\":[\"A. Author\"],"
                + "\"categories\":[\"cs.CL\"],\"summary\":\"An abstract.\",\"listed_on\":\"2026-03-31\"}";
    }

    static Paper listingPaper(String id, String title) {
        return Paper.builder(id)
                .title(title)
                .abstractText("An abstract.")
                .authorNames(List.of("A. Author"))
                .categories(List.of("cs.CL"))
                .listedOn(LocalDate.of(2026, 3, 31))
                .links(new Links("https://arxiv.org/abs/" + id, "https://arxiv.org/pdf/" + id, null, null))
                .build();
    }

    // ---- helpers -------------------------------------------------------------------------------

    Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(UTF_8));
    }

    Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return file;
    }

    Path gzip(String name, byte[] bytes) throws IOException {
        return write(name, gzipped(bytes));
    }

    static byte[] gzipped(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    static byte[] concat(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) {
                out.writeBytes(s.getBytes(UTF_8));
            } else if (p instanceof byte[] b) {
                out.writeBytes(b);
            } else if (p instanceof Integer i) {
                out.write(i);
            } else {
                throw new IllegalArgumentException(String.valueOf(p));
            }
        }
        return out.toByteArray();
    }

    /** Joins lines with '\n', ending the last one too. */
    static byte[] lines(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] l : lines) {
            out.writeBytes(l);
            out.write('\n');
        }
        return out.toByteArray();
    }

    Importer.Run importAll(Path... files) {
        return importer.importFiles(List.of(files), null, ImportListener.NONE);
    }

    List<Paper> stored() {
        return stored(papers);
    }

    static List<Paper> stored(PaperRepository repository) {
        List<Paper> out = new ArrayList<>();
        repository.forEach(out::add);
        return out;
    }

    String runStatus(long runId) {
        return db.withHandle(h -> h.createQuery("SELECT status || ' ' || imported || '/' || updated || '/' "
                        + "|| unchanged || '/' || rejected FROM import_runs WHERE id = :id")
                .bind("id", runId)
                .mapTo(String.class)
                .one());
    }

    // ---- arXiv listing -------------------------------------------------------------------------

    @Test
    void imports_an_arxiv_listing_with_line_wraps_normalized_and_reimports_it_unchanged() throws IOException {
        Path file = write("listing.jsonl", LISTING);

        Importer.Run first = importAll(file);

        assertThat(first.report().summary()).isEqualTo("imported=3 updated=0 unchanged=0 rejected=0");
        assertThat(first.report().failures()).isEmpty();
        assertThat(first.rejectsFile()).isNull();
        assertThat(stored()).containsExactly(listed28800(), listed28801(), listedOldStyle());
        assertThat(papers.find("2603.28800").orElseThrow().abstractText())
                .isEqualTo("We study sparse retrieval for long documents. It scales.");
        assertThat(runStatus(first.id())).isEqualTo("ok 3/0/0/0");

        Importer.Run second = importAll(file);

        assertThat(second.report().summary()).isEqualTo("imported=0 updated=0 unchanged=3 rejected=0");
        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(stored()).containsExactly(listed28800(), listed28801(), listedOldStyle());
        assertThat(runs.count()).isEqualTo(2);
        assertThat(runStatus(second.id())).isEqualTo("ok 0/0/3/0");
    }

    /** Listing records naming their code and project page in the comment or the abstract. */
    static final String LISTING_WITH_CODE = """
            {"id":"2604.00001","title":"Sparse RAG","authors":["Ada Lovelace"],"categories":["cs.CL"],\
            "summary":"We retrieve sparsely. Project page: https://ada.github.io/sparse/.",\
            "comment":"ACL 2026. Code: https://github.com/ada/sparse-rag.","listed_on":"2026-04-01"}
            {"id":"2604.00002","title":"Tiny Models","authors":["Alan Turing"],"categories":["cs.LG"],\
            "summary":"We release the weights (huggingface.co/alan/tiny-model).","comment":null,\
            "listed_on":"2026-04-01"}
            {"id":"2604.00003","title":"No Links","authors":["Grace Hopper"],"categories":["cs.LG"],\
            "summary":"Nothing to link.","comment":"8 pages","listed_on":"2026-04-01"}
            """;

    @Test
    void takes_code_links_from_comments_and_abstracts_also_for_papers_stored_before_on_reimport() throws IOException {
        Path file = write("code.jsonl", LISTING_WITH_CODE);
        Paper withCode = ImportFormat.ARXIV_LISTING.map(
                JSON.readTree(LISTING_WITH_CODE.lines().findFirst().orElseThrow()));
        // As an import before code links were extracted stored it: the same record, no code or project link.
        Paper storedBefore = withCode.toBuilder()
                .links(new Links(withCode.links().abs(), withCode.links().pdf(), null, null))
                .build();
        db.inTransaction(h -> {
            papers.insertAll(h, List.of(storedBefore));
            return null;
        });

        Importer.Run first = importAll(file);

        assertThat(first.report().summary()).isEqualTo("imported=2 updated=1 unchanged=0 rejected=0");
        assertThat(papers.find("2604.00001").orElseThrow().links())
                .isEqualTo(new Links(
                        "https://arxiv.org/abs/2604.00001",
                        "https://arxiv.org/pdf/2604.00001",
                        "https://github.com/ada/sparse-rag",
                        "https://ada.github.io/sparse/"));
        assertThat(papers.find("2604.00002").orElseThrow().links().code())
                .isEqualTo("https://huggingface.co/alan/tiny-model");
        assertThat(papers.find("2604.00003").orElseThrow().links().code()).isNull();
        assertThat(importAll(file).report().summary()).isEqualTo("imported=0 updated=0 unchanged=3 rejected=0");
    }

    @Test
    void imports_the_same_listing_with_an_explicit_format() throws IOException {
        Path file = write("listing.jsonl", LISTING);

        Importer.Run run = importer.importFiles(List.of(file), ImportFormat.ARXIV_LISTING, ImportListener.NONE);

        assertThat(run.report().summary()).isEqualTo("imported=3 updated=0 unchanged=0 rejected=0");
        assertThat(stored()).containsExactly(listed28800(), listed28801(), listedOldStyle());
    }

    // ---- bad lines -----------------------------------------------------------------------------

    @Test
    void rejects_each_bad_line_once_with_its_line_raw_bytes_and_reason_and_keeps_every_good_line() throws IOException {
        String invalidUtf8Prefix = "{\"id\":\"2603.00011\",\"title\":\"Caf";
        String nulPrefix = "{\"id\":\"2603.00012\",\"title\":\"Nul";
        List<byte[]> content = List.of(
                concat(listingLine("2603.00001", "Good first")),
                concat("{\"id\":\"2603.00002\",\"title\":\"Cut off"),
                concat("{\"id\":\"2603.00003\",\"authors\":[\"A. Author\"],\"summary\":\"No title.\","
                        + "\"listed_on\":\"2026-03-31\"}"),
                concat("{\"id\":\"2603.00004\",\"title\":\"No abstract\",\"listed_on\":\"2026-03-31\"}"),
                concat(""),
                concat(listingLine("2603.00006", "Good second")),
                concat(listingLine("not-an-id", "Bad id")),
                concat("{\"id\":\"2603.00008\",\"title\":\"Bad date\",\"summary\":\"s\",\"listed_on\":\"2025-13-40\"}"),
                concat("{\"id\":\"2603.00009\",\"title\":\"Authors as text\",\"authors\":\"A. Author, B. Author\","
                        + "\"summary\":\"s\"}"),
                concat("{\"id\":\"2603.00010\",\"title\":\"Huge\",\"summary\":\"", "x".repeat(100 * 1024 + 1), "\"}"),
                concat(invalidUtf8Prefix, 0xE9, "\",\"summary\":\"Latin-1, not UTF-8.\"}"),
                concat(nulPrefix, 0x00, "byte\",\"summary\":\"s\"}"),
                concat("{\"id\":\"2603.00013\",\"title\":\"Nul\\u0000escaped\",\"summary\":\"s\"}"),
                concat("[{\"id\":\"2603.00014\",\"title\":\"In an array\",\"summary\":\"s\"}]"),
                concat(listingLine("2603.00015", "Good third")),
                concat("{\"id\":\"2603\\u000000016\",\"title\":\"Escaped NUL in the id\",\"summary\":\"s\"}"));
        Path file = write("mixed.jsonl", lines(content));

        Importer.Run run = importAll(file);

        assertThat(run.report().summary()).isEqualTo("imported=3 updated=0 unchanged=0 rejected=12");
        assertThat(run.report().failures()).isEmpty();
        assertThat(stored())
                .containsExactly(
                        listingPaper("2603.00001", "Good first"),
                        listingPaper("2603.00006", "Good second"),
                        listingPaper("2603.00015", "Good third"));

        List<RejectRepository.Stored> stored = rejects.ofRun(run.id());
        assertThat(stored)
                .extracting(s -> s.reject().line())
                .containsExactly(2L, 3L, 4L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 16L);
        for (RejectRepository.Stored s : stored) {
            Reject r = s.reject();
            assertThat(r.source()).isEqualTo(file.toString());
            assertThat(r.format()).isEqualTo("arxiv-listing");
            assertThat(r.raw()).as("raw bytes of line %d", r.line()).isEqualTo(content.get((int) r.line() - 1));
        }
        assertThat(stored)
                .extracting(s -> s.reject().reason())
                .containsExactly(
                        "malformed JSON: Unexpected end-of-input: was expecting closing quote for a string value (column 36)",
                        "title: missing or empty",
                        "abstract: missing or empty",
                        "id: 'not-an-id' not an arXiv id (expected e.g. 2603.28800, 2603.28800v2, arXiv:2603.28800, "
                                + "https://arxiv.org/abs/2603.28800 or hep-th/9901001)",
                        "listed_on: '2025-13-40' is not a date (expected YYYY-MM-DD or an ISO-8601 timestamp)",
                        "authors: expected an array of strings, got a string",
                        "abstract: is 102401 bytes, over the 100 KB limit",
                        "invalid UTF-8 at byte " + (invalidUtf8Prefix.length() + 1),
                        "contains a NUL byte at byte " + (nulPrefix.length() + 1),
                        "title: contains a NUL character",
                        "expected a JSON object, got array",
                        "id: '2603\\u000000016' not an arXiv id (expected e.g. 2603.28800, 2603.28800v2, arXiv:2603.28800, "
                                + "https://arxiv.org/abs/2603.28800 or hep-th/9901001)");
        assertThat(rejects.countUnresolved()).isEqualTo(12);
        assertThat(runStatus(run.id())).isEqualTo("ok 3/0/0/12");

        assertThat(run.rejectsFile()).isRegularFile();
        List<JsonNode> written = new ArrayList<>();
        for (String line : Files.readAllLines(run.rejectsFile(), UTF_8)) {
            written.add(JSON.readTree(line));
        }
        assertThat(written)
                .extracting(r -> r.get("line").asLong())
                .containsExactly(2L, 3L, 4L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 16L);
        assertThat(written).filteredOn(r -> r.has("raw_base64")).singleElement().satisfies(r -> {
            assertThat(r.get("line").asLong()).isEqualTo(11);
            assertThat(Base64.getDecoder().decode(r.get("raw_base64").asText())).isEqualTo(content.get(10));
        });
    }

    @Test
    void writes_the_rejects_of_a_run_as_json_lines_with_base64_for_invalid_utf8() throws IOException {
        String latin1Prefix = "{\"id\":\"2603.00002\",\"title\":\"Caf";
        String nulPrefix = "{\"id\":\"2603.00003\",\"title\":\"A";
        byte[] latin1 = concat(latin1Prefix, 0xE9, "\",\"summary\":\"s\"}");
        byte[] nul = concat(nulPrefix, 0x00, "B\",\"summary\":\"s\"}");
        byte[] noTitle = concat("{\"id\":\"2603.00004\",\"summary\":\"Zürich\",\"listed_on\":\"2026-03-31\"}");
        Path file = write(
                "some-bad.jsonl", lines(List.of(concat(listingLine("2603.00001", "Good")), latin1, nul, noTitle)));

        Importer.Run run = importAll(file);

        assertThat(run.report().summary()).isEqualTo("imported=1 updated=0 unchanged=0 rejected=3");
        assertThat(run.rejectsFile()).isEqualTo(rejectsDir.resolve("run-" + run.id() + ".jsonl"));
        assertThat(rejectsDir.resolve("run-" + run.id() + ".jsonl.tmp")).doesNotExist();
        List<String> written = Files.readAllLines(run.rejectsFile(), UTF_8);
        assertThat(written).hasSize(3);
        List<JsonNode> records = new ArrayList<>();
        for (String line : written) {
            records.add(JSON.readTree(line));
        }
        assertThat(records).extracting(r -> r.get("line").asLong()).containsExactly(2L, 3L, 4L);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.get("run").asLong()).isEqualTo(run.id());
            assertThat(r.get("source").asText()).isEqualTo(file.toString());
            assertThat(r.get("format").asText()).isEqualTo("arxiv-listing");
        });
        assertThat(records)
                .extracting(r -> r.get("reason").asText())
                .containsExactly(
                        "invalid UTF-8 at byte " + (latin1Prefix.length() + 1),
                        "contains a NUL byte at byte " + (nulPrefix.length() + 1),
                        "title: missing or empty");
        assertThat(Base64.getDecoder().decode(records.get(0).get("raw_base64").asText()))
                .isEqualTo(latin1);
        assertThat(records.get(0).get("raw").asText())
                .isEqualTo(new String(latin1, UTF_8))
                .contains("\uFFFD");
        assertThat(records.get(1).has("raw_base64")).isFalse();
        assertThat(records.get(1).get("raw").asText().getBytes(UTF_8)).isEqualTo(nul);
        assertThat(records.get(2).has("raw_base64")).isFalse();
        assertThat(records.get(2).get("raw").asText().getBytes(UTF_8)).isEqualTo(noTitle);
    }

    @Test
    void rejects_a_hugging_face_item_with_upvotes_as_a_string_at_its_line_in_the_array() throws IOException {
        String good = "{\"paper\":{\"id\":\"2603.30001\",\"title\":\"Good\",\"summary\":\"Fine.\",\"upvotes\":3},"
                + "\"publishedAt\":\"2026-03-31T08:00:00.000Z\"}";
        String bad = "{\"paper\":{\"id\":\"2603.30002\",\"title\":\"Strings\",\"summary\":\"Upvotes as text.\","
                + "\"upvotes\":\"12\"},\"publishedAt\":\"2026-03-31T08:00:00.000Z\"}";
        Path file = write("daily.json", "[\n" + good + ",\n" + bad + "\n]\n");

        Importer.Run run = importAll(file);

        assertThat(run.report().summary()).isEqualTo("imported=1 updated=0 unchanged=0 rejected=1");
        assertThat(stored())
                .containsExactly(Paper.builder("2603.30001")
                        .title("Good")
                        .abstractText("Fine.")
                        .listedOn(LocalDate.of(2026, 3, 31))
                        .links(new Links(
                                "https://arxiv.org/abs/2603.30001", "https://arxiv.org/pdf/2603.30001", null, null))
                        .upvotes(3)
                        .build());
        assertThat(rejects.ofRun(run.id())).singleElement().satisfies(s -> {
            assertThat(s.reject().source()).isEqualTo(file.toString());
            assertThat(s.reject().line()).isEqualTo(3);
            assertThat(s.reject().format()).isEqualTo("hf-daily");
            assertThat(s.reject().reason()).isEqualTo("upvotes: expected a non-negative integer, got a string");
            assertThat(s.reject().rawText()).isEqualTo(bad);
        });
    }

    @Test
    void rejects_an_author_name_with_an_escaped_nul_instead_of_failing_the_import() throws IOException {
        Path file = write(
                "authors.jsonl",
                listingLine("2603.00001", "Good") + "\n"
                        + "{\"id\":\"2603.00002\",\"title\":\"T\",\"authors\":[\"Ada\\u0000Lovelace\"],\"summary\":\"s\"}\n"
                        + listingLine("2603.00003", "Also good") + "\n");

        Importer.Run run = importAll(file);

        assertThat(run.report().summary()).isEqualTo("imported=2 updated=0 unchanged=0 rejected=1");
        assertThat(rejects.ofRun(run.id())).singleElement().satisfies(s -> {
            assertThat(s.reject().line()).isEqualTo(2);
            assertThat(s.reject().reason()).isEqualTo("authors: an author name contains a NUL character");
        });
        assertThat(stored()).extracting(Paper::id).containsExactly("2603.00001", "2603.00003");
    }

    @Test
    void rejects_text_with_an_unpaired_surrogate_instead_of_storing_it_altered() throws IOException {
        Path file = write(
                "surrogates.jsonl",
                listingLine("2603.00001", "Good") + "\n"
                        + listingLine("2603.00002", "Half a pair \\ud800 alone") + "\n"
                        + "{\"id\":\"2603.00003\",\"title\":\"T\",\"authors\":[\"Ada \\udc00\"],\"summary\":\"s\"}\n"
                        + "{\"id\":\"2603.00004\",\"title\":\"A whole pair \\ud83d\\ude00 is fine\",\"summary\":\"s\"}\n");

        Importer.Run run = importAll(file);

        assertThat(run.report().summary()).isEqualTo("imported=2 updated=0 unchanged=0 rejected=2");
        assertThat(rejects.ofRun(run.id()))
                .extracting(s -> s.reject().line() + " " + s.reject().reason())
                .containsExactly(
                        "2 title: contains an unpaired UTF-16 surrogate (not valid Unicode)",
                        "3 authors: an author name contains an unpaired UTF-16 surrogate (not valid Unicode)");
        assertThat(papers.find("2603.00004").orElseThrow().title()).isEqualTo("A whole pair \uD83D\uDE00 is fine");
    }

    // ---- versions and sources ------------------------------------------------------------------

    @Test
    void a_newer_snapshot_version_updates_the_paper_and_keeps_the_first_listed_day() throws IOException {
        Path v1 = write("v1.jsonl", SNAPSHOT_V1);
        Path v2 = gzip("v2.jsonl.gz", SNAPSHOT_V2.getBytes(UTF_8));

        assertThat(importAll(v1).report().summary()).isEqualTo("imported=1 updated=0 unchanged=0 rejected=0");
        assertThat(papers.find("0704.0001")).contains(snapshotV1());

        assertThat(importAll(v2).report().summary()).isEqualTo("imported=0 updated=1 unchanged=0 rejected=0");
        Paper afterV2 = papers.find("0704.0001").orElseThrow();
        assertThat(afterV2).isEqualTo(snapshotV2());
        assertThat(afterV2.title()).isEqualTo("Calculation of prompt diphoton production at hadron colliders");
        assertThat(afterV2.listedOn()).isEqualTo(LocalDate.of(2007, 4, 2));
        assertThat(afterV2.published()).isEqualTo(LocalDate.of(2007, 4, 2));

        assertThat(importAll(v1).report().summary()).isEqualTo("imported=0 updated=0 unchanged=1 rejected=0");
        assertThat(stored()).containsExactly(snapshotV2());
    }

    @Test
    void an_older_version_first_in_the_same_file_is_replaced_by_the_newer_one() throws IOException {
        Path both = write("both.jsonl", SNAPSHOT_V2 + SNAPSHOT_V1 + SNAPSHOT_V2);

        Importer.Run run = importAll(both);

        assertThat(run.report().summary()).isEqualTo("imported=1 updated=0 unchanged=2 rejected=0");
        assertThat(stored()).containsExactly(snapshotV2());
    }

    @Test
    void the_same_paper_from_a_listing_and_hugging_face_becomes_one_merged_paper() throws IOException {
        Path listing = write("listing.jsonl", LISTING);
        Path daily = write("daily_papers.json", HF_DAILY);

        assertThat(importAll(listing).report().summary()).isEqualTo("imported=3 updated=0 unchanged=0 rejected=0");
        Importer.Run hf = importAll(daily);

        assertThat(hf.report().summary()).isEqualTo("imported=1 updated=1 unchanged=0 rejected=0");
        Paper merged = listed28800().toBuilder()
                .published(LocalDate.of(2026, 3, 30))
                .links(new Links(
                        "https://arxiv.org/abs/2603.28800v2",
                        "https://arxiv.org/pdf/2603.28800v2",
                        "https://github.com/example/sparse",
                        "https://example.org/sparse"))
                .upvotes(42)
                .build();
        assertThat(papers.find("2603.28800")).contains(merged);
        assertThat(merged.categories()).containsExactly("cs.IR", "cs.CL");
        assertThat(merged.abstractText()).isEqualTo("We study sparse retrieval for long documents. It scales.");
        assertThat(stored())
                .containsExactly(
                        listed28800().toBuilder()
                                .published(LocalDate.of(2026, 3, 30))
                                .links(merged.links())
                                .upvotes(42)
                                .build(),
                        listed28801(),
                        hf29999(),
                        listedOldStyle());

        Importer.Run again = importAll(listing, daily);

        assertThat(again.report().summary()).isEqualTo("imported=0 updated=0 unchanged=5 rejected=0");
        assertThat(papers.find("2603.28800")).contains(merged);
        assertThat(papers.count()).isEqualTo(4);
    }

    @Test
    void keeps_beir_ids_as_given_without_a_listed_day() throws IOException {
        Path corpus = write("scifact/corpus.jsonl", BEIR_CORPUS);

        Importer.Run run = importAll(corpus);

        assertThat(run.report().summary()).isEqualTo("imported=3 updated=0 unchanged=0 rejected=0");
        assertThat(stored())
                .containsExactly(
                        beir("0704.0001v2", "An arXiv-looking id", "Kept as given."),
                        beir("4983", "Microstructural development", "Alterations of the architecture."),
                        beir(
                                "MED-10",
                                "Statin Use and Breast Cancer Survival",
                                "Recent studies have suggested that statins help."));
        assertThat(stored()).allSatisfy(p -> {
            assertThat(p.listedOn()).isNull();
            assertThat(p.version()).isZero();
            assertThat(p.links()).isEqualTo(Links.NONE);
        });
        assertThat(importAll(corpus).report().summary()).isEqualTo("imported=0 updated=0 unchanged=3 rejected=0");
    }

    // ---- format detection ----------------------------------------------------------------------

    @Test
    void detects_the_format_of_each_file_from_its_content() throws IOException {
        Path listing = gzip(
                "listing.data",
                lines(List.of(
                        concat(listingLine("2603.00001", "Listed")),
                        concat("{\"id\":\"2603.00002\",\"summary\":\"No title.\",\"listed_on\":\"2026-03-31\"}"))));
        Path daily = write(
                "daily.json",
                "[{\"paper\":{\"id\":\"2603.00003\",\"title\":\"Daily\",\"summary\":\"s\"},"
                        + "\"publishedAt\":\"2026-03-31T08:00:00.000Z\"},\n"
                        + "{\"paper\":{\"id\":\"2603.00004\",\"summary\":\"No title.\"}}]");
        Path bare = write(
                "bare-hf.jsonl",
                "{\"id\":\"2603.00005\",\"title\":\"Bare\",\"summary\":\"s\","
                        + "\"publishedAt\":\"2026-03-30T00:00:00.000Z\",\"upvotes\":1}\n"
                        + "{\"id\":\"2603.00006\",\"summary\":\"No title.\",\"publishedAt\":\"2026-03-30T00:00:00.000Z\"}\n");
        Path snapshot = write(
                "snapshot.json", SNAPSHOT_V1 + "{\"id\":\"0704.0002\",\"abstract\":\"No title.\",\"versions\":[]}\n");
        Path corpus = write(
                "corpus.jsonl",
                "{\"_id\":\"d1\",\"title\":\"Doc\",\"text\":\"t\"}\n" + "{\"_id\":\"d2\",\"text\":\"No title.\"}\n");
        Path export = write(
                "export.jsonl",
                JSON.writeValueAsString(PaperboyJsonFormat.toJson(JSON, hf29999()))
                        + "\n{\"id\":\"p2\",\"abstract\":\"No title.\",\"links\":{}}\n");

        Importer.Run run = importAll(listing, daily, bare, snapshot, corpus, export);

        assertThat(run.report().failures()).isEmpty();
        assertThat(run.report().summary()).isEqualTo("imported=6 updated=0 unchanged=0 rejected=6");
        assertThat(rejects.ofRun(run.id()))
                .extracting(s -> s.reject().source() + " " + s.reject().format())
                .containsExactly(
                        listing + " arxiv-listing",
                        daily + " hf-daily",
                        bare + " hf-daily",
                        snapshot + " arxiv-snapshot",
                        corpus + " beir",
                        export + " paperboy");
        assertThat(rejects.ofRun(run.id()))
                .extracting(s -> s.reject().reason())
                .containsOnly("title: missing or empty");
        assertThat(papers.find("2603.00001")).contains(listingPaper("2603.00001", "Listed"));
        assertThat(papers.find("2603.00005").orElseThrow().upvotes()).isEqualTo(1);
        assertThat(papers.find("0704.0001")).contains(snapshotV1());
        assertThat(papers.find("d1")).contains(beir("d1", "Doc", "t"));
        assertThat(papers.find("2603.29999")).contains(hf29999());
    }

    @Test
    void a_json_lines_file_of_unknown_fields_fails_with_a_hint_to_pass_the_format() throws IOException {
        Path unknown = write("mystery.jsonl", "{\"doc\":\"x\",\"body\":\"y\"}\n{\"doc\":\"z\",\"body\":\"w\"}\n");
        Path listing = write("listing.jsonl", LISTING);

        Importer.Run run = importAll(unknown, listing);

        assertThat(run.report().failures())
                .containsExactly(unknown + ": cannot tell the format from the first "
                        + "record's fields [doc, body]; pass --format (" + FORMATS + ")");
        assertThat(run.report().summary()).isEqualTo("imported=3 updated=0 unchanged=0 rejected=0");
        assertThat(runStatus(run.id())).isEqualTo("failed 3/0/0/0");
    }

    // ---- file-level problems -------------------------------------------------------------------

    @Test
    void reports_each_unreadable_file_on_one_line_stores_nothing_from_it_and_imports_the_others() throws IOException {
        Path first = write("first.jsonl", listingLine("2603.00001", "Before") + "\n");
        Path missing = dir.resolve("missing.jsonl");
        Path directory = Files.createDirectories(dir.resolve("a-directory"));
        Path empty = write("empty.jsonl", new byte[0]);
        Path blank = write("blank.jsonl", " \n\t\n");
        Path emptyGzip = gzip("empty.jsonl.gz", new byte[0]);
        byte[] big = bigListing(3_000);
        byte[] compressed = gzipped(big);
        Path truncated = write("truncated.jsonl.gz", Arrays.copyOf(compressed, compressed.length / 2));
        byte[] noise = new byte[4096];
        new Random(20260401).nextBytes(noise);
        Path binary = write("noise.bin", noise);
        Path last = write("last.jsonl", listingLine("2603.00002", "After") + "\n");
        AtomicLong truncatedRecordsRead = new AtomicLong();
        ImportListener listener = new ImportListener() {
            @Override
            public void progress(String input, long bytesDone, long bytesTotal, long records) {
                if (input.equals(truncated.toString())) {
                    truncatedRecordsRead.accumulateAndGet(records, Math::max);
                }
            }
        };

        Importer.Run run = importer.importFiles(
                List.of(first, missing, directory, empty, blank, emptyGzip, truncated, binary, last), null, listener);

        assertThat(run.report().failures())
                .containsExactly(
                        missing + ": no such file",
                        directory + ": is a directory; pass the files in it (e.g. " + directory + "/*.jsonl.gz)",
                        empty + ": file is empty",
                        blank + ": contains only whitespace, no records",
                        emptyGzip + ": is empty after decompression",
                        truncated + ": truncated or corrupt gzip data (Unexpected end of ZLIB input stream); "
                                + "nothing from this file was stored",
                        binary + ": binary data (starts with bytes "
                                + String.format("0x%02x 0x%02x", noise[0], noise[1])
                                + "); expected JSON Lines, a JSON array or XML (gzip allowed)");
        assertThat(run.report().failures()).allSatisfy(f -> assertThat(f).doesNotContain("\n"));
        // The truncation came after whole batches had been parsed and written, and they were rolled back.
        assertThat(truncatedRecordsRead.get()).isGreaterThanOrEqualTo(1_000);
        assertThat(run.report().summary()).isEqualTo("imported=2 updated=0 unchanged=0 rejected=0");
        assertThat(stored()).containsExactly(listingPaper("2603.00001", "Before"), listingPaper("2603.00002", "After"));
        assertThat(rejects.countUnresolved()).isZero();
        assertThat(run.rejectsFile()).isNull();
        assertThat(runStatus(run.id())).isEqualTo("failed 2/0/0/0");
    }

    @Test
    void the_whole_gzip_file_that_was_truncated_imports_every_record() throws IOException {
        Path whole = gzip("whole.jsonl.gz", bigListing(3_000));

        Importer.Run run = importAll(whole);

        assertThat(run.report().summary()).isEqualTo("imported=3000 updated=0 unchanged=0 rejected=0");
        assertThat(papers.count()).isEqualTo(3_000);
    }

    /** {@code n} listing records of about 1.2 KB each, so half of them are more than the 1 MB sniffed. */
    static byte[] bigListing(int n) {
        String[] words = {
            "sparse",
            "dense",
            "retrieval",
            "transformer",
            "attention",
            "graph",
            "neural",
            "model",
            "language",
            "vision",
            "learning",
            "robust",
            "efficient",
            "scalable",
            "benchmark",
            "dataset"
        };
        Random random = new Random(42);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            StringBuilder summary = new StringBuilder();
            while (summary.length() < 1_100) {
                summary.append(words[random.nextInt(words.length)])
                        .append(random.nextInt(1000))
                        .append(' ');
            }
            String id = String.format("2602.%05d", i);
            out.writeBytes(
                    ("{\"id\":\"" + id + "\",\"title\":\"Generated paper " + i + "\",\"authors\":[\"A. Author\"],"
                                    + "\"categories\":[\"cs.LG\"],\"summary\":\""
                                    + summary.toString().strip()
                                    + "\",\"listed_on\":\"2026-02-27\"}\n")
                            .getBytes(UTF_8));
        }
        return out.toByteArray();
    }

    // ---- retrying rejects ----------------------------------------------------------------------

    @Test
    void retrying_rejects_imports_those_that_now_map_and_keeps_the_rest_unresolved() throws IOException {
        importAll(write("listing.jsonl", LISTING));
        byte[] nowGood = listingLine("2603.40001", "Rejected by an old bug").getBytes(UTF_8);
        byte[] stillBad = listingLine("not-an-id", "Still bad").getBytes(UTF_8);
        byte[] alreadyStored = LISTING.lines().toList().get(1).getBytes(UTF_8);
        long oldRun = runs.start("import old.jsonl");
        db.inTransaction(h -> {
            rejects.add(h, oldRun, new Reject("old.jsonl", 7, "arxiv-listing", "title: missing or empty", nowGood));
            rejects.add(
                    h, oldRun, new Reject("old.jsonl", 8, "arxiv-listing", "a reason from an old version", stillBad));
            rejects.add(
                    h,
                    oldRun,
                    new Reject("old.jsonl", 9, "arxiv-listing", "abstract: missing or empty", alreadyStored));
            return null;
        });
        List<RejectRepository.Stored> before = rejects.ofRun(oldRun);

        Importer.Run retry = importer.retryRejected(ImportListener.NONE);

        assertThat(retry.report().summary()).isEqualTo("imported=1 updated=0 unchanged=1 rejected=1");
        assertThat(retry.report().failures()).isEmpty();
        assertThat(papers.find("2603.40001")).contains(listingPaper("2603.40001", "Rejected by an old bug"));
        assertThat(papers.find("2603.28801")).contains(listed28801());
        assertThat(rejects.countUnresolved()).isEqualTo(1);
        assertThat(rejects.unresolved(0, 10)).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(before.get(1).id());
            assertThat(s.runId()).isEqualTo(oldRun);
            assertThat(s.reject().line()).isEqualTo(8);
            assertThat(s.reject().raw()).isEqualTo(stillBad);
            assertThat(s.reject().reason())
                    .isEqualTo("id: 'not-an-id' not an arXiv id (expected e.g. 2603.28800, "
                            + "2603.28800v2, arXiv:2603.28800, https://arxiv.org/abs/2603.28800 or hep-th/9901001)");
        });
        List<Long> resolvedBy = db.withHandle(
                h -> h.createQuery("SELECT resolved_run_id FROM rejects WHERE resolved_run_id IS NOT NULL ORDER BY id")
                        .mapTo(Long.class)
                        .list());
        assertThat(resolvedBy).containsExactly(retry.id(), retry.id());
        assertThat(runStatus(retry.id())).isEqualTo("ok 1/0/1/1");

        Importer.Run again = importer.retryRejected(ImportListener.NONE);

        assertThat(again.report().summary()).isEqualTo("imported=0 updated=0 unchanged=0 rejected=1");
        assertThat(rejects.countUnresolved()).isEqualTo(1);
        assertThat(papers.count()).isEqualTo(4);
    }

    @Test
    void retrying_with_no_rejects_does_nothing() {
        Importer.Run retry = importer.retryRejected(ImportListener.NONE);

        assertThat(retry.report().summary()).isEqualTo("imported=0 updated=0 unchanged=0 rejected=0");
        assertThat(retry.rejectsFile()).isNull();
        assertThat(runs.count()).isEqualTo(1);
    }

    // ---- export round trip ---------------------------------------------------------------------

    @Test
    void an_export_imports_into_a_fresh_database_as_equal_papers_and_into_the_original_unchanged() throws Exception {
        importAll(
                write("listing.jsonl", LISTING),
                write("daily.json", HF_DAILY),
                write("v1.jsonl", SNAPSHOT_V1),
                write("v2.jsonl", SNAPSHOT_V2),
                write("corpus.jsonl", BEIR_CORPUS));
        List<Paper> original = stored();
        assertThat(original).hasSize(8);
        StringBuilder export = new StringBuilder();
        for (Paper p : original) {
            export.append(JSON.writeValueAsString(PaperboyJsonFormat.toJson(JSON, p)))
                    .append('\n');
        }
        Path file = write("export.jsonl", export.toString());

        Database fresh = open(newDatabaseUrl());
        PaperRepository freshPapers = new PaperRepository(fresh, CLOCK);
        Importer freshImporter = new Importer(
                fresh,
                freshPapers,
                new RejectRepository(fresh, CLOCK),
                new ImportRunRepository(fresh, CLOCK),
                dir.resolve("fresh-rejects"));
        Importer.Run intoFresh = freshImporter.importFiles(List.of(file), null, ImportListener.NONE);

        assertThat(intoFresh.report().summary()).isEqualTo("imported=8 updated=0 unchanged=0 rejected=0");
        assertThat(stored(freshPapers)).containsExactlyElementsOf(original);

        Importer.Run intoOriginal = importAll(file);

        assertThat(intoOriginal.report().summary()).isEqualTo("imported=0 updated=0 unchanged=8 rejected=0");
        assertThat(stored()).containsExactlyElementsOf(original);
    }

    // ---- a damaged first line ------------------------------------------------------------------

    @Test
    void a_damaged_first_line_starting_with_a_bracket_loses_only_that_line() throws Exception {
        Path file = write("bracket.jsonl", "[{\"id\": \"2603.00001\", broken\n" + LISTING);

        Importer.Run run = importAll(file);

        assertThat(run.report().summary()).isEqualTo("imported=3 updated=0 unchanged=0 rejected=1");
        assertThat(rejects.ofRun(run.id())).singleElement().satisfies(s -> {
            assertThat(s.reject().line()).isEqualTo(1);
            assertThat(s.reject().format()).isEqualTo("arxiv-listing");
        });
    }

    @Test
    void a_first_line_of_garbage_does_not_hide_the_records_after_it() throws Exception {
        Path file = write("garbage.jsonl", "%%% not json %%%\n" + LISTING);

        Importer.Run run = importAll(file);

        assertThat(run.report().failures()).isEmpty();
        assertThat(run.report().summary()).isEqualTo("imported=3 updated=0 unchanged=0 rejected=1");
        assertThat(rejects.ofRun(run.id()).get(0).reject().reason()).startsWith("malformed JSON");
    }
}
