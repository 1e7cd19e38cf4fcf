package org.paperboy.web;

import io.javalin.Javalin;
import java.util.LinkedHashMap;
import java.util.Map;
import org.paperboy.store.PaperRepository;

/**
 * The HTTP face of Paperboy on Javalin. For now it answers {@code /health}; the feed, search and
 * API routes join it in later issues. Errors are RFC 9457 problem JSON, never a stack trace.
 */
public final class WebServer implements AutoCloseable {

    private final PaperRepository papers;
    private Javalin app;

    public WebServer(PaperRepository papers) {
        this.papers = papers;
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
            config.routes.exception(Exception.class, (e, ctx) -> {
                ctx.status(500)
                        .contentType("application/problem+json")
                        .result("{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,"
                                + "\"detail\":\"the server could not answer; see its log\"}");
            });
            config.routes.error(
                    404,
                    ctx -> ctx.contentType("application/problem+json")
                            .result("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                                    + "\"detail\":\"no page at this address\"}"));
        });
        app.start(host, port);
        return app.port();
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
    }
}
