package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.paperboy.ingest.ScriptedHttpServer.Reply;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Links;
import org.paperboy.paper.Paper;

class ArxivClientIT {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-03T12:00:00Z"), ZoneOffset.UTC);
    private static final HttpFetcher.Policy FAST = new HttpFetcher.Policy(
            2, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofMinutes(5), Duration.ofSeconds(5));

    private HttpClient http;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private ScriptedHttpServer server;

    @BeforeEach
    void open() {
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
        http.close();
    }

    private ArxivClient client(URI apiBase) {
        return new ArxivClient(new HttpFetcher(http, FAST, waits::add, CLOCK), apiBase);
    }

    @Test
    void maps_the_entries_of_the_ids_found() throws Exception {
        server = ScriptedHttpServer.start(q -> Reply.ok(feed(ENTRY_1, ENTRY_2)));

        ArxivClient.Result result = client(server.uri("/api"))
                .fetch(List.of(ArxivId.parse("2405.00001v2"), ArxivId.parse("arXiv:2405.00002")));

        assertThat(server.requests()).containsExactly("/api/query?id_list=2405.00001v2,2405.00002&max_results=2");
        assertThat(result.found())
                .containsExactly(
                        Paper.builder("2405.00001")
                                .version(2)
                                .title("Lexical and Dense Retrieval, Together")
                                .abstractText("We combine BM25 with a dense retriever.")
                                .authorNames(List.of("Ada Lovelace", "Alan Turing"))
                                .categories(List.of("cs.IR", "cs.CL"))
                                .published(LocalDate.parse("2024-05-01"))
                                .updated(LocalDate.parse("2024-05-02"))
                                .listedOn(LocalDate.parse("2024-05-01"))
                                .links(new Links(
                                        "https://arxiv.org/abs/2405.00001v2",
                                        "https://arxiv.org/pdf/2405.00001v2",
                                        null,
                                        null))
                                .comment("12 pages, 3 figures")
                                .build(),
                        Paper.builder("2405.00002")
                                .version(1)
                                .title("Quantized Vectors")
                                .abstractText("Int8 vectors with exact re-ranking.")
                                .authorNames(List.of("Grace Hopper"))
                                .categories(List.of("cs.LG"))
                                .published(LocalDate.parse("2024-05-01"))
                                .updated(LocalDate.parse("2024-05-01"))
                                .listedOn(LocalDate.parse("2024-05-01"))
                                .links(new Links(
                                        "https://arxiv.org/abs/2405.00002v1",
                                        "https://arxiv.org/pdf/2405.00002v1",
                                        null,
                                        null))
                                .build());
        assertThat(result.missing()).isEmpty();
        assertThat(result.errors()).isEmpty();
        assertThat(waits).isEmpty();
    }

    @Test
    void reports_an_id_without_an_entry_as_missing() throws Exception {
        server = ScriptedHttpServer.start(q -> Reply.ok(feed(ENTRY_1)));

        ArxivClient.Result result =
                client(server.uri("/api")).fetch(List.of(ArxivId.parse("2405.00001"), ArxivId.parse("2405.99999")));

        assertThat(result.found()).extracting(Paper::id).containsExactly("2405.00001");
        assertThat(result.missing()).containsExactly("2405.99999");
        assertThat(result.errors()).isEmpty();
    }

    @Test
    void reports_an_entry_of_another_version_as_missing() throws Exception {
        server = ScriptedHttpServer.start(q -> Reply.ok(feed(ENTRY_1)));

        ArxivClient.Result result = client(server.uri("/api")).fetch(List.of(ArxivId.parse("2405.00001v1")));

        assertThat(result.missing()).containsExactly("2405.00001v1");
    }

    @Test
    void reports_an_api_error_entry_as_an_error() throws Exception {
        server = ScriptedHttpServer.start(q -> Reply.ok(feed("""
                <entry>
                  <id>http://arxiv.org/api/errors#incorrect_id_format_for_2405.00003</id>
                  <title>Error</title>
                  <summary>incorrect id format for 2405.00003</summary>
                  <updated>2024-05-03T00:00:00-04:00</updated>
                  <link href="http://arxiv.org/api/errors#incorrect_id_format_for_2405.00003" rel="alternate" \
                type="text/html"/>
                  <author><name>arXiv api core</name></author>
                </entry>""")));

        ArxivClient.Result result = client(server.uri("/api")).fetch(List.of(ArxivId.parse("2405.00003")));

        assertThat(result.found()).isEmpty();
        assertThat(result.errors())
                .containsExactly("http://arxiv.org/api/errors#incorrect_id_format_for_2405.00003: "
                        + "id: arXiv API error: incorrect id format for 2405.00003");
        assertThat(result.missing()).containsExactly("2405.00003");
    }

