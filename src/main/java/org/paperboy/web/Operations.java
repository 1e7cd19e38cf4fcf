package org.paperboy.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paperboy.search.IndexingStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For whoever runs the site: {@code /health} (JSON: the store answers, papers, indexed documents
 * and vectors, how indexing goes; 503 when the store does not answer, "degraded" while indexing fails) and {@code /metrics} (Prometheus text:
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
        IndexingStatus indexing = site.indexing().status();
        Map<String, Object> body = new LinkedHashMap<>();
        // Searches still answer while indexing fails (from the last state), so the site is degraded, not down.
        body.put("status", indexing.failing() ? "degraded" : "ok");
        body.put("papers", papers);
        body.put("indexDocuments", site.index().count());
        body.put("indexVectors", site.index().countWithVector());
        body.put("indexing", indexing.describe());
        ctx.json(body);
    }

    private void metrics(Context ctx) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        IndexingStatus indexing = site.indexing().status();
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
                new Metrics.Gauge(
                        "paperboy_indexing_failing",
                        "1 while background indexing fails (retrying with back-off), else 0.",
                        indexing.failing() ? 1 : 0),
                new Metrics.Gauge(
                        "paperboy_indexing_failing_since_seconds",
                        "Unix time since which indexing fails; 0 while it works.",
                        indexing.failing() ? indexing.since().getEpochSecond() : 0),
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
