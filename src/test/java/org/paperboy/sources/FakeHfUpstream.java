package org.paperboy.sources;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in for Hugging Face's {@code /api/daily_papers} as a real HTTP server on a loopback
 * port: each day's items (JSON texts) served page by page ({@code p}, {@code limit}), and, per day,
 * a fault instead of the answer: 500, 429 with {@code Retry-After}, an HTML page, truncated JSON,
 * a 100 MB body, or silence. Records every request's path and query.
 */
public final class FakeHfUpstream implements AutoCloseable {

    /** How a day's request goes wrong. */
    public enum Fault {
        SERVER_ERROR,
        TOO_MANY_REQUESTS,
        HTML,
        TRUNCATED_JSON,
        HUNDRED_MEGABYTES,
        SILENCE
    }

    private final HttpServer server;
    private final Map<LocalDate, List<String>> days = new ConcurrentHashMap<>();
    private final Map<LocalDate, Fault> faults = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile String held;
    private final java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

    public FakeHfUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/daily_papers", this::answer);
        server.start();
    }

    /** The base URL to configure as {@code PAPERBOY_HF_ENDPOINT}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Serves {@code items} (JSON object texts) for {@code day}, replacing what it served before. */
    public void day(LocalDate day, List<String> items) {
        days.put(day, List.copyOf(items));
    }

    public void fault(LocalDate day, Fault fault) {
        faults.put(day, fault);
    }

    public void heal(LocalDate day) {
        faults.remove(day);
    }

    /**
     * Holds the request for page {@code page} of {@code day} unanswered until {@link #release()}
     * (one hold per server), as an upstream that hangs in the middle of a day.
     */
    public void hold(LocalDate day, int page) {
        held = "date=" + day + "&p=" + page + "&";
    }

    /** Waits until the held request arrived; false when it did not within {@code seconds}. */
    public boolean awaitHeld(long seconds) throws InterruptedException {
        return holding.await(seconds, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Lets the held request go on (its client may be gone by then). */
    public void release() {
        released.countDown();
    }

    /** The requests so far as {@code date=D&p=N&limit=L}, oldest first. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public void forget() {
        requests.clear();
    }

    /** One daily item shaped as Hugging Face writes it, with the facts a card shows. */
    public static String item(String id, String title, int upvotes, LocalDate day) {
        return """
                {"paper":{"id":"%s","authors":[{"_id":"a1","name":"Ada Lovelace","hidden":false},\
                {"_id":"a2","name":"Alan Turing","hidden":false}],"publishedAt":"%sT17:59:30.000Z",\
                "submittedOnDailyAt":"%sT00:57:09.392Z","title":"%s","summary":"An abstract about %s.",\
                "upvotes":%d,"discussionId":"d%s","githubRepo":"https://github.com/example/%s","githubStars":%d,\
                "ai_summary":"A short summary.","ai_keywords":["retrieval","embeddings"],\
                "organization":{"_id":"o1","name":"example-lab","fullname":"Example Lab"}},\
                "publishedAt":"%sT00:57:09.392Z","title":"%s",\
                "thumbnail":"https://cdn-thumbnails.example.org/%s.png","numComments":%d,\
                "submittedBy":{"avatarUrl":"/avatars/x.svg","fullname":"Grace Hopper","name":"ghopper","type":"user"}}""".formatted(
                id, day.minusDays(3), day, title, title, upvotes, id, id, upvotes * 10, day, title, id, upvotes % 7);
    }

    /** {@code n} items for {@code day} with ids {@code YYMM.DDnnn} and upvotes n, n-1, ... 1. */
    public static List<String> items(LocalDate day, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = String.format(
                    "%02d%02d.%02d%03d", day.getYear() % 100, day.getMonthValue(), day.getDayOfMonth(), i + 1);
            out.add(item(id, "Paper " + id, n - i, day));
        }
        return out;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(query);
            String hold = held;
            if (hold != null && query != null && (query + "&").startsWith(hold)) {
                holding.countDown();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            Map<String, String> q = new java.util.HashMap<>();
            for (String part : (query == null ? "" : query).split("&")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    q.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
            LocalDate day = LocalDate.parse(q.getOrDefault("date", "1970-01-01"));
            int page = Integer.parseInt(q.getOrDefault("p", "0"));
            int limit = Integer.parseInt(q.getOrDefault("limit", "50"));
            Fault fault = faults.get(day);
            if (fault != null) {
                fail(exchange, fault);
                return;
            }
            List<String> all = days.getOrDefault(day, List.of());
            List<String> slice =
                    all.subList(Math.min(all.size(), page * limit), Math.min(all.size(), (page + 1) * limit));
            send(exchange, 200, "application/json", "[" + String.join(",", slice) + "]");
        }
    }

    private static void fail(HttpExchange exchange, Fault fault) throws IOException {
        switch (fault) {
            case SERVER_ERROR -> send(exchange, 500, "text/plain", "upstream exploded");
            case TOO_MANY_REQUESTS -> {
                exchange.getResponseHeaders().add("Retry-After", "120");
                send(exchange, 429, "text/plain", "slow down");
            }
            case HTML -> send(exchange, 200, "text/html", "<!doctype html><html><body>Maintenance</body></html>");
            case TRUNCATED_JSON -> send(exchange, 200, "application/json", "[{\"paper\":{\"id\":\"2501.0");
            case HUNDRED_MEGABYTES -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 0); // chunked, no length: the client must count
                byte[] chunk = new byte[1 << 20];
                java.util.Arrays.fill(chunk, (byte) ' ');
                chunk[0] = '[';
                try (OutputStream out = exchange.getResponseBody()) {
                    for (int i = 0; i < 100; i++) {
                        out.write(chunk);
                        chunk[0] = ' ';
                    }
                } catch (IOException gaveUp) {
                    // the client stopped reading at its cap
                }
            }
            case SILENCE -> {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