    @Test
    void asks_for_at_most_a_hundred_ids_at_a_time_three_seconds_apart() throws Exception {
        server = ScriptedHttpServer.start(q -> Reply.ok(feed()));
        List<ArxivId> ids = new ArrayList<>();
        for (int i = 1; i <= 150; i++) {
            ids.add(ArxivId.parse("2405.%05d".formatted(i)));
        }

        ArxivClient.Result result = client(server.uri("/api")).fetch(ids);

        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests().get(0))
                .startsWith("/api/query?id_list=2405.00001,2405.00002,")
                .endsWith(",2405.00100&max_results=100");
        assertThat(server.requests().get(1))
                .startsWith("/api/query?id_list=2405.00101,")
                .endsWith(",2405.00150&max_results=50");
        assertThat(waits).containsExactly(Duration.ofSeconds(3));
        assertThat(result.missing()).hasSize(150);
    }

    @Test
    void fails_with_a_clear_message_when_the_api_is_unreachable() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        URI api = URI.create("http://127.0.0.1:" + port + "/api");

        assertThatThrownBy(() -> client(api).fetch(List.of(ArxivId.parse("2405.00001"))))
                .isInstanceOf(ArxivApiException.class)
                .hasMessage("arXiv API at " + api + " unreachable: GET " + api
                        + "/query?id_list=2405.00001&max_results=1 failed: ConnectException: connection refused "
                        + "(3 attempts)");
        assertThat(waits).hasSize(2);
    }

    @Test
    void fails_when_the_api_answers_an_http_error() throws Exception {
        server = ScriptedHttpServer.start(q -> Reply.status(400, "bad query"));
        URI api = server.uri("/api");

        assertThatThrownBy(() -> client(api).fetch(List.of(ArxivId.parse("2405.00001"))))
                .isInstanceOf(ArxivApiException.class)
                .hasMessage("arXiv API at " + api + " failed: GET " + api
                        + "/query?id_list=2405.00001&max_results=1 answered HTTP 400: bad query");
    }

    private static final String ENTRY_1 = """
            <entry>
              <id>http://arxiv.org/abs/2405.00001v2</id>
              <updated>2024-05-02T17:59:59Z</updated>
              <published>2024-05-01T17:59:59Z</published>
              <title>Lexical and Dense
                Retrieval,  Together</title>
              <summary>  We combine BM25
              with a dense retriever.
              </summary>
              <author><name>Ada Lovelace</name></author>
              <author><name>Alan Turing</name><arxiv:affiliation>Bletchley</arxiv:affiliation></author>
              <arxiv:comment>12 pages, 3 figures</arxiv:comment>
              <link href="http://arxiv.org/abs/2405.00001v2" rel="alternate" type="text/html"/>
              <link title="pdf" href="http://arxiv.org/pdf/2405.00001v2" rel="related" type="application/pdf"/>
              <arxiv:primary_category term="cs.IR" scheme="http://arxiv.org/schemas/atom"/>
              <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
              <category term="cs.IR" scheme="http://arxiv.org/schemas/atom"/>
            </entry>""";

    private static final String ENTRY_2 = """
            <entry>
              <id>http://arxiv.org/abs/2405.00002v1</id>
              <updated>2024-05-01T09:00:00Z</updated>
              <published>2024-05-01T09:00:00Z</published>
              <title>Quantized Vectors</title>
              <summary>Int8 vectors with exact re-ranking.</summary>
              <author><name>Grace Hopper</name></author>
              <link href="http://arxiv.org/abs/2405.00002v1" rel="alternate" type="text/html"/>
              <link title="pdf" href="http://arxiv.org/pdf/2405.00002v1" rel="related" type="application/pdf"/>
              <arxiv:primary_category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
              <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
            </entry>""";

    private static String feed(String... entries) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" \
                xmlns:arxiv="http://arxiv.org/schemas/atom">
                  <link href="http://arxiv.org/api/query" rel="self" type="application/atom+xml"/>
                  <title type="html">ArXiv Query</title>
                  <id>http://arxiv.org/api/query-id</id>
                  <updated>2024-05-03T00:00:00-04:00</updated>
                  <opensearch:totalResults>%d</opensearch:totalResults>
                %s
                </feed>
                """.formatted(entries.length, String.join("\n", entries));
    }
}
