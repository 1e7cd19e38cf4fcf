package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP as a polished server speaks it (issue 11): unknown methods, wrong methods, HEAD, malformed
 * bodies and requests Jetty refuses by itself, and dates far outside any calendar page.
 */
class HttpSemanticsIT {

    @TempDir
    Path dir;

    TestSite site;
    final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() {
        site = TestSite.builder(dir).papers(TestAccounts.papers()).start();
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(site.base.resolve(path))
                .method(method, HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Writes {@code request} as raw bytes and returns the whole answer (headers and body). */
    private String raw(String request) throws IOException {
        URI base = site.base;
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String metrics() throws Exception {
        return send("GET", "/metrics", null, null).body();
    }

    @Test
    void an_unknown_method_is_405_counted_as_other_and_keeps_metrics_bounded() throws Exception {
        send("GET", "/", null, null);
        int before = metrics().length();

        for (int i = 0; i < 200; i++) {
            HttpResponse<String> r = send("Y" + String.format("%05d", i) + "AAAA", "/", null, null);
            assertThat(r.statusCode()).isEqualTo(405);
            assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
        }
        String after = metrics();

        assertThat(after)
                .contains("paperboy_http_requests_total{method=\"other\",route=\"unmatched\",status=\"405\"} 200");
        assertThat(after).doesNotContain("Y00001AAAA");
        // One counter and one histogram more, not 200 of each.
        assertThat(after.length() - before).isLessThan(3_000);
    }

    @Test
    void the_access_log_writes_a_shortened_path_without_control_characters() {
        assertThat(WebServer.loggable("/a\u0007b\nc")).isEqualTo("/a?b?c");
        assertThat(WebServer.loggable("/" + "x".repeat(5_000))).hasSize(203).endsWith("...");
    }

    @Test
    void a_wrong_method_is_405_with_allow_in_the_shape_of_its_path() throws Exception {
        HttpResponse<String> page = send("DELETE", "/", null, null);
        HttpResponse<String> api = send("POST", "/api/daily_papers", "application/json", "{}");
        HttpResponse<String> put = send("PUT", "/login", null, null);

        assertThat(page.statusCode()).isEqualTo(405);
        assertThat(page.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(page.body()).contains("DELETE is not allowed here; allowed: GET, HEAD");
        assertThat(api.statusCode()).isEqualTo(405);
        assertThat(api.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(api.body())
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Method Not Allowed\",\"status\":405,"
                        + "\"detail\":\"POST is not allowed here; allowed: GET, HEAD\"}");
        assertThat(put.headers().firstValue("Allow")).hasValue("GET, HEAD, POST");
    }

    @Test
    void head_answers_the_status_get_answers() throws Exception {
        for (String path : List.of(
                "/",
                "/no/such/page",
                "/papers/2607.09999",
                "/api/papers/2607.09999",
                "/date/+999999999-12-31",
                "/api/daily_papers?limit=0",
                "/papers/2607.00001")) {
            HttpResponse<String> get = send("GET", path, null, null);
            HttpResponse<String> head = send("HEAD", path, null, null);

            assertThat(head.statusCode()).as(path).isEqualTo(get.statusCode());
            assertThat(head.body()).as(path).isEmpty();
            assertThat(head.headers().firstValue("Content-Security-Policy"))
                    .as(path)
                    .hasValue(WebServer.CSP.replace("img-src 'self' data:", "img-src 'self' data: https:"));
        }
    }

    @Test
    void a_malformed_multipart_body_is_400_on_every_post_route_and_never_500() throws Exception {
        String type = "multipart/form-data; boundary=xyz";
        for (String path : List.of(
                "/login",
                "/logout",
                "/subscribe",
                "/submit",
                "/papers/2607.00001/upvote",
                "/api/papers/index",
                "/api/subscriptions")) {
            HttpResponse<String> r = send("POST", path, type, "[]");

            assertThat(r.statusCode()).as(path).isEqualTo(400);
            assertThat(r.body()).as(path).contains("the form body cannot be read as multipart/form-data");
        }
        assertThat(send("POST", "/no/such/page", type, "[]").statusCode()).isEqualTo(404);
        assertThat(send("POST", "/login", "application/x-www-form-urlencoded; charset=ebcdic", "email=a")
                        .statusCode())
                .isEqualTo(415);
    }

    @Test
    void dates_beyond_four_digit_years_are_400_on_every_page_and_parameter() throws Exception {
        for (String path : List.of(
                "/date/-999999999-01-01",
                "/date/+999999999-12-31",
                "/date/0000-01-01",
                "/month/+999999999-12",
                "/week/+999999999-W01",
                "/api/daily_papers?date=+999999999-12-31",
                "/api/daily_papers?month=-999999999-01",
                "/search?q=x&from=+999999999-01-01",
                "/feed.atom?date=-999999999-01-01")) {
            HttpResponse<String> r = send("GET", path, null, null);
            assertThat(r.statusCode()).as(path).isEqualTo(400);
        }
        assertThat(send("GET", "/date/9999-12-31", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void jettys_own_refusals_carry_the_security_headers_and_problem_json_under_api() throws Exception {
        // A request line Jetty cannot read (bad or too long URI) leaves no path or headers to go by,
        // so it gets the small HTML page; past the request line, the path decides.
        String badUri =
                raw("GET /api/x/% HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\nConnection: close\r\n\r\n");
        String longUri = raw("GET /api/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        String bigHeader = raw("GET /api/daily_papers HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        String page = raw("GET /%zz HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nConnection: close\r\n\r\n");

        assertThat(badUri).startsWith("HTTP/1.1 400 ").contains("<h1>Bad Request</h1>");
        assertThat(longUri).startsWith("HTTP/1.1 414 ").contains("<p>the address is too long</p>");
        assertThat(bigHeader).startsWith("HTTP/1.1 431 ").contains("application/problem+json");
        assertThat(page).startsWith("HTTP/1.1 400 ").contains("text/html").contains("<h1>Bad Request</h1>");
        for (String answer : List.of(badUri, longUri, bigHeader, page)) {
            assertThat(answer)
                    .contains("Content-Security-Policy: " + WebServer.CSP)
                    .contains("X-Content-Type-Options: nosniff")
                    .contains("X-Frame-Options: DENY")
                    .doesNotContain("HTTP ERROR");
        }
    }
}
