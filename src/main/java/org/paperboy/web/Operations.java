package org.paperboy.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For whoever runs the site: {@code /health} (JSON: the store answers, papers, indexed documents
 * and vectors; 503 when the store does not answer) and {@code /metrics} (Prometheus text:
 * requests, latencies, papers, index size, accounts, JVM heap, uptime).
 */
final class Operations {

    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);

    private final Site site;
    private final Metrics metrics;

    Operations(Site site, Templates templates, Metrics metrics) {
        this.site = site;
        this.metrics = metrics;
    }

    void register(RoutesConfig r) {
        r.get("/health", this::health);
        r.get("/metrics", this::metrics);
    }

    private void health(Context ctx) {
        long papers;
        try {
            papers = site.papers().count();
        } catch (RuntimeException e) {
            LOG.error("health check: the store does not answer", e);
            throw HttpError.unavailable("the store does not answer");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("papers", papers);
        body.put("indexDocuments", site.index().count());
        body.put("indexVectors", site.index().countWithVector());
        ctx.json(body);
    }

    private void metrics(Context ctx) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        List<Metrics.Gauge> gauges = List.of(
                new Metrics.Gauge(
                        "paperboy_papers", "Papers in the store.", site.papers().count()),
                new Metrics.Gauge(
                        "paperboy_index_documents",
                        "Papers in the search index.",
                        site.index().count()),
                new Metrics.Gauge(
                        "paperboy_index_vectors",
                        "Papers in the search index with a vector.",
                        site.index().countWithVector()),
                new Metrics.Gauge(
                        "paperboy_index_size_bytes",
                        "Bytes the search index takes on disk.",
                        site.index().sizeOnDisk()),
                new Metrics.Gauge("paperboy_users", "Accounts.", site.users().count()),
                new Metrics.Gauge("paperboy_jvm_heap_used_bytes", "JVM heap in use.", heap.getUsed()),
                new Metrics.Gauge(
                        "paperboy_jvm_heap_max_bytes", "Largest JVM heap allowed (-1: no limit).", heap.getMax()),
                new Metrics.Gauge(
                        "paperboy_uptime_seconds",
                        "Seconds since the web server started.",
                        metrics.uptime().toMillis() / 1000.0));
        ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.render(gauges));
    }
}
