package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.sources.FakeHfUpstream;
import org.paperboy.sources.HfDailySource;
import org.paperboy.sources.PaperboyMirrorSource;
import org.paperboy.sources.SourceScheduler;
import org.paperboy.sources.UpstreamClient;

/**
 * The scheduled sources as people see them, over a fake Hugging Face on loopback: the first-run
 * page, {@code /admin/sources} with its "run now" button, {@code GET /api/sources}, {@code /health}
 * and {@code /metrics} with a failing source, cards with both counts and the upstream's facts, and
 * a second Paperboy followed as a mirror.
 */
class SourcePagesIT {

    static final LocalDate TODAY = LocalDate.of(2026, 7, 2);

    @TempDir
    Path dir;

    FakeHfUpstream hf;
    TestSite site;
    SourceScheduler scheduler;

    @BeforeEach
    void start() throws Exception {
        hf = new FakeHfUpstream();
        UpstreamClient client = TestSite.upstreamClient();
        site = TestSite.builder(dir)
                .config(PaperboyConfig.ADMINS, "boss@example.org")
                .config(PaperboyConfig.SOURCES, "hf-daily")
                .config(PaperboyConfig.HF_ENDPOINT, hf.endpoint().toString())
                .config(PaperboyConfig.SOURCES_BACKFILL_DAYS, "1")
                .sources(s -> scheduler = new SourceScheduler(
                        List.of(new HfDailySource(hf.endpoint(), Duration.ofHours(1), client)),
                        s.sourceRunner(),
                        Duration.ofMillis(200)))
                .start();
    }

    @AfterEach
    void stop() {
        scheduler.close();
        site.close();
        hf.close();
    }

    @Test
    void an_empty_install_shows_the_first_fetch_then_the_papers_with_both_counts_and_the_upstream_facts() {
        HttpResponse<String> before = site.browser().get("/");
        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(before.body())
                .contains("<h1>Fetching today's papers</h1>")
                .contains("data-refresh=\"5\"")
                .contains("<strong>0</strong> paper(s) stored so far.")
                .contains("<strong>hf-daily</strong> <span class=\"upstream\">from " + hf.endpoint()
                        + "</span>:\nstarting…");

        hf.day(TODAY, List.of(FakeHfUpstream.item("2607.02001", "Sparse Retrieval Revisited", 12, TODAY)));
        scheduler.runDue();
        site.site.feed().invalidate();
        TestBrowser reader = TestAccounts.signedIn(site, "reader@example.org");
        assertThat(reader.postForm("/papers/2607.02001/upvote", Map.of("upvote", "true", "next", "/"))
                        .statusCode())
                .isEqualTo(303);

        String page = site.browser().get("/").body();
        assertThat(page)
                .contains("Sparse Retrieval Revisited")
                .contains("<span class=\"count\">13</span>")
                .contains("<span class=\"votes-split\" title=\"Upvotes: 12 on Hugging Face · 1 here\">"
                        + "12 on Hugging Face · 1 here</span>")
                .contains(
                        "<span class=\"org\">Example Lab</span><span class=\"submitter\">submitted by Grace Hopper</span>")
                .contains("<img src=\"https://cdn-thumbnails.example.org/2607.02001.png\" alt=\"\" loading=\"lazy\"")
                .contains("<a class=\"code\" href=\"https://github.com/example/2607.02001\">Code "
                        + "<span class=\"stars\">★ 120</span></a>")
                .contains("<span class=\"comments\">5 comments</span>");
        String paper = site.browser().get("/papers/2607.02001").body();
        assertThat(paper)
                .contains("12 on Hugging Face · 1 here")
                .contains("<h2 id=\"ai-summary-h\">AI summary <small>from Hugging Face</small></h2>")
                .contains("<li>retrieval</li><li>embeddings</li>");
        // The JSON API's upvotes (what Hugging Face clients read) carry the total.
        assertThat(site.browser().get("/api/daily_papers?date=2026-07-02").body())
                .contains("\"upvotes\":13");
    }

