package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.search.IndexingStatus;

class OperationsIT {

    @TempDir
    Path dir;

    TestSite site;

    @BeforeEach
    void start() {
        site = ApiFixtures.site(TestSite.builder(dir));
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void reports_health_with_papers_and_index_figures() {
        HttpResponse<String> r = site.browser().get("/health");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.body())
                .isEqualTo("{\"status\":\"ok\",\"papers\":5,\"indexDocuments\":5,\"indexVectors\":5,"
                        + "\"indexing\":\"up to date\",\"search\":{\"backend\":\"lucene\"}}");
    }

    @Test
    void health_and_metrics_say_since_when_indexing_fails(@TempDir Path other) {
        Instant since = Instant.parse("2026-12-03T19:40:00Z");
        String problem = "cannot open the search index in /srv/data/index: /srv/data/index: not a directory";
        try (TestSite failing = ApiFixtures.site(TestSite.builder(other)
                .indexingStatus(new IndexingStatus(IndexingStatus.State.FAILING, since, problem)))) {
            TestBrowser b = failing.browser();

            HttpResponse<String> health = b.get("/health");
            HttpResponse<String> metrics = b.get("/metrics");

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body())
                    .isEqualTo("{\"status\":\"degraded\",\"papers\":5,\"indexDocuments\":5,\"indexVectors\":5,"
                            + "\"indexing\":\"failing since 2026-12-03T19:40:00Z: " + problem
                            + "\",\"search\":{\"backend\":\"lucene\"}}");
            assertThat(metrics.body().lines())
                    .contains("paperboy_indexing_failing 1", "paperboy_indexing_failing_since_seconds 1796326800");
        }
        assertThat(site.browser().get("/metrics").body().lines())
                .contains("paperboy_indexing_failing 0", "paperboy_indexing_failing_since_seconds 0");
    }

    @Test
    void counts_requests_by_route_pattern_and_status_in_prometheus_text() throws Exception {
        TestBrowser b = site.browser();
        b.get("/api/papers/2607.00001");
        b.get("/api/papers/hep-th/9901001");
        b.get("/api/papers/2607.09999");
        b.get("/no/such/page");
        b.get("/static/site.css");
        b.get("/static/site.js");
        site.site.users().signIn("reader@example.org");

        HttpResponse<String> r = metricsOnceRecorded(b, 6);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        List<String> lines = r.body().lines().toList();
        assertThat(lines)
                .contains(
                        "# TYPE paperboy_http_requests_total counter",
                        "paperboy_http_requests_total{method=\"GET\",route=\"/api/papers/<id>\",status=\"200\"} 2",
                        "paperboy_http_requests_total{method=\"GET\",route=\"/api/papers/<id>\",status=\"404\"} 1",
                        "paperboy_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1",
                        "paperboy_http_requests_total{method=\"GET\",route=\"/static/*\",status=\"200\"} 2",
                        "# TYPE paperboy_http_request_duration_seconds histogram",
                        "paperboy_http_request_duration_seconds_bucket{route=\"/api/papers/<id>\",le=\"+Inf\"} 3",
                        "paperboy_http_request_duration_seconds_count{route=\"/api/papers/<id>\"} 3",
                        "# TYPE paperboy_papers gauge",
                        "paperboy_papers 5",
                        "paperboy_index_documents 5",
                        "paperboy_index_vectors 5",
                        "paperboy_users 1",
                        "paperboy_uptime_seconds 0");
        assertThat(lines).anyMatch(l -> l.matches("paperboy_index_size_bytes [1-9]\\d*"));
        assertThat(lines).anyMatch(l -> l.matches("paperboy_jvm_heap_used_bytes [1-9]\\d*"));
        assertThat(lines).anyMatch(l -> l.matches("paperboy_jvm_heap_max_bytes (-1|[1-9]\\d*)"));
        assertThat(lines)
                .anyMatch(l -> l.matches(
                        "paperboy_http_request_duration_seconds_sum\\{route=\"/api/papers/<id>\"} \\d+(\\.\\d+)?"));
    }

    /**
     * {@code /metrics}, asked again until the {@code n} requests before it are counted: Javalin
     * records a request just after its answer is sent.
     */
    private static HttpResponse<String> metricsOnceRecorded(TestBrowser b, int n) throws InterruptedException {
        HttpResponse<String> r = b.get("/metrics");
        for (int i = 0; i < 50 && counted(r.body()) < n; i++) {
            Thread.sleep(20);
            r = b.get("/metrics");
        }
        return r;
    }

    private static long counted(String text) {
        return text.lines()
                .filter(l -> l.startsWith("paperboy_http_requests_total{") && !l.contains("route=\"/metrics\""))
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
