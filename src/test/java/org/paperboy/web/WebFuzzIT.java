package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile traffic against the real server on a free port (issue 11): 10,000 requests generated
 * from a fixed seed over every route, with odd methods, headers, cookies, tokens, bodies (JSON,
 * forms, broken multipart), parameters, extreme dates and unicode, about a tenth written as raw
 * bytes that no well-behaved client would send. No answer may be a 5xx, and {@code /metrics} must
 * stay bounded: its series name only known methods and registered routes.
 */
class WebFuzzIT {

    static final int REQUESTS = 10_000;
    static final long SEED = 20261203L;

    private static final List<String> ROUTES = List.of(
            "/",
            "/date/{day}",
            "/week/{week}",
            "/month/{month}",
            "/trending",
            "/papers/{id}",
            "/papers/{id}.md",
            "/papers/{id}/upvote",
            "/admin/papers/{id}/hide",
            "/admin/papers/{id}/code",
            "/search",
            "/submit",
            "/subscribe",
            "/subscribe/sent",
            "/subscribe/confirm",
            "/unsubscribe",
            "/login",
            "/login/confirm",
            "/logout",
            "/me",
            "/me/token",
            "/me/token/revoke",
            "/digest/preview",
            "/feed.atom",
            "/trending.atom",
            "/search.atom",
            "/health",
            "/api/openapi.json",
            "/api/daily_papers",
            "/api/papers/search",
            "/api/papers/index",
            "/api/papers/{id}",
            "/api/papers/{id}/similar",
            "/api/papers/{id}/upvote",
            "/api/subscriptions",
            "/api/unsubscribe",
            "/static/site.css",
            "/papers/{id}/save",
            "/for-you",
            "/for-you.atom",
            "/for-you/feedback",
            "/for-you/follows",
            "/for-you/seeds",
            "/for-you/settings",
            "/for-you/feed-token",
            "/api/for-you",
            "/me/library",
            "/me/library.bib",
            "/me/signals.json",
            "/me/signals/delete",
            "/no/such/{id}");
    private static final List<String> METHODS =
            List.of("GET", "GET", "GET", "POST", "POST", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS");
    private static final List<String> ODD = List.of(
            "",
            " ",
            "0",
            "-1",
            "99999999999999999999",
            "NaN",
            "1e9",
            "%00",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "../../etc/passwd",
            "Ünïcødé ✓ 論文 🙂",
            "\u202e\u0000\ud800",
            "x".repeat(3000),
            "2026-07-01",
            "0000-01-01",
            "-999999999-01-01",
            "+999999999-12-31",
            "2026-02-30",
            "2026-W53",
            "+999999999-W01",
            "2026-13",
            "9999-12",
            "2607.00001",
            "hep-th/9901001",
            "arXiv:2607.00001v2",
            "true",
            "null",
            "{}",
            "[]");
    private static final List<String> PARAMS = List.of(
            "q",
            "date",
            "week",
            "month",
            "sort",
            "p",
            "limit",
            "offset",
            "mode",
            "category",
            "from",
            "until",
            "code",
            "page",
            "window",
            "token",
            "next",
            "submitter",
            "email",
            "upvote",
            "arxivId",
            "hidden",
            "url");
    private static final List<String> TYPES = List.of(
            "application/json",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz",
            "multipart/form-data",
            "multipart/mixed; boundary=\"",
            "text/plain; charset=utf-16",
            "application/json; charset=ebcdic",
            "application/xml");

    @TempDir
    Path dir;

    @Test
    void ten_thousand_hostile_requests_get_no_5xx_and_leave_metrics_bounded() throws Exception {
        try (TestSite site = TestSite.builder(dir).papers(TestAccounts.papers()).start()) {
            TestBrowser member = TestAccounts.signedIn(site, "alice@example.org");
            String session = member.cookie(WebServer.SESSION_COOKIE);
            String csrf = member.csrf();
            site.site.users().signIn("bot@example.org");
            String token = site.site
                    .users()
                    .newApiToken(site.site
                            .users()
                            .findByEmail("bot@example.org")
                            .orElseThrow()
                            .id());
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            int metricsBefore = get(http, site.base, "/metrics").length();

            Queue failures = new Queue();
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            AtomicInteger sent = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> work = new ArrayList<>();
            for (int worker = 0; worker < 4; worker++) {
                Random random = new Random(SEED + worker);
                work.add(pool.submit(() -> {
                    Fuzz fuzz = new Fuzz(random, session, csrf, token);
                    for (int i = 0; i < REQUESTS / 4; i++) {
                        String what = "";
                        int status;
                        try {
                            if (random.nextInt(10) == 0) {
                                String raw = fuzz.rawRequest();
                                what = raw.lines().findFirst().orElse("");
                                status = rawStatus(site.base, raw);
                            } else {
                                HttpRequest request = fuzz.request(site.base);
                                what = request.method() + " " + request.uri() + " "
                                        + request.headers().map();
                                status = sendOnce(http, request);
                            }
                        } catch (IOException | InterruptedException | IllegalArgumentException e) {
                            failures.add("no answer to " + shorten(what) + ": " + e);
                            continue;
                        }
                        sent.incrementAndGet();
                        statuses.computeIfAbsent(status, k -> new AtomicInteger())
                                .incrementAndGet();
                        if (status >= 500 || status < 100) {
                            failures.add(status + " for " + shorten(what));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            pool.shutdown();
            String metrics = get(http, site.base, "/metrics");

            assertThat(failures.all()).isEmpty();
            assertThat(sent.get()).isEqualTo(REQUESTS);
            assertThat(statuses.keySet()).contains(200, 400, 404, 405);
            // Every series names a known method (or "other") and a registered route pattern.
            Set<String> methods = new TreeSet<>();
            Matcher m = Pattern.compile("method=\"([^\"]*)\"").matcher(metrics);
            while (m.find()) {
                methods.add(m.group(1));
            }
            Set<String> allowed = new TreeSet<>(RequestGuard.KNOWN_METHODS);
            allowed.add("other");
            assertThat(allowed).containsAll(methods);
            assertThat(metrics).doesNotContain("route=\"/papers/2607").doesNotContain("Ünïcødé");
            assertThat(metrics.length()).isLessThan(metricsBefore + 120_000);
        }
    }

    /**
     * The status of {@code request}; when a kept-alive connection fails (the server closed it
     * after an earlier answer, or it stalls while the shared machine is busy), once more on a
     * fresh connection: what is tested is the server's answer, not the client's connection pool.
     */
    private static int sendOnce(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            HttpClient fresh = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            return fresh.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    private static String get(HttpClient http, URI base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** Sends {@code raw} on a fresh socket and returns the status of the answer (0 when none came). */
    private static int rawStatus(URI base, String raw) throws IOException {
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.UTF_8));
            out.flush();
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            byte[] head = in.readNBytes(12);
            String line = new String(head, StandardCharsets.ISO_8859_1);
            if (!line.startsWith("HTTP/1.1 ") || line.length() < 12) {
                // Jetty may close a connection whose bytes are not HTTP at all: no answer, no 5xx.
                return line.isEmpty() ? 400 : -1;
            }
            return Integer.parseInt(line.substring(9, 12));
        }
    }

    private static String shorten(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }

    /** Collects failures from every worker. */
    private static final class Queue {
        private final ConcurrentLinkedQueue<String> items = new ConcurrentLinkedQueue<>();

        void add(String s) {
            items.add(s);
        }

        List<String> all() {
            return List.copyOf(items);
        }
    }

    /** One worker's generator of requests, deterministic for its seed. */
    private static final class Fuzz {
        private final Random random;
        private final String session;
        private final String csrf;
        private final String token;

        Fuzz(Random random, String session, String csrf, String token) {
            this.random = random;
            this.session = session;
            this.csrf = csrf;
            this.token = token;
        }

        private <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }

        private String odd() {
            return pick(ODD);
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }

        private String path() {
            String route = pick(ROUTES);
            String id = random.nextInt(3) == 0 ? enc(odd()) : pick(List.of("2607.00001", "hep-th/9901001", "2607.9"));
            return route.replace("{id}", id)
                    .replace("{day}", enc(pick(List.of("2026-07-01", "0000-01-01", "+999999999-12-31", "-1", odd()))))
                    .replace("{week}", enc(pick(List.of("2026-W27", "+999999999-W01", "2026-W00", odd()))))
                    .replace("{month}", enc(pick(List.of("2026-07", "+999999999-12", "0000-01", odd()))));
        }

        private String query() {
            StringBuilder q = new StringBuilder();
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                q.append(i == 0 ? "?" : "&").append(pick(PARAMS)).append('=').append(enc(odd()));
            }
            return q.toString();
        }

        private String body(String type) {
            return switch (random.nextInt(6)) {
                case 0 -> "";
                case 1 ->
                    "{\"upvote\":" + odd() + ",\"arxivId\":\"" + odd().replace("\"", "") + "\",\"email\":\""
                            + odd().replace("\"", "") + "\",\"categories\":[1,{}],\"alerts\":\"x\"}";
                case 2 ->
                    "email=" + enc(odd()) + "&_csrf=" + (random.nextBoolean() ? csrf : enc(odd())) + "&token="
                            + enc(odd()) + "&upvote=" + enc(odd()) + "&next=" + enc(odd());
                case 3 -> "--xyz\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\n" + odd() + "\r\n--xyz--\r\n";
                case 4 -> "[]";
                default -> type.startsWith("multipart") ? "--xyz\r\n\r\n" + "y".repeat(random.nextInt(5000)) : odd();
            };
        }

        HttpRequest request(URI base) {
            URI uri = base.resolve(path() + query());
            String method = pick(METHODS);
            String type = pick(TYPES);
            HttpRequest.BodyPublisher body = method.equals("GET") || method.equals("HEAD")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body(type));
            HttpRequest.Builder b =
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).method(method, body);
            if (random.nextInt(3) > 0) {
                b.header("Content-Type", type);
            }
            switch (random.nextInt(6)) {
                case 0 ->
                    b.header(
                            "Cookie",
                            WebServer.SESSION_COOKIE + "=" + session + "; " + WebServer.CSRF_COOKIE + "=" + csrf);
                case 1 -> b.header("Cookie", WebServer.SESSION_COOKIE + "=" + enc(odd()) + "; pb_csrf=" + enc(odd()));
                case 2 -> b.header("Authorization", "Bearer " + (random.nextBoolean() ? token : enc(odd())));
                case 3 ->
                    b.header("Authorization", pick(List.of("Basic eDp5", "Bearer", "bearer  " + token, "Token x")));
                default -> {}
            }
            if (random.nextBoolean()) {
                b.header(WebServer.CSRF_HEADER, random.nextBoolean() ? csrf : enc(odd()));
            }
            if (random.nextInt(4) == 0) {
                b.header("X-Forwarded-For", pick(List.of("203.0.113.5", "1.2.3.4, evil", enc(odd()))));
            }
            if (random.nextInt(5) == 0) {
                b.header("Accept", pick(List.of("application/json", "text/html", "*/*", enc(odd()))));
            }
            return b.build();
        }

        /** Bytes a browser would never send: odd methods, broken request lines, headers and lengths. */
        String rawRequest() {
            String method = switch (random.nextInt(5)) {
                case 0 -> "Y" + Integer.toString(random.nextInt(1_000_000), 36) + "AAAA";
                case 1 -> "get";
                case 2 -> "PROPFIND";
                default -> pick(METHODS);
            };
            String target = switch (random.nextInt(5)) {
                case 0 -> "/api/x/%";
                case 1 -> "/" + "a".repeat(9_000);
                case 2 -> "*";
                case 3 -> "/date/" + odd();
                default -> path() + query();
            };
            String extra = switch (random.nextInt(5)) {
                case 0 -> "X-Big: " + "b".repeat(10_000) + "\r\n";
                case 1 -> "Content-Length: -5\r\n";
                case 2 -> "Transfer-Encoding: chunked\r\n";
                case 3 -> "Cookie: pb_session=" + "\u00ff".repeat(50) + "\r\n";
                default -> "Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: 2\r\n";
            };
            return method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "Connection: close\r\n\r\n[]";
        }
    }
}