    @Test
    void admins_see_each_source_run_it_now_and_read_it_as_json_while_health_and_metrics_list_a_failure()
            throws InterruptedException {
        hf.fault(TODAY.minusDays(1), FakeHfUpstream.Fault.SERVER_ERROR);
        scheduler.runDue();
        String error = "GET " + hf.endpoint() + "/api/daily_papers?date=2026-07-01&p=0&limit=100 answered HTTP 500: "
                + "upstream exploded";

        assertThat(site.browser().get("/admin/sources").statusCode()).isEqualTo(303);
        assertThat(TestAccounts.signedIn(site, "reader@example.org")
                        .get("/admin/sources")
                        .statusCode())
                .isEqualTo(403);
        TestBrowser boss = TestAccounts.signedIn(site, "boss@example.org");
        String admin = boss.get("/admin/sources").body();
        assertThat(admin)
                .contains("<article class=\"source\" id=\"source-hf-daily\" data-status=\"failing\">")
                .contains(
                        "<dt>Failing since</dt><dd class=\"failing\">2026-07-02 12:00:00 UTC (1 failed run(s) in a row)</dd>")
                .contains("<dt>Last error</dt><dd class=\"last-error\">" + error.replace("&", "&amp;") + "</dd>")
                .contains("<form method=\"post\" action=\"/admin/sources/hf-daily/run\" class=\"run-now\">")
                .contains("name=\"_csrf\" value=\"" + boss.csrf() + "\"");

        HttpResponse<String> health = site.browser().get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body())
                .endsWith(",\"sources\":[{\"name\":\"hf-daily\",\"status\":\"failing\","
                        + "\"failingSince\":\"2026-07-02T12:00:00Z\",\"failures\":1,\"lastError\":\"" + error
                        + "\"}]}");
        assertThat(site.browser().get("/metrics").body())
                .contains("paperboy_source_runs_total{source=\"hf-daily\"} 1\n")
                .contains("paperboy_source_failures_total{source=\"hf-daily\"} 1\n")
                .contains("paperboy_source_failing{source=\"hf-daily\"} 1\n")
                .doesNotContain("paperboy_source_seconds_since_success{");

        String token = ApiFixtures.apiToken(site, "boss@example.org");
        HttpResponse<String> api = site.browser().get("/api/sources", "Authorization", "Bearer " + token);
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.body())
                .startsWith("[{\"name\":\"hf-daily\",\"upstream\":\"" + hf.endpoint()
                        + "\",\"schedule\":\"every PT1H\"," + "\"status\":\"failing\"")
                .contains("\"lastRun\":{\"cause\":\"schedule\",\"status\":\"failed\"");
        String readerToken = ApiFixtures.apiToken(site, "reader@example.org");
        assertThat(site.browser()
                        .get("/api/sources", "Authorization", "Bearer " + readerToken)
                        .statusCode())
                .isEqualTo(403);
        assertThat(site.browser().get("/api/sources").statusCode()).isEqualTo(401);

        // Without the CSRF token the button does nothing; with it the source runs at once.
        assertThat(boss.postForm("/admin/sources/hf-daily/run", Map.of(WebServer.CSRF_FIELD, "forged"))
                        .statusCode())
                .isEqualTo(403);
        hf.heal(TODAY.minusDays(1));
        hf.day(TODAY, FakeHfUpstream.items(TODAY, 3));
        scheduler.start();
        HttpResponse<String> run = boss.postForm("/admin/sources/hf-daily/run", Map.of());
        assertThat(run.statusCode()).isEqualTo(303);
        assertThat(run.headers().firstValue("Location")).hasValue("/admin/sources?ran=hf-daily");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (site.site.papers().count() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(site.site.papers().count()).isEqualTo(3);
        assertThat(boss.postForm("/admin/sources/nope/run", Map.of()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void a_second_paperboy_is_followed_as_a_mirror_through_its_daily_papers_api() throws Exception {
        try (TestSite upstream = TestSite.builder(dir.resolve("upstream"))
                .papers(List.of(
                        TestAccounts.paper("2607.00011", "Mirrored Paper One", 7),
                        TestAccounts.paper("2607.00012", "Mirrored Paper Two", 2)))
                .start()) {
            PaperboyMirrorSource mirror =
                    new PaperboyMirrorSource(upstream.base, Duration.ofHours(1), TestSite.upstreamClient());

            var outcome = site.sourceRunner()
                    .run(
                            mirror,
                            org.paperboy.sources.SourceRunner.Cause.CLI,
                            true,
                            TestAccounts.DAY,
                            TestAccounts.DAY,
                            () -> false);

            assertThat(outcome).isInstanceOf(org.paperboy.sources.SourceRunner.Outcome.Ran.class);
            var run = ((org.paperboy.sources.SourceRunner.Outcome.Ran) outcome).run();
            assertThat(run.status()).isEqualTo("ok");
            assertThat(run.imported()).isEqualTo(2);
            assertThat(site.site.papers().find("2607.00011").orElseThrow().upvotes())
                    .isEqualTo(7);
            assertThat(site.site.papers().find("2607.00011").orElseThrow().title())
                    .isEqualTo("Mirrored Paper One");
            assertThat(site.site.papers().find("2607.00011").orElseThrow().listedOn())
                    .isEqualTo(TestAccounts.DAY);
        }
    }
}
