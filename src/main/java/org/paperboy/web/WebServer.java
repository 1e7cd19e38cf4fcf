package org.paperboy.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.paperboy.search.SearchMode;
import org.paperboy.search.SearchRequest;
import org.paperboy.search.SearchResults;
import org.paperboy.search.Searcher;
import org.paperboy.store.PaperRepository;

/**
 * The HTTP face of Paperboy on Javalin: {@code /health} and {@code /api/papers/search} for now;
 * the feed and pages join it in later issues. Errors are RFC 9457 problem JSON, never a stack
 * trace. Search answers with BM25 while vectors are still being built.
 */
public final class WebServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PaperRepository papers;
    private final Searcher searcher;
    private final Function<String, float[]> queryEmbedder;
    private final double alpha;
    private Javalin app;

    /**
     * @param queryEmbedder the query's vector, or {@code null} while the model is not loaded (dense
     *     and hybrid searches then answer with BM25 and a notice)
     */
    public WebServer(PaperRepository papers, Searcher searcher, Function<String, float[]> queryEmbedder, double alpha) {
        this.papers = papers;
        this.searcher = searcher;
        this.queryEmbedder = queryEmbedder;
        this.alpha = alpha;
    }

    /** Starts listening on {@code port} (0 picks a free one) and returns the port bound. */
    public int start(String host, int port) {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/health", ctx -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("status", "ok");
                body.put("papers", papers.count());
                ctx.json(body);
            });
            config.routes.get("/api/papers/search", this::search);
            config.routes.exception(BadRequest.class, (e, ctx) -> problem(ctx, 400, "Bad Request", e.getMessage()));
            config.routes.exception(
                    Exception.class,
                    (e, ctx) -> problem(ctx, 500, "Internal Server Error", "the server could not answer; see its log"));
            config.routes.error(404, ctx -> {
                if (!"application/problem+json".equals(ctx.contentType())) {
                    problem(ctx, 404, "Not Found", "no page at this address");
                }
            });
        });
        app.start(host, port);
        return app.port();
    }

    private void search(Context ctx) throws Exception {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            throw new BadRequest("q: give a query, e.g. /api/papers/search?q=dense+retrieval");
        }
        SearchMode mode;
        try {
            mode = SearchMode.parse(ctx.queryParamAsClass("mode", String.class).getOrDefault("hybrid"));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("mode: " + e.getMessage());
        }
        int limit = intParam(ctx, "limit", 10, 1, 100);
        int offset = intParam(ctx, "offset", 0, 0, SearchRequest.MAX_WINDOW - limit);
        float[] vector = mode == SearchMode.BM25 ? null : queryEmbedder.apply(q);
        SearchResults results =
                searcher.search(new SearchRequest(q, vector, mode, null, alpha, null, offset, limit, false));
        ObjectNode root = JSON.createObjectNode();
        root.put("query", q);
        root.put("mode", mode.key());
        root.put("total", results.totalHits());
        SearchJson.addHits(root.putArray("hits"), results.hits());
        results.notices().forEach(root.putArray("notices")::add);
        ctx.contentType("application/json").result(JSON.writeValueAsString(root));
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadRequest(String.format(
                Locale.ROOT,
                "%s: '%s' is not a whole number from %d to %d",
                name,
                v.length() > 40 ? v.substring(0, 40) + "..." : v,
                min,
                max));
    }

    private static void problem(Context ctx, int status, String title, String detail) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", "about:blank");
        o.put("title", title);
        o.put("status", status);
        o.put("detail", detail);
        ctx.status(status).contentType("application/problem+json").result(o.toString());
    }

    /** A request the client must fix; answered 400 with the message as detail. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
    }
}
