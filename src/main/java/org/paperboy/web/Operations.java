package org.paperboy.web;

import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /health} and {@code /metrics}. PLACEHOLDER for /metrics: being written (issue 4). */
final class Operations {

    private final Site site;
    private final Templates templates;
    private final Metrics metrics;

    Operations(Site site, Templates templates, Metrics metrics) {
        this.site = site;
        this.templates = templates;
        this.metrics = metrics;
    }

    void register(RoutesConfig r) {
        r.get("/health", ctx -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "ok");
            body.put("papers", site.papers().count());
            ctx.json(body);
        });
    }
}
