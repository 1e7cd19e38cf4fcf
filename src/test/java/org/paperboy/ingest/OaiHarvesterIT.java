package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.ingest.ScriptedHttpServer.Reply;
import org.paperboy.paper.Author;
import org.paperboy.paper.Links;
import org.paperboy.paper.Paper;
import org.paperboy.store.Database;
import org.paperboy.store.HarvestStateRepository;
import org.paperboy.store.ImportRunRepository;
import org.paperboy.store.PaperRepository;
import org.paperboy.store.RejectRepository;

class OaiHarvesterIT {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-03T12:00:00Z"), ZoneOffset.UTC);
    private static final HttpFetcher.Policy FAST = new HttpFetcher.Policy(
            5, Duration.ofMillis(10), Duration.ofMillis(80), Duration.ofMinutes(5), Duration.ofSeconds(5));
    private static final String TOKEN_2 = "6960524|1001";
    private static final String TOKEN_3 = "6960524|2001";
    private static final String FIRST = "verb=ListRecords&metadataPrefix=arXiv&from=2024-05-01&until=2024-05-02&set=cs";
    private static final String SECOND = "verb=ListRecords&resumptionToken=6960524%7C1001";
    private static final String THIRD = "verb=ListRecords&resumptionToken=6960524%7C2001";

    @TempDir
    Path dir;

