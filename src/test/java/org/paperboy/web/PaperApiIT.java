package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperboy.web.ApiFixtures.HYBRID;
import static org.paperboy.web.ApiFixtures.QUANTIZED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.router.ParsedEndpoint;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.paper.UpstreamFacts;

/** The read side of the JSON API: feeds, papers, search, similar papers and the OpenAPI document. */
class PaperApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    TestSite site;

    @BeforeEach
    void start() {
        site = ApiFixtures.site(TestSite.builder(dir).config("PAPERBOY_BASE_URL", "https://papers.example.org/"));
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private HttpResponse<String> get(String path) {
        return site.browser().get(path);
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private static List<String> ids(HttpResponse<String> r) throws Exception {
        List<String> ids = new ArrayList<>();
        json(r).forEach(item -> ids.add(item.path("paper").path("id").asText()));
        return ids;
    }

    @Test
    void serves_a_paper_with_hugging_face_field_names() {
        HttpResponse<String> r = get("/api/papers/2607.00001");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.body())
                .isEqualTo(
                        "{\"id\":\"2607.00001\",\"authors\":[{\"name\":\"Ada Lovelace\"},{\"name\":\"Alan Turing\"}],"
                                + "\"publishedAt\":\"2026-06-30T00:00:00.000Z\",\"submittedOnDailyAt\":\"2026-07-01T00:00:00.000Z\","
                                + "\"title\":\"Hybrid Retrieval with Lexical and Dense Signals\","
                                + "\"summary\":\"We fuse BM25 rankings with dense vector retrieval for scientific papers.\","
                                + "\"upvotes\":5,\"githubRepo\":\"https://github.com/example/hybrid\","
                                + "\"projectPage\":\"https://example.org/hybrid\",\"categories\":[\"cs.IR\",\"cs.CL\"],"
                                + "\"arxivUrl\":\"https://arxiv.org/abs/2607.00001\"}");
    }

    @Test
    void counts_upvotes_cast_here_and_finds_a_paper_by_any_arxiv_spelling() throws Exception {
        long user = site.site.users().signIn("reader@example.org").id();
        site.site.votes().set(user, HYBRID.id(), true);

        assertThat(json(get("/api/papers/2607.00001v2")).path("upvotes").asInt())
                .isEqualTo(6);
        assertThat(json(get("/api/papers/arXiv:2607.00001")).path("id").asText())
                .isEqualTo("2607.00001");
    }

    @Test
    void serves_a_paper_with_an_old_style_id_and_leaves_out_links_it_does_not_know() {
        HttpResponse<String> r = get("/api/papers/hep-th/9901001");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .isEqualTo(
                        "{\"id\":\"hep-th/9901001\",\"authors\":[{\"name\":\"Edward Witten\"}],"
                                + "\"publishedAt\":\"1999-01-05T00:00:00.000Z\",\"submittedOnDailyAt\":\"2026-06-30T00:00:00.000Z\","
                                + "\"title\":\"Strings on Branes\","
                                + "\"summary\":\"An old-style identifier with a slash, about strings ending on branes.\","
                                + "\"upvotes\":0,\"categories\":[\"hep-th\"],\"arxivUrl\":\"https://arxiv.org/abs/hep-th/9901001\"}");
    }

    @Test
    void answers_404_problem_json_for_an_unknown_or_hidden_paper() {
        HttpResponse<String> unknown = get("/api/papers/2607.09999");
        HttpResponse<String> hidden = get("/api/papers/2607.00004");
        HttpResponse<String> garbage = get("/api/papers/%3Cscript%3E");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(unknown.body())
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                        + "\"detail\":\"there is no paper 2607.09999\"}");
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(hidden.body()).contains("\"detail\":\"there is no paper 2607.00004\"");
        assertThat(garbage.statusCode()).isEqualTo(404);
        assertThat(garbage.body()).contains("\"detail\":\"there is no paper <script>\"");
    }

    @Test
    void lists_the_latest_day_newest_first_by_default() throws Exception {
        HttpResponse<String> r = get("/api/daily_papers");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Total-Count")).hasValue("2");
        assertThat(ids(r)).containsExactly("2607.00002", "2607.00001");
        JsonNode item = json(r).get(1);
        // As on Hugging Face: the item's publishedAt is arXiv's day, the listing day is submittedOnDailyAt,
        // and upvotes are at the top too (its client reads them there).
        assertThat(item.path("publishedAt").asText()).isEqualTo("2026-06-30T00:00:00.000Z");
        assertThat(item.path("paper").path("publishedAt").asText()).isEqualTo("2026-06-30T00:00:00.000Z");
        assertThat(item.path("paper").path("submittedOnDailyAt").asText()).isEqualTo("2026-07-01T00:00:00.000Z");
        assertThat(item.path("upvotes").asInt())
                .isEqualTo(item.path("paper").path("upvotes").asInt())
                .isEqualTo(5);
        assertThat(item.path("title").asText()).isEqualTo(HYBRID.title());
        assertThat(item.path("summary").asText()).isEqualTo(HYBRID.abstractText());
        assertThat(item.path("numComments").asInt()).isZero();
        assertThat(item.path("isAuthorParticipating").asBoolean()).isFalse();
        assertThat(item.path("paper")).isEqualTo(json(get("/api/papers/2607.00001")));
    }

    @Test
    void a_submitter_filter_lists_the_papers_the_upstream_says_that_user_submitted() throws Exception {
        UpstreamFacts byAk =
                new UpstreamFacts("hf-daily", null, null, "AK", "akhaliq", null, null, null, null, List.of());
        site.db.inTransaction(h -> {
            site.site.upstream().saveAll(h, Map.of("2607.00002", byAk, "hep-th/9901001", byAk));
            return null;
        });

        HttpResponse<String> week = get("/api/daily_papers?week=2026-W27&submitter=akhaliq");
        assertThat(week.statusCode()).isEqualTo(200);
        assertThat(week.headers().firstValue("X-Total-Count")).hasValue("2");
        assertThat(ids(week)).containsExactly("2607.00002", "hep-th/9901001");
        assertThat(ids(get("/api/daily_papers?week=2026-W27&submitter=AKHALIQ&limit=1&p=1")))
                .containsExactly("hep-th/9901001");
        assertThat(ids(get("/api/daily_papers?date=2026-06-30&submitter=AK"))).containsExactly("hep-th/9901001");

        HttpResponse<String> nobody = get("/api/daily_papers?week=2026-W27&submitter=someone-else");
        assertThat(nobody.headers().firstValue("X-Total-Count")).hasValue("0");
        assertThat(nobody.body()).isEqualTo("[]");
    }

    @Test
    void lists_a_day_a_week_and_a_month() throws Exception {
        assertThat(ids(get("/api/daily_papers?date=2026-06-30"))).containsExactly("hep-th/9901001");
        assertThat(ids(get("/api/daily_papers?week=2026-W27")))
                .containsExactly("2607.00002", "2607.00001", "hep-th/9901001");
        assertThat(ids(get("/api/daily_papers?month=2026-06"))).containsExactly("hep-th/9901001", "2606.00005");
        assertThat(ids(get("/api/daily_papers?date=2026-05-01"))).isEmpty();
    }

    @Test
    void sorts_by_trending_and_pages_from_zero() throws Exception {
        assertThat(ids(get("/api/daily_papers?week=2026-W27&sort=trending")))
                .containsExactly("2607.00001", "2607.00002", "hep-th/9901001");
        assertThat(ids(get("/api/daily_papers?week=2026-W27&sort=trending&limit=2&p=0")))
                .containsExactly("2607.00001", "2607.00002");
        HttpResponse<String> second = get("/api/daily_papers?week=2026-W27&sort=trending&limit=2&p=1");
        assertThat(ids(second)).containsExactly("hep-th/9901001");
        assertThat(second.headers().firstValue("X-Total-Count")).hasValue("3");
        assertThat(ids(get("/api/daily_papers?week=2026-W27&limit=2&p=7"))).isEmpty();
    }

    @Test
    void refuses_bad_feed_parameters_naming_each_field() {
        HttpResponse<String> r = get("/api/daily_papers?date=2026-13-01&sort=hot&p=-1&limit=500");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.body())
                .isEqualTo(
                        "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                                + "\"detail\":\"date: '2026-13-01' is not a day YYYY-MM-DD, e.g. 2026-06-30; "
                                + "sort: 'hot' is not one of publishedAt, trending; "
                                + "p: '-1' is not a whole number from 0 to 10000; "
                                + "limit: '500' is not a whole number from 1 to 100\","
                                + "\"errors\":["
                                + "{\"field\":\"date\",\"value\":\"2026-13-01\",\"reason\":\"'2026-13-01' is not a day YYYY-MM-DD, e.g. 2026-06-30\"},"
                                + "{\"field\":\"sort\",\"value\":\"hot\",\"reason\":\"'hot' is not one of publishedAt, trending\"},"
                                + "{\"field\":\"p\",\"value\":\"-1\",\"reason\":\"'-1' is not a whole number from 0 to 10000\"},"
                                + "{\"field\":\"limit\",\"value\":\"500\",\"reason\":\"'500' is not a whole number from 1 to 100\"}]}");
    }

    @Test
    void refuses_more_than_one_of_date_week_and_month() {
        HttpResponse<String> r = get("/api/daily_papers?date=2026-07-01&month=2026-07");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body())
                .isEqualTo(
                        "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                                + "\"detail\":\"month: give only one of date, week and month\",\"errors\":["
                                + "{\"field\":\"month\",\"value\":\"2026-07\",\"reason\":\"give only one of date, week and month\"}]}");
    }

    @Test
    void searches_with_hugging_face_items_highlights_and_no_hidden_papers() throws Exception {
        HttpResponse<String> r = get("/api/papers/search?q=dense+retrieval&mode=bm25");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ids(r)).containsExactly("2607.00001");
        JsonNode hit = json(r).get(0);
        assertThat(hit.path("paper")).isEqualTo(json(get("/api/papers/2607.00001")));
        assertThat(hit.path("title").asText()).isEqualTo(HYBRID.title());
        assertThat(hit.path("highlight").path("title").asText())
                .isEqualTo("Hybrid <mark>Retrieval</mark> with Lexical and <mark>Dense</mark> Signals");
        assertThat(hit.path("score").asDouble()).isPositive();
    }

    @Test
    void searches_by_meaning_and_pages_with_offset() throws Exception {
        List<String> all = ids(get("/api/papers/search?q=compressing+embeddings+to+bytes&limit=3"));
        List<String> second = ids(get("/api/papers/search?q=compressing+embeddings+to+bytes&limit=1&offset=1"));

        assertThat(all).hasSize(3).doesNotContain("2607.00004");
        assertThat(all.get(0)).isEqualTo(QUANTIZED.id());
        assertThat(second).containsExactly(all.get(1));
    }

    @Test
    void lists_every_visible_paper_newest_first_without_a_query_as_list_papers_does() throws Exception {
        HttpResponse<String> all = get("/api/papers/search");
        HttpResponse<String> blank = get("/api/papers/search?q=+&limit=2&offset=1");

        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("X-Total-Count")).hasValue("4");
        assertThat(ids(all)).containsExactly("2607.00002", "2607.00001", "hep-th/9901001", "2606.00005");
        assertThat(json(all).get(0).has("score")).isFalse();
        assertThat(ids(blank)).containsExactly("2607.00001", "hep-th/9901001");
    }

    @Test
    void refuses_a_search_with_bad_parameters() {
        HttpResponse<String> bad = get("/api/papers/search?q=x&mode=fuzzy&limit=lots");

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body())
                .contains("\"detail\":\"mode: 'fuzzy' is not one of bm25, dense, hybrid; "
                        + "limit: 'lots' is not a whole number from 1 to 100\"");
    }

    @Test
    void finds_similar_papers_for_both_id_styles_without_hidden_ones() throws Exception {
        HttpResponse<String> r = get("/api/papers/2607.00001/similar?limit=2");
        HttpResponse<String> old = get("/api/papers/hep-th/9901001/similar");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ids(r)).hasSize(2).doesNotContain("2607.00001", "2607.00004");
        assertThat(json(r).get(0).path("score").asDouble()).isPositive();
        assertThat(old.statusCode()).isEqualTo(200);
        assertThat(ids(old)).hasSize(3).doesNotContain("hep-th/9901001", "2607.00004");
    }

    @Test
    void answers_404_for_similar_papers_of_an_unknown_or_hidden_paper() {
        HttpResponse<String> unknown = get("/api/papers/hep-th/9901999/similar");
        HttpResponse<String> hidden = get("/api/papers/2607.00004/similar");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"detail\":\"there is no paper hep-th/9901999\"");
        assertThat(hidden.statusCode()).isEqualTo(404);
    }

    @Test
    void leaves_the_upvote_of_an_old_style_id_to_the_vote_route() throws Exception {
        String token = ApiFixtures.apiToken(site, "reader@example.org");

        HttpResponse<String> r = site.browser()
                .postJson("/api/papers/hep-th/9901001/upvote", "{\"upvote\":true}", "Authorization", "Bearer " + token);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"id\":\"hep-th/9901001\",\"upvotes\":1,\"upvoted\":true}");
        assertThat(json(get("/api/papers/hep-th/9901001")).path("upvotes").asInt())
                .isEqualTo(1);
        assertThat(get("/api/papers/hep-th/9901001/upvote").statusCode()).isIn(404, 405);
    }

    @Test
    void does_not_take_a_post_to_a_paper_sub_resource_for_a_paper_id() {
        HttpResponse<String> r = site.browser().postJson("/api/papers/hep-th/9901001/similar", "{}");

        assertThat(r.statusCode()).isIn(404, 405);
        assertThat(r.body()).doesNotContain("there is no paper");
    }

    @Test
    void describes_every_api_route_in_the_openapi_document() throws Exception {
        HttpResponse<String> r = get("/api/openapi.json");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = json(r);
        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc.path("servers").get(0).path("url").asText()).isEqualTo("https://papers.example.org");
        TreeSet<String> documented = new TreeSet<>();
        doc.path("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .properties()
                        .forEach(op ->
                                documented.add(op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey())));
        assertThat(documented).isEqualTo(registeredApiRoutes());
    }

    /** Every /api route the site's route classes register, with Javalin's {@code <id>} as {@code {id}}. */
    private TreeSet<String> registeredApiRoutes() {
        Site s = site.site;
        Templates t = new Templates();
        Javalin app = Javalin.create(config -> {
            RoutesConfig r = config.routes;
            WebServer.registerRoutes(r, s, t, new Metrics(s.clock()));
        });
        TreeSet<String> routes = new TreeSet<>();
        for (ParsedEndpoint e : app.unsafe.internalRouter.allHttpHandlers()) {
            if (e.endpoint.path.startsWith("/api/")) {
                routes.add(e.endpoint.method.name() + " "
                        + e.endpoint.path.replaceAll("<([a-z]+)>", "{$1}").replaceAll("\\{([a-z]+)}", "{$1}"));
            }
        }
        return routes;
    }
}
