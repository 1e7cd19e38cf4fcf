package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
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
import org.paperboy.ingest.PaperSubmitter.Submitted;
import org.paperboy.ingest.PaperSubmitter.UnknownPaperException;
import org.paperboy.ingest.ScriptedHttpServer.Reply;
import org.paperboy.paper.Author;
import org.paperboy.paper.InvalidRecordException;
import org.paperboy.paper.Links;
import org.paperboy.paper.Paper;
import org.paperboy.store.Database;
import org.paperboy.store.PaperRepository;

class PaperSubmitterIT {

    private static final Instant NOW = Instant.parse("2026-07-02T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final HttpFetcher.Policy SLOW = new HttpFetcher.Policy(
            5, Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(300), Duration.ofSeconds(60));

    @TempDir
    Path dir;

    private Database db;
    private PaperRepository papers;
    private HttpClient http;
    private ScriptedHttpServer server;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        db = Database.open(Database.sqliteUrl(dir));
        papers = new PaperRepository(db, CLOCK);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
        http.close();
        db.close();
    }

    /** A submitter whose client starts with a harvest's patience, to show the submitter shortens it. */
    private PaperSubmitter submitter(URI api) {
        return new PaperSubmitter(
                new ArxivClient(new HttpFetcher(http, SLOW, waits::add, CLOCK), api), db, papers, CLOCK);
    }

    private PaperSubmitter submitterOf(ScriptedHttpServer s) {
        return submitter(s.uri("/api"));
    }

    @Test
    void adds_a_new_paper_to_todays_feed() throws Exception {
        server = ScriptedHttpServer.start(q -> Reply.ok(feed(ENTRY)));

        Submitted s = submitterOf(server).submit("2607.01234");

        assertThat(s).isEqualTo(new Submitted("2607.01234", true));
        assertThat(server.requests()).containsExactly("/api/query?id_list=2607.01234&max_results=1");
        assertThat(papers.find("2607.01234")).hasValue(EXPECTED);
    }

    @Test
    void accepts_abs_and_pdf_urls_with_versions() throws Exception {
        server = ScriptedHttpServer.start(q -> Reply.ok(feed(ENTRY)));

        Submitted s = submitterOf(server).submit(" https://arxiv.org/pdf/2607.01234v2 ");
        Submitted again = submitterOf(server).submit("https://arxiv.org/abs/2607.01234");

        assertThat(s).isEqualTo(new Submitted("2607.01234", true));
        assertThat(again).isEqualTo(new Submitted("2607.01234", false));
        assertThat(server.requests())
                .containsExactly(
                        "/api/query?id_list=2607.01234v2&max_results=1", "/api/query?id_list=2607.01234&max_results=1");
    }

    @Test
    void merges_a_known_paper_and_keeps_its_first_listed_day_upvotes_and_code_link() throws Exception {
        Paper known = Paper.builder("2607.01234")
                .version(1)
                .title("An older title")
                .abstractText("An older abstract.")
                .authors(List.of(new Author("Ada Lovelace")))
                .listedOn(LocalDate.of(2026, 6, 29))
                .links(new Links(null, null, "https://github.com/example/fusion", null))
                .upvotes(7)
                .build();
        insert(known);
        server = ScriptedHttpServer.start(q -> Reply.ok(feed(ENTRY)));

        Submitted s = submitterOf(server).submit("arXiv:2607.01234");

        assertThat(s).isEqualTo(new Submitted("2607.01234", false));
        assertThat(papers.find("2607.01234"))
                .hasValue(EXPECTED.toBuilder()
                        .listedOn(LocalDate.of(2026, 6, 29))
                        .links(new Links(
                                "https://arxiv.org/abs/2607.01234v2",
                                "https://arxiv.org/pdf/2607.01234v2",
                                "https://github.com/example/fusion",
                                null))
                        .upvotes(7)
                        .build());
    }

    @Test
    void does_not_rewrite_a_known_paper_that_arxiv_has_not_changed() throws Exception {
        insert(EXPECTED);
        server = ScriptedHttpServer.start(q -> Reply.ok(feed(ENTRY)));
        PaperRepository later = new PaperRepository(db, Clock.offset(CLOCK, Duration.ofHours(1)));

        Submitted s = new PaperSubmitter(
                        new ArxivClient(new HttpFetcher(http, SLOW, waits::add, CLOCK), server.uri("/api")),
                        db,
                        later,
                        CLOCK)
                .submit("2607.01234");

        assertThat(s).isEqualTo(new Submitted("2607.01234", false));
        assertThat(changedAt("2607.01234")).isEqualTo(NOW.toString());
    }

    @Test
    void refuses_an_id_arxiv_does_not_have_and_stores_nothing() throws Exception {
        server = ScriptedHttpServer.start(q -> Reply.ok(feed()));

        assertThatThrownBy(() -> submitterOf(server).submit("2607.99999"))
                .isInstanceOf(UnknownPaperException.class)
                .hasMessage("arXiv has no paper 2607.99999");
        assertThat(papers.count()).isZero();
    }

    @Test
    void refuses_a_version_arxiv_does_not_have() throws Exception {
        server = ScriptedHttpServer.start(q -> Reply.ok(feed(ENTRY)));

        assertThatThrownBy(() -> submitterOf(server).submit("2607.01234v9"))
                .isInstanceOf(UnknownPaperException.class)
                .hasMessage("arXiv has no paper 2607.01234v9");
        assertThat(papers.count()).isZero();
    }

    @Test
    void treats_an_api_error_entry_as_an_unknown_paper() throws Exception {
        server = ScriptedHttpServer.start(q -> Reply.ok(feed("""
                <entry>
                  <id>http://arxiv.org/api/errors#incorrect_id_format_for_2607.01234</id>
                  <title>Error</title>
                  <summary>incorrect id format for 2607.01234</summary>
                  <updated>2026-07-02T00:00:00-04:00</updated>
                </entry>""")));

        assertThatThrownBy(() -> submitterOf(server).submit("2607.01234"))
                .isInstanceOf(UnknownPaperException.class)
                .hasMessage("arXiv has no paper 2607.01234");
    }

    @Test
    void refuses_text_that_is_not_an_arxiv_id_without_asking_arxiv() throws Exception {
        server = ScriptedHttpServer.start(q -> Reply.ok(feed(ENTRY)));

        assertThatThrownBy(() -> submitterOf(server).submit("not a paper"))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("id: 'not a paper' not an arXiv id (expected e.g. 2603.28800, 2603.28800v2, "
                        + "arXiv:2603.28800, https://arxiv.org/abs/2603.28800 or hep-th/9901001)");
        assertThatThrownBy(() -> submitterOf(server).submit(""))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("id: empty arXiv id");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void fails_fast_when_arxiv_is_down_and_stores_nothing() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        URI api = URI.create("http://127.0.0.1:" + port + "/api");

        assertThatThrownBy(() -> submitter(api).submit("2607.01234"))
                .isInstanceOf(ArxivApiException.class)
                .hasMessage("arXiv API at " + api + " unreachable: GET " + api
                        + "/query?id_list=2607.01234&max_results=1 failed: ConnectException: connection refused "
                        + "(2 attempts)");
        assertThat(waits).hasSize(1);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(papers.count()).isZero();
    }

    @Test
    void fails_when_arxiv_answers_500_and_stores_nothing() throws Exception {
        server = ScriptedHttpServer.start(q -> Reply.status(500, "internal error"));
        URI api = server.uri("/api");

        assertThatThrownBy(() -> submitter(api).submit("2607.01234"))
                .isInstanceOf(ArxivApiException.class)
                .hasMessage("arXiv API at " + api + " failed: GET " + api
                        + "/query?id_list=2607.01234&max_results=1 answered HTTP 500: internal error (2 attempts)");
        assertThat(server.requests()).hasSize(2);
        assertThat(papers.count()).isZero();
    }

    @Test
    void waits_at_most_two_seconds_for_a_busy_arxiv_then_gives_up() throws Exception {
        server = ScriptedHttpServer.start(q -> Reply.status(503, "busy", "Retry-After", "120"));
        URI api = server.uri("/api");

        assertThatThrownBy(() -> submitter(api).submit("2607.01234"))
                .isInstanceOf(ArxivApiException.class)
                .hasMessage("arXiv API at " + api + " failed: GET " + api
                        + "/query?id_list=2607.01234&max_results=1 answered HTTP 503: busy (2 attempts)");
        assertThat(waits).containsExactly(Duration.ofSeconds(2));
        assertThat(papers.count()).isZero();
    }

    @Test
    void fails_when_arxiv_sends_a_record_that_cannot_be_read() throws Exception {
        server = ScriptedHttpServer.start(q -> Reply.ok(
                feed(ENTRY.replace("<title>Fusion of Lexical and Dense Retrieval</title>", "<title> </title>"))));
        URI api = server.uri("/api");

        assertThatThrownBy(() -> submitter(api).submit("2607.01234"))
                .isInstanceOf(ArxivApiException.class)
                .hasMessage("arXiv's record of 2607.01234 cannot be read: 2607.01234v2: title: missing or empty");
        assertThat(papers.count()).isZero();
    }

    @Test
    void stores_the_same_paper_once_when_it_is_submitted_twice_at_the_same_time() throws Exception {
        server = ScriptedHttpServer.start(q -> Reply.ok(feed(ENTRY)));
        PaperSubmitter submitter = submitterOf(server);
        List<Submitted> results = new CopyOnWriteArrayList<>();
        List<Thread> threads = List.of(
                Thread.ofVirtual().unstarted(() -> results.add(submitQuietly(submitter))),
                Thread.ofVirtual().unstarted(() -> results.add(submitQuietly(submitter))));
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }

        assertThat(results)
                .containsExactlyInAnyOrder(new Submitted("2607.01234", true), new Submitted("2607.01234", false));
        assertThat(papers.count()).isEqualTo(1);
    }

    private static Submitted submitQuietly(PaperSubmitter submitter) {
        try {
            return submitter.submit("2607.01234");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void insert(Paper p) {
        db.inTransaction(h -> {
            papers.insertAll(h, List.of(p));
            return null;
        });
    }

    private String changedAt(String id) {
        return db.withHandle(h -> h.createQuery("SELECT changed_at FROM papers WHERE id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .one());
    }

    private static final Paper EXPECTED = Paper.builder("2607.01234")
            .version(2)
            .title("Fusion of Lexical and Dense Retrieval")
            .abstractText("We fuse BM25 with a dense retriever.")
            .authors(List.of(new Author("Ada Lovelace"), new Author("Alan Turing")))
            .categories(List.of("cs.IR", "cs.CL"))
            .published(LocalDate.of(2026, 6, 30))
            .updated(LocalDate.of(2026, 7, 1))
            .listedOn(LocalDate.of(2026, 7, 2))
            .links(new Links("https://arxiv.org/abs/2607.01234v2", "https://arxiv.org/pdf/2607.01234v2", null, null))
            .build();

    private static final String ENTRY = """
            <entry>
              <id>http://arxiv.org/abs/2607.01234v2</id>
              <updated>2026-07-01T10:00:00Z</updated>
              <published>2026-06-30T17:59:59Z</published>
              <title>Fusion of Lexical and Dense Retrieval</title>
              <summary>We fuse BM25 with a dense retriever.</summary>
              <author><name>Ada Lovelace</name></author>
              <author><name>Alan Turing</name></author>
              <link href="http://arxiv.org/abs/2607.01234v2" rel="alternate" type="text/html"/>
              <link title="pdf" href="http://arxiv.org/pdf/2607.01234v2" rel="related" type="application/pdf"/>
              <arxiv:primary_category term="cs.IR" scheme="http://arxiv.org/schemas/atom"/>
              <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
            </entry>""";

    private static String feed(String... entries) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
                  <title type="html">ArXiv Query</title>
                  <id>http://arxiv.org/api/query-id</id>
                  <updated>2026-07-02T00:00:00-04:00</updated>
                %s
                </feed>
                """.formatted(String.join("\n", entries));
    }
}
