package org.paperboy.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.paperboy.search.ClusterState;
import org.paperboy.search.IndexingStatus;
import org.paperboy.sources.SourceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For whoever runs the site: {@code /health} (JSON: the store answers, papers, indexed documents
 * and vectors, how indexing goes, each scheduled source's health; 503 when the store does not
 * answer, "degraded" while indexing fails) and {@code /metrics} (Prometheus text: requests,
 * latencies, papers, index size, accounts, JVM heap, uptime, and per scheduled source runs,
 * failures, papers stored, rejects and time since the last success).
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
        Map<String, Object> search = searchHealth();
        // Searches still answer while indexing fails (from the last state), or while a cluster has
        // lost replicas (from the others), so the site is degraded, not down.
        boolean clusterTrouble = search.containsKey("problems") && !((List<?>) search.get("problems")).isEmpty();
        body.put("status", indexing.failing() || clusterTrouble ? "degraded" : "ok");
        body.put("papers", papers);
        body.put("indexDocuments", site.index().count());
        body.put("indexVectors", site.index().countWithVector());
        body.put("indexing", indexing.describe());
        body.put("search", search);
        if (site.sources().enabled()) {
            body.put("sources", sourceHealth());
        }
        ctx.json(body);
    }

    /**
     * Where searches go: the embedded index, or a cluster's collection with its live nodes, shards
     * and active replicas, and what is wrong with it.
     */
    private Map<String, Object> searchHealth() {
        Map<String, Object> m = new LinkedHashMap<>();
        Optional<ClusterState> cluster;
        try {
            cluster = site.index().cluster();
        } catch (RuntimeException e) {
            LOG.warn("health check: the search cluster does not answer: {}", e.getMessage());
            m.put("backend", "solr");
            m.put("problems", List.of("the cluster does not answer: " + e.getMessage()));
            return m;
        }
        if (cluster.isEmpty()) {
            m.put("backend", "lucene");
            return m;
        }
        ClusterState c = cluster.get();
        m.put("backend", "solr");
        m.put("collection", c.collection());
        if (!c.target().equals(c.collection())) {
            m.put("aliasOf", c.target());
        }
        m.put("liveNodes", c.liveNodes());
        m.put("shards", c.shards());
        m.put("replicas", c.replicas());
        m.put("activeReplicas", c.activeReplicas());
        m.put("problems", c.problems());
        return m;
    }

    /**
     * Each scheduled source's health; a failing one says since when and why. A failing source
     * never makes the site unhealthy (the status stays 200): the feed still serves what it has.
     */
    private List<Map<String, Object>> sourceHealth() {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        try {
            for (SourceStatus st : site.sources().statuses()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", st.name());
                m.put("status", st.health());
                if (st.failing()) {
                    m.put("failingSince", st.state().failingSince().toString());
                    m.put("failures", st.state().failures());
                    m.put("lastError", st.state().lastError());
                }
                if (st.state().lastSuccessAt() != null) {
                    m.put("lastSuccess", st.state().lastSuccessAt().toString());
                }
                out.add(m);
            }
        } catch (RuntimeException e) {
            LOG.error("health check: the sources' state cannot be read", e);
        }
        return out;
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
        List<Metrics.Gauge> all = new java.util.ArrayList<>(gauges);
        all.addAll(clusterGauges());
        ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.render(all) + sourceMetrics());
    }

    /** The search cluster's nodes and replicas; none for the embedded index, zeros while the cluster does not answer. */
    private List<Metrics.Gauge> clusterGauges() {
        ClusterState c;
        try {
            Optional<ClusterState> cluster = site.index().cluster();
            if (cluster.isEmpty()) {
                return List.of();
            }
            c = cluster.get();
        } catch (RuntimeException e) {
            c = new ClusterState("", "", List.of(), 0, 0, 0, List.of("does not answer"));
        }
        return List.of(
                new Metrics.Gauge(
                        "paperboy_search_live_nodes",
                        "Search cluster nodes alive.",
                        c.liveNodes().size()),
                new Metrics.Gauge("paperboy_search_shards", "Shards of the search collection.", c.shards()),
                new Metrics.Gauge(
                        "paperboy_search_replicas", "Replicas of the search collection's shards.", c.replicas()),
                new Metrics.Gauge(
                        "paperboy_search_replicas_active",
                        "Replicas that answer (active, on a live node).",
                        c.activeReplicas()));
    }

    /** Per scheduled source: runs, failed runs, papers stored, rejects, failing, seconds since the last success. */
    private String sourceMetrics() {
        if (!site.sources().enabled()) {
            return "";
        }
        List<SourceStatus> statuses = site.sources().statuses();
        java.time.Instant now = site.clock().instant();
        StringBuilder out = new StringBuilder();
        series(out, "paperboy_source_runs_total", "counter", "Runs of each scheduled source.", statuses, st ->
                (double) st.totals().runs());
        series(
                out,
                "paperboy_source_failures_total",
                "counter",
                "Failed (or abandoned) runs of each scheduled source.",
                statuses,
                st -> (double) st.totals().failed());
        series(
                out,
                "paperboy_source_papers_stored_total",
                "counter",
                "Papers added or changed by each scheduled source.",
                statuses,
                st -> (double) st.totals().stored());
        series(
                out,
                "paperboy_source_rejects_total",
                "counter",
                "Malformed items each scheduled source rejected.",
                statuses,
                st -> (double) st.totals().rejected());
        series(
                out,
                "paperboy_source_failing",
                "gauge",
                "1 while the latest run of a scheduled source failed.",
                statuses,
                st -> st.failing() ? 1.0 : 0.0);
        series(
                out,
                "paperboy_source_seconds_since_success",
                "gauge",
                "Seconds since each scheduled source last ran successfully (absent before its first success).",
                statuses,
                st -> st.sinceSuccess(now) == null ? null : st.sinceSuccess(now).toMillis() / 1000.0);
        return out.toString();
    }

    private static void series(
            StringBuilder out,
            String name,
            String type,
            String help,
            List<SourceStatus> statuses,
            java.util.function.Function<SourceStatus, Double> value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        for (SourceStatus st : statuses) {
            Double v = value.apply(st);
            if (v != null) {
                out.append(name)
                        .append("{source=\"")
                        .append(Metrics.escape(st.name()))
                        .append("\"} ")
                        .append(Metrics.number(v))
                        .append('\n');
            }
        }
    }
}