    private Database db;
    private PaperRepository papers;
    private RejectRepository rejects;
    private ImportRunRepository runs;
    private HarvestStateRepository state;
    private HttpClient http;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private ScriptedHttpServer server;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:sqlite:" + dir.resolve("t.db"));
        papers = new PaperRepository(db, CLOCK);
        rejects = new RejectRepository(db, CLOCK);
        runs = new ImportRunRepository(db, CLOCK);
        state = new HarvestStateRepository(db, CLOCK);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
        http.close();
        db.close();
    }

    private OaiHarvester harvester() {
        return new OaiHarvester(
                db,
                papers,
                rejects,
                runs,
                state,
                new HttpFetcher(http, FAST, waits::add, CLOCK),
                dir.resolve("rejects"),
                CLOCK);
    }

    private URI base() {
        return server.uri("/oai");
    }

    private Importer.Run harvestCs() throws ImportException {
        return harvester()
                .harvest(
                        base(),
                        LocalDate.parse("2024-05-01"),
                        LocalDate.parse("2024-05-02"),
                        "cs",
                        ImportListener.NONE);
    }

    /** Three pages: two records, two records, one record. */
    private static Reply threePages(String query) {
        return switch (query) {
            case FIRST ->
                Reply.ok(page(
                        TOKEN_2,
                        record(
                                "2405.00001",
                                "Lexical and Dense\n   Retrieval, Together",
                                "cs.IR cs.CL",
                                "2024-05-01",
                                "2024-05-02",
                                "Ada",
                                "Lovelace",
                                "Alan Mathison",
                                "Turing"),
                        record("2405.00002", "Second", "cs.CL", "2024-05-01", null, "Grace", "Hopper")));
            case SECOND ->
                Reply.ok(page(
                        TOKEN_3,
                        record("2405.00003", "Third", "cs.LG", "2024-05-01", null, "A", "B"),
                        record("2405.00004", "Fourth", "cs.LG", "2024-05-02", null, "C", "D")));
            case THIRD -> Reply.ok(page("", record("2405.00005", "Fifth", "cs.IR", "2024-05-02", null, "E", "F")));
            default -> Reply.status(404, "unexpected query " + query);
        };
    }

    @Test
    void harvests_three_pages_through_resumption_tokens() throws Exception {
        server = ScriptedHttpServer.start(OaiHarvesterIT::threePages);

        Importer.Run run = harvestCs();

        assertThat(server.requests()).containsExactly("/oai?" + FIRST, "/oai?" + SECOND, "/oai?" + THIRD);
        assertThat(run.report().summary()).isEqualTo("imported=5 updated=0 unchanged=0 rejected=0");
        assertThat(run.report().failures()).isEmpty();
        assertThat(run.rejectsFile()).isNull();
        assertThat(papers.count()).isEqualTo(5);
        assertThat(papers.find("2405.00001"))
                .contains(Paper.builder("2405.00001")
                        .title("Lexical and Dense Retrieval, Together")
                        .abstractText("Abstract of 2405.00001.")
                        .authors(List.of(new Author("Ada Lovelace"), new Author("Alan Mathison Turing")))
                        .categories(List.of("cs.IR", "cs.CL"))
                        .published(LocalDate.parse("2024-05-01"))
                        .updated(LocalDate.parse("2024-05-02"))
                        .listedOn(LocalDate.parse("2024-05-01"))
                        .links(new Links(
                                "https://arxiv.org/abs/2405.00001", "https://arxiv.org/pdf/2405.00001", null, null))
                        .license("http://creativecommons.org/licenses/by/4.0/")
                        .build());
        assertThat(state.find(OaiHarvester.endpoint(base(), "cs")))
                .contains(new HarvestStateRepository.State(
                        base() + "|cs",
                        null,
                        LocalDate.parse("2024-05-01"),
                        LocalDate.parse("2024-05-02"),
                        LocalDate.parse("2024-05-02"),
                        3));
        assertThat(runStatus(run.id())).isEqualTo("ok");
        assertThat(waits).isEmpty();
    }

    @Test
    void waits_as_long_as_retry_after_says_on_a_503_and_then_succeeds() throws Exception {
        int[] calls = {0};
        server = ScriptedHttpServer.start(q -> ++calls[0] == 1
                ? Reply.status(503, "Retry after 1 second", "Retry-After", "1")
                : Reply.ok(page("", record("2405.00001", "Only", "cs.IR", "2024-05-01", null, "Ada", "Lovelace"))));

        Importer.Run run = harvestCs();

        assertThat(waits).containsExactly(Duration.ofSeconds(1));
        assertThat(server.requests()).containsExactly("/oai?" + FIRST, "/oai?" + FIRST);
        assertThat(run.report().summary()).isEqualTo("imported=1 updated=0 unchanged=0 rejected=0");
    }

    @Test
    void reads_retry_after_as_an_http_date_and_caps_a_long_one_at_five_minutes() throws Exception {
        int[] calls = {0};
        server = ScriptedHttpServer.start(q -> switch (++calls[0]) {
            case 1 -> Reply.status(503, "", "Retry-After", "Fri, 03 May 2024 12:00:30 GMT");
            case 2 -> Reply.status(503, "", "Retry-After", "86400");
            default -> Reply.ok(page("", record("2405.00001", "Only", "cs.IR", "2024-05-01", null, "Ada", "Lovelace")));
        });

        harvestCs();

        assertThat(waits).containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    @Test
    void resumes_at_the_saved_token_after_a_crash() throws Exception {
        server = ScriptedHttpServer.start(q -> q.equals(FIRST) ? threePages(q) : Reply.status(500, "overloaded"));

        assertThatThrownBy(this::harvestCs)
                .isInstanceOf(ImportException.class)
                .hasMessage("GET " + base() + "?" + SECOND + " answered HTTP 500: overloaded (6 attempts); "
                        + "the pages before it are stored and the next harvest resumes at this page");
        assertThat(server.requests()).hasSize(7);
        assertThat(waits).hasSize(5);
        for (int i = 0; i < waits.size(); i++) {
            long full = Math.min(10L << i, 80);
            assertThat(waits.get(i).toMillis()).isBetween(full / 2, full);
        }
        assertThat(papers.count()).isEqualTo(2);
        assertThat(state.find(base() + "|cs").orElseThrow().resumptionToken()).isEqualTo(TOKEN_2);
        assertThat(latestRunStatus()).isEqualTo("failed");

        server.script(OaiHarvesterIT::threePages);
        server.forget();
        Importer.Run resumed = harvestCs();

        assertThat(server.requests()).containsExactly("/oai?" + SECOND, "/oai?" + THIRD);
        assertThat(resumed.report().summary()).isEqualTo("imported=3 updated=0 unchanged=0 rejected=0");
        assertThat(papers.count()).isEqualTo(5);
        HarvestStateRepository.State done = state.find(base() + "|cs").orElseThrow();
        assertThat(done.resumptionToken()).isNull();
        assertThat(done.harvestedUntil()).isEqualTo(LocalDate.parse("2024-05-02"));
        assertThat(done.pages()).isEqualTo(3);
    }

    @Test
    void starts_the_next_harvest_where_the_last_complete_one_ended() throws Exception {
        server = ScriptedHttpServer.start(
                q -> Reply.ok(page("", record("2405.00001", "Only", "cs.IR", "2024-05-01", null, "Ada", "Lovelace"))));
        harvester().harvest(base(), LocalDate.parse("2024-05-01"), null, null, ImportListener.NONE);
        // No until: the harvest covered up to the day of the server's responseDate.
        assertThat(state.find(base() + "|").orElseThrow().harvestedUntil()).isEqualTo(LocalDate.parse("2024-05-03"));

        Importer.Run second = harvester().harvest(base(), null, null, null, ImportListener.NONE);

        assertThat(server.requests())
                .containsExactly(
                        "/oai?verb=ListRecords&metadataPrefix=arXiv&from=2024-05-01",
                        "/oai?verb=ListRecords&metadataPrefix=arXiv&from=2024-05-03");
        assertThat(second.report().summary()).isEqualTo("imported=0 updated=0 unchanged=1 rejected=0");
    }

    @Test
    void treats_no_records_match_as_an_empty_harvest() throws Exception {
        server = ScriptedHttpServer.start(q -> Reply.ok(error("noRecordsMatch", "No records match the request")));

        Importer.Run run = harvestCs();

        assertThat(run.report().summary()).isEqualTo("imported=0 updated=0 unchanged=0 rejected=0");
        assertThat(run.report().failures()).isEmpty();
        assertThat(state.find(base() + "|cs").orElseThrow().harvestedUntil()).isEqualTo(LocalDate.parse("2024-05-02"));
    }

    @Test
    void fails_on_a_bad_resumption_token_and_drops_it() throws Exception {
        server = ScriptedHttpServer.start(q -> q.equals(FIRST)
                ? threePages(q)
                : Reply.ok(error("badResumptionToken", "The resumptionToken is invalid or expired")));

        assertThatThrownBy(this::harvestCs)
                .isInstanceOf(ImportException.class)
                .hasMessage(base() + "?" + SECOND + ": OAI-PMH error badResumptionToken: The resumptionToken is "
                        + "invalid or expired; the token was dropped, so the next harvest starts this range again "
                        + "(already stored papers count as unchanged)");
        assertThat(papers.count()).isEqualTo(2);
        HarvestStateRepository.State s = state.find(base() + "|cs").orElseThrow();
        assertThat(s.resumptionToken()).isNull();
        assertThat(s.harvestedUntil()).isNull();
    }

    @Test
    void fails_on_any_other_oai_error_naming_the_url_and_code() throws Exception {
        server = ScriptedHttpServer.start(q -> Reply.ok(error("cannotDisseminateFormat", "arXiv is not supported")));

        assertThatThrownBy(this::harvestCs)
                .isInstanceOf(ImportException.class)
                .hasMessage(base() + "?" + FIRST + ": OAI-PMH error cannotDisseminateFormat: arXiv is not supported; "
                        + "nothing was stored");
        assertThat(state.find(base() + "|cs")).isEmpty();
    }

    @Test
    void fails_at_once_on_a_client_error() throws Exception {
        server = ScriptedHttpServer.start(q -> Reply.status(404, "no OAI here"));

        assertThatThrownBy(this::harvestCs)
                .isInstanceOf(ImportException.class)
                .hasMessage("GET " + base() + "?" + FIRST + " answered HTTP 404: no OAI here; nothing was stored");
        assertThat(server.requests()).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void fails_on_a_truncated_page_instead_of_ending_the_list_early() throws Exception {
        String whole = page(TOKEN_2, record("2405.00001", "Only", "cs.IR", "2024-05-01", null, "Ada", "Lovelace"));
        server = ScriptedHttpServer.start(q -> Reply.ok(whole.substring(0, whole.indexOf("</record>") + 9)));

        assertThatThrownBy(this::harvestCs)
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith(base() + "?" + FIRST + ": malformed XML at line ")
                .hasMessageEndingWith("; nothing from this page was stored");
        assertThat(papers.count()).isZero();
    }

    @Test
    void rejects_a_record_without_a_title_and_keeps_the_rest_of_the_page() throws Exception {
        String body = page(
                "",
                record("2405.00001", "First", "cs.IR", "2024-05-01", null, "Ada", "Lovelace"),
                record("2405.00002", null, "cs.IR", "2024-05-01", null, "Grace", "Hopper"),
                record("2405.00003", "Third", "cs.IR", "2024-05-01", null, "Alan", "Turing"));
        server = ScriptedHttpServer.start(q -> Reply.ok(body));

        Importer.Run run = harvestCs();

        assertThat(run.report().summary()).isEqualTo("imported=2 updated=0 unchanged=0 rejected=1");
        assertThat(papers.find("2405.00001")).isPresent();
        assertThat(papers.find("2405.00002")).isEmpty();
        assertThat(papers.find("2405.00003")).isPresent();
        List<RejectRepository.Stored> stored = rejects.ofRun(run.id());
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).reject().source()).isEqualTo(base() + "?" + FIRST);
        assertThat(stored.get(0).reject().line()).isEqualTo(lineOf(body, "<record>", 2));
        assertThat(stored.get(0).reject().format()).isEqualTo("oai");
        assertThat(stored.get(0).reject().reason()).isEqualTo("title: missing or empty");
        assertThat(stored.get(0).reject().rawText()).contains("<id>2405.00002</id>");
        assertThat(run.rejectsFile()).isEqualTo(dir.resolve("rejects").resolve("run-" + run.id() + ".jsonl"));
        assertThat(Files.readAllLines(run.rejectsFile())).hasSize(1);
    }

    @Test
    void counts_a_deleted_record_as_unchanged() throws Exception {
        String deleted = """
                <record><header status="deleted"><identifier>oai:arXiv.org:2405.00009</identifier>\
                <datestamp>2024-05-02</datestamp><setSpec>cs</setSpec></header></record>""";
        server = ScriptedHttpServer.start(q -> Reply.ok(
                page("", record("2405.00001", "Only", "cs.IR", "2024-05-01", null, "Ada", "Lovelace"), deleted)));

        Importer.Run run = harvestCs();

        assertThat(run.report().summary()).isEqualTo("imported=1 updated=0 unchanged=1 rejected=0");
        assertThat(papers.count()).isEqualTo(1);
    }

    private String runStatus(long id) {
        return db.withHandle(h -> h.createQuery("SELECT status FROM import_runs WHERE id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .one());
    }

    private String latestRunStatus() {
        return db.withHandle(h -> h.createQuery("SELECT status FROM import_runs ORDER BY id DESC LIMIT 1")
                .mapTo(String.class)
                .one());
    }

    /** The 1-based line of the {@code nth} occurrence of {@code marker} in {@code text}. */
    private static long lineOf(String text, String marker, int nth) {
        int at = -1;
        for (int i = 0; i < nth; i++) {
            at = text.indexOf(marker, at + 1);
        }
        return text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    private static String page(String token, String... records) {
        String tokenElement = token.isEmpty()
                ? "<resumptionToken cursor=\"2000\" completeListSize=\"2001\"/>"
                : "<resumptionToken cursor=\"0\" completeListSize=\"2001\">" + token + "</resumptionToken>";
        return envelope("<ListRecords>\n" + String.join("\n", records) + "\n" + tokenElement + "\n</ListRecords>");
    }

    private static String error(String code, String message) {
        return envelope("<error code=\"" + code + "\">" + message + "</error>");
    }

    private static String envelope(String content) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
                <responseDate>2024-05-03T10:00:00Z</responseDate>
                <request verb="ListRecords" metadataPrefix="arXiv">http://export.arxiv.org/oai2</request>
                %s
                </OAI-PMH>
                """.formatted(content);
    }

    /** An arXiv-format record; {@code names} are forenames and keyname pairs; a null title leaves it out. */
    private static String record(
            String id, String title, String categories, String created, String updated, String... names) {
        StringBuilder authors = new StringBuilder();
        for (int i = 0; i < names.length; i += 2) {
            authors.append("<author><keyname>")
                    .append(names[i + 1])
                    .append("</keyname><forenames>")
                    .append(names[i])
                    .append("</forenames></author>");
        }
        return """
                <record>
                <header><identifier>oai:arXiv.org:%1$s</identifier><datestamp>2024-05-02</datestamp>\
                <setSpec>cs</setSpec></header>
                <metadata>
                <arXiv xmlns="http://arxiv.org/OAI/arXiv/">
                <id>%1$s</id><created>%2$s</created>%3$s
                <authors>%4$s</authors>
                %5$s<categories>%6$s</categories>
                <license>http://creativecommons.org/licenses/by/4.0/</license>
                <abstract>  Abstract of
                  %1$s.</abstract>
                </arXiv>
                </metadata>
                </record>""".formatted(
                        id,
                        created,
                        updated == null ? "" : "<updated>" + updated + "</updated>",
                        authors,
                        title == null ? "" : "<title>" + title + "</title>",
                        categories);
    }
}
