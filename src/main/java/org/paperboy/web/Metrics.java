package org.paperboy.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counters and latency histograms for {@code /metrics}, written in the Prometheus text
 * format 0.0.4. {@link #record} is called for every answered request and takes no lock (one
 * {@link LongAdder} per series); routes are Javalin's path patterns, so the number of series is
 * bounded by the routes, not by the URLs asked for.
 */
final class Metrics {

    /** Upper bounds of the latency buckets in seconds: Prometheus' client defaults. */
    static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** One figure sampled when the metrics are read. */
    record Gauge(String name, String help, double value) {}

    private record RequestKey(String method, String route, int status) {}

    private static final Comparator<RequestKey> ORDER = Comparator.comparing(RequestKey::route)
            .thenComparing(RequestKey::method)
            .thenComparingInt(RequestKey::status);

    /** Latencies of one route: per-bucket counts (the last is +Inf), their sum in microseconds. */
    private static final class Histogram {
        final LongAdder[] buckets = new LongAdder[BUCKETS.length + 1];
        final LongAdder sumMicros = new LongAdder();

        Histogram() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void add(double seconds, long micros) {
            int i = 0;
            while (i < BUCKETS.length && seconds > BUCKETS[i]) {
                i++;
            }
            buckets[i].increment();
            sumMicros.add(micros);
        }
    }

    private final Clock clock;
    private final Instant started;
    private final Map<RequestKey, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latencies = new ConcurrentHashMap<>();

    Metrics(Clock clock) {
        this.clock = clock;
        this.started = clock.instant();
    }

    /** Counts one answered request: its method, route pattern, status and time taken. */
    void record(String method, String route, int status, float millis) {
        requests.computeIfAbsent(new RequestKey(method, route, status), k -> new LongAdder())
                .increment();
        long micros = Math.max(0, Math.round(millis * 1000.0));
        latencies.computeIfAbsent(route, k -> new Histogram()).add(micros / 1_000_000.0, micros);
    }

    /** Time since this server started, by its clock. */
    Duration uptime() {
        return Duration.between(started, clock.instant());
    }

    /** Every series in the Prometheus text format, then {@code gauges} in the order given. */
    String render(List<Gauge> gauges) {
        StringBuilder out = new StringBuilder(4096);
        out.append("# HELP paperboy_http_requests_total HTTP requests answered, by method, route and status.\n");
        out.append("# TYPE paperboy_http_requests_total counter\n");
        Map<RequestKey, LongAdder> sorted = new TreeMap<>(ORDER);
        sorted.putAll(requests);
        sorted.forEach((k, n) -> out.append("paperboy_http_requests_total{method=\"")
                .append(escape(k.method()))
                .append("\",route=\"")
                .append(escape(k.route()))
                .append("\",status=\"")
                .append(k.status())
                .append("\"} ")
                .append(n.sum())
                .append('\n'));
        out.append("# HELP paperboy_http_request_duration_seconds Time to answer HTTP requests, by route.\n");
        out.append("# TYPE paperboy_http_request_duration_seconds histogram\n");
        new TreeMap<>(latencies).forEach((route, h) -> {
            String label = "route=\"" + escape(route) + "\"";
            long cumulative = 0;
            for (int i = 0; i < h.buckets.length; i++) {
                cumulative += h.buckets[i].sum();
                String le = i < BUCKETS.length ? number(BUCKETS[i]) : "+Inf";
                out.append("paperboy_http_request_duration_seconds_bucket{")
                        .append(label)
                        .append(",le=\"")
                        .append(le)
                        .append("\"} ")
                        .append(cumulative)
                        .append('\n');
            }
            out.append("paperboy_http_request_duration_seconds_sum{")
                    .append(label)
                    .append("} ")
                    .append(number(h.sumMicros.sum() / 1_000_000.0))
                    .append('\n');
            out.append("paperboy_http_request_duration_seconds_count{")
                    .append(label)
                    .append("} ")
                    .append(cumulative)
                    .append('\n');
        });
        for (Gauge g : gauges) {
            out.append("# HELP ").append(g.name()).append(' ').append(g.help()).append('\n');
            out.append("# TYPE ").append(g.name()).append(" gauge\n");
            out.append(g.name()).append(' ').append(number(g.value())).append('\n');
        }
        return out.toString();
    }

    /** A number as Prometheus reads it: whole numbers without a fraction, others in plain decimal. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** A label value with backslash, double quote and line feed escaped, as the format requires. */
    static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
