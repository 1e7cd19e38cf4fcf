package org.paperboy.search.solr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.cli.ServeProcess;
import org.paperboy.paper.Paper;
import org.paperboy.sources.FakeHfUpstream;
import org.paperboy.store.Database;
import org.paperboy.store.PaperRepository;
import org.paperboy.store.Subscription;
import org.paperboy.store.SubscriptionRepository;
import org.paperboy.store.TestPostgres;
import org.paperboy.store.UserRepository;
import org.paperboy.web.FakeArxiv;

/**
 * Two real {@code serve} processes on one PostgreSQL and one SolrCloud (2 nodes, 2 shards of 2
 * replicas): a paper submitted on node A is found by a search on node B; the scheduled source and
 * the day's digests run once across both; both report the cluster on {@code /health} and
 * {@code /metrics}.
 */
class TwoNodesIT {

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void two_nodes_share_submissions_searches_sources_and_digests() throws Exception {
        try (SolrClusterProcess cluster = SolrClusterProcess.start(dir.resolve("solr"), 2);
                TestPostgres postgres = TestPostgres.start();
                FakeHfUpstream hf = new FakeHfUpstream();
                FakeArxiv arxiv = new FakeArxiv()
                        .knows("2607.04321", "Lattice Origami for Sparse Retrieval", "We fold lattices.");
                HttpClient http = HttpClient.newHttpClient()) {
            hf.day(TODAY, FakeHfUpstream.items(TODAY, 3));
            String url = postgres.newDatabaseUrl();
            String token;
            Subscription subscription;
            try (Database db = Database.open(url)) {
                // Yesterday's papers, for the digest that goes out today; a reader subscribed to it; a bot's API token.
                List<Paper> yesterday = new ArrayList<>();
                for (int i = 1; i <= 3; i++) {
                    yesterday.add(Paper.builder("2607.0000" + i)
                            .version(1)
                            .title("Yesterday's paper number " + i)
                            .abstractText("A paper listed yesterday about graph kernels, number " + i + ".")
                            .categories(List.of("cs.LG"))
                            .listedOn(TODAY.minusDays(1))
                            .build());
                }
                PaperRepository papers = new PaperRepository(db, Clock.systemUTC());
                db.transaction(tx -> {
                    papers.insertAll(tx, yesterday);
                    return null;
                });
                subscription = new SubscriptionRepository(db, Clock.systemUTC())
                        .activate(new Subscription.Settings(
                                "reader@example.org", Subscription.Frequency.DAILY, true, List.of(), List.of()));
                UserRepository users = new UserRepository(db, Clock.systemUTC());
                token = users.newApiToken(users.signIn("bot@example.org").id());
            }
            Map<String, String> env = new HashMap<>(Map.of(
                    "PAPERBOY_DB", url,
                    "PAPERBOY_SOLR_ZK", cluster.zk(),
                    "PAPERBOY_SOLR_COLLECTION", "papers",
                    "PAPERBOY_SOLR_SHARDS", "2",
                    "PAPERBOY_SOLR_REPLICAS", "2",
                    "PAPERBOY_SOURCES", "hf-daily",
                    "PAPERBOY_HF_ENDPOINT", hf.endpoint().toString(),
                    "PAPERBOY_SOURCES_BACKFILL_DAYS", "0",
                    "PAPERBOY_ARXIV_API_URL", arxiv.api().toString(),
                    "PAPERBOY_DIGEST_TIME", "00:00"));
            env.put("PAPERBOY_SMTP_HOST", "127.0.0.1");
            env.put("PAPERBOY_SMTP_PORT", Integer.toString(greenMail.getSmtp().getPort()));
            try (ServeProcess a = ServeProcess.start(dir, dir.resolve("a"), env, "a");
                    ServeProcess b = ServeProcess.start(dir, dir.resolve("b"), env, "b")) {
                String baseA = a.baseUrl();
                String baseB = b.baseUrl();

                HttpResponse<String> submitted = http.send(
                        HttpRequest.newBuilder(URI.create(baseA + "api/papers/index"))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"arxivId\":\"2607.04321\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
                String found = await(
                        "node B finds the paper submitted on node A",
                        () -> get(http, baseB + "api/papers/search?q=lattice+origami&mode=bm25"),
                        body -> body.contains("2607.04321"),
                        a,
                        b);
                assertThat(found).contains("Lattice Origami for Sparse Retrieval");
                await(
                        "node B's hybrid search has the paper's vector too",
                        () -> get(http, baseB + "api/papers/search?q=folding+lattices"),
                        body -> body.contains("2607.04321"),
                        a,
                        b);

                // The source ran at start on whichever node took its lock first; the other found it not due.
                String today = await(
                        "today's papers from the scheduled source",
                        () -> get(http, baseB + "api/daily_papers?date=" + TODAY),
                        body -> body.contains("\"title\":\"Paper "),
                        a,
                        b);
                assertThat(JSON.readTree(today))
                        .as("three from the source, one submitted")
                        .hasSize(4);
                // The day's digest: sent once, by one node, whichever was ready first.
                await(
                        "the reader's digest",
                        () -> Integer.toString(greenMail.getReceivedMessages().length),
                        n -> !n.equals("0"),
                        a,
                        b);
                Thread.sleep(6_000); // time for the other node to run the day's digests too, were it to

                for (String base : List.of(baseA, baseB)) {
                    JsonNode health = JSON.readTree(get(http, base + "health"));
                    assertThat(health.path("status").asText())
                            .as(health.toString())
                            .isEqualTo("ok");
                    JsonNode search = health.path("search");
                    assertThat(search.path("backend").asText()).isEqualTo("solr");
                    assertThat(search.path("liveNodes")).hasSize(2);
                    assertThat(search.path("shards").asInt()).isEqualTo(2);
                    assertThat(search.path("activeReplicas").asInt()).isEqualTo(4);
                    assertThat(get(http, base + "metrics"))
                            .contains("paperboy_search_live_nodes 2")
                            .contains("paperboy_search_replicas_active 4");
                }
            }
            assertThat(greenMail.getReceivedMessages())
                    .as("one digest for the one reader, though both nodes run the schedule")
                    .hasSize(1);
            assertThat(greenMail.getReceivedMessages()[0].getAllRecipients()[0].toString())
                    .isEqualTo("reader@example.org");
            try (Database db = Database.open(url)) {
                List<String> runs = db.withHandle(h -> h.createQuery("SELECT status FROM source_runs")
                        .mapTo(String.class)
                        .list());
                assertThat(runs).as("one source run across both nodes").containsExactly("ok");
                List<Integer> attempts = db.withHandle(h -> h.createQuery(
                                "SELECT attempts FROM digest_ledger WHERE subscription_id = :id AND state = 'sent'")
                        .bind("id", subscription.id())
                        .mapTo(Integer.class)
                        .list());
                assertThat(attempts).containsExactly(1);
            }
        }
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r =
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    /** Asks {@code ask} every 250 ms until {@code done} (up to 120 s); fails with both nodes' logs. */
    private static String await(
            String what,
            Callable<String> ask,
            java.util.function.Predicate<String> done,
            ServeProcess a,
            ServeProcess b)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String last = null;
        while (System.nanoTime() < deadline) {
            last = ask.call();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("gave up waiting for " + what + "; last answer: " + last + "\n--- node a\n" + a.log()
                + "\n--- node b\n" + b.log());
    }
}
