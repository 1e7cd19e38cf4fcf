package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final Instant START = Instant.parse("2026-07-02T12:00:00Z");

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void writes_counters_histograms_and_gauges_in_the_prometheus_text_format() {
        Metrics m = new Metrics(Clock.fixed(START, ZoneOffset.UTC));
        m.record("GET", "/", 200, 3.0f);
        m.record("GET", "/", 200, 12.5f);
        m.record("POST", "/submit", 303, 700f);
        m.record("GET", "/", 304, 0.4f);
        m.record("GET", "unmatched", 404, 0.4f);

        String text = m.render(List.of(
                new Metrics.Gauge("paperboy_papers", "Papers in the store.", 74_728),
                new Metrics.Gauge("paperboy_uptime_seconds", "Seconds since the web server started.", 1.5)));

        assertThat(text).isEqualTo("""
                # HELP paperboy_http_requests_total HTTP requests answered, by method, route and status.
                # TYPE paperboy_http_requests_total counter
                paperboy_http_requests_total{method="GET",route="/",status="200"} 2
                paperboy_http_requests_total{method="GET",route="/",status="304"} 1
                paperboy_http_requests_total{method="POST",route="/submit",status="303"} 1
                paperboy_http_requests_total{method="GET",route="unmatched",status="404"} 1
                # HELP paperboy_http_request_duration_seconds Time to answer HTTP requests, by route.
                # TYPE paperboy_http_request_duration_seconds histogram
                paperboy_http_request_duration_seconds_bucket{route="/",le="0.005"} 2
                paperboy_http_request_duration_seconds_bucket{route="/",le="0.01"} 2
                paperboy_http_request_duration_seconds_bucket{route="/",le="0.025"} 3
                paperboy_http_request_duration_seconds_bucket{route="/",le="0.05"} 3
                paperboy_http_request_duration_seconds_bucket{route="/",le="0.1"} 3
                paperboy_http_request_duration_seconds_bucket{route="/",le="0.25"} 3
                paperboy_http_request_duration_seconds_bucket{route="/",le="0.5"} 3
                paperboy_http_request_duration_seconds_bucket{route="/",le="1"} 3
                paperboy_http_request_duration_seconds_bucket{route="/",le="2.5"} 3
                paperboy_http_request_duration_seconds_bucket{route="/",le="5"} 3
                paperboy_http_request_duration_seconds_bucket{route="/",le="10"} 3
                paperboy_http_request_duration_seconds_bucket{route="/",le="+Inf"} 3
                paperboy_http_request_duration_seconds_sum{route="/"} 0.0159
                paperboy_http_request_duration_seconds_count{route="/"} 3
                paperboy_http_request_duration_seconds_bucket{route="/submit",le="0.005"} 0
                paperboy_http_request_duration_seconds_bucket{route="/submit",le="0.01"} 0
                paperboy_http_request_duration_seconds_bucket{route="/submit",le="0.025"} 0
                paperboy_http_request_duration_seconds_bucket{route="/submit",le="0.05"} 0
                paperboy_http_request_duration_seconds_bucket{route="/submit",le="0.1"} 0
                paperboy_http_request_duration_seconds_bucket{route="/submit",le="0.25"} 0
                paperboy_http_request_duration_seconds_bucket{route="/submit",le="0.5"} 0
                paperboy_http_request_duration_seconds_bucket{route="/submit",le="1"} 1
                paperboy_http_request_duration_seconds_bucket{route="/submit",le="2.5"} 1
                paperboy_http_request_duration_seconds_bucket{route="/submit",le="5"} 1
                paperboy_http_request_duration_seconds_bucket{route="/submit",le="10"} 1
                paperboy_http_request_duration_seconds_bucket{route="/submit",le="+Inf"} 1
                paperboy_http_request_duration_seconds_sum{route="/submit"} 0.7
                paperboy_http_request_duration_seconds_count{route="/submit"} 1
                paperboy_http_request_duration_seconds_bucket{route="unmatched",le="0.005"} 1
                paperboy_http_request_duration_seconds_bucket{route="unmatched",le="0.01"} 1
                paperboy_http_request_duration_seconds_bucket{route="unmatched",le="0.025"} 1
                paperboy_http_request_duration_seconds_bucket{route="unmatched",le="0.05"} 1
                paperboy_http_request_duration_seconds_bucket{route="unmatched",le="0.1"} 1
                paperboy_http_request_duration_seconds_bucket{route="unmatched",le="0.25"} 1
                paperboy_http_request_duration_seconds_bucket{route="unmatched",le="0.5"} 1
                paperboy_http_request_duration_seconds_bucket{route="unmatched",le="1"} 1
                paperboy_http_request_duration_seconds_bucket{route="unmatched",le="2.5"} 1
                paperboy_http_request_duration_seconds_bucket{route="unmatched",le="5"} 1
                paperboy_http_request_duration_seconds_bucket{route="unmatched",le="10"} 1
                paperboy_http_request_duration_seconds_bucket{route="unmatched",le="+Inf"} 1
                paperboy_http_request_duration_seconds_sum{route="unmatched"} 0.0004
                paperboy_http_request_duration_seconds_count{route="unmatched"} 1
                # HELP paperboy_papers Papers in the store.
                # TYPE paperboy_papers gauge
                paperboy_papers 74728
                # HELP paperboy_uptime_seconds Seconds since the web server started.
                # TYPE paperboy_uptime_seconds gauge
                paperboy_uptime_seconds 1.5
                """);
    }

    @Test
    void writes_only_the_headers_before_the_first_request() {
        assertThat(new Metrics(Clock.systemUTC()).render(List.of())).isEqualTo("""
                # HELP paperboy_http_requests_total HTTP requests answered, by method, route and status.
                # TYPE paperboy_http_requests_total counter
                # HELP paperboy_http_request_duration_seconds Time to answer HTTP requests, by route.
                # TYPE paperboy_http_request_duration_seconds histogram
                """);
    }

    @Test
    void escapes_quotes_backslashes_and_line_feeds_in_label_values() {
        Metrics m = new Metrics(Clock.systemUTC());
        m.record("GET", "/a\"b\\c\nd", 200, 1f);

        assertThat(m.render(List.of()))
                .contains("paperboy_http_requests_total{method=\"GET\",route=\"/a\\\"b\\\\c\\nd\",status=\"200\"} 1\n");
    }

    @Test
    void counts_a_request_on_the_boundary_of_a_bucket_in_that_bucket() {
        Metrics m = new Metrics(Clock.systemUTC());
        m.record("GET", "/", 200, 5f);

        assertThat(m.render(List.of()))
                .contains("paperboy_http_request_duration_seconds_bucket{route=\"/\",le=\"0.005\"} 1\n");
    }

    @Test
    void measures_uptime_by_its_clock() {
        HandClock clock = new HandClock();
        Metrics m = new Metrics(clock);
        clock.now = START.plusSeconds(90);

        assertThat(m.uptime()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void writes_numbers_as_prometheus_reads_them() {
        assertThat(Metrics.number(3)).isEqualTo("3");
        assertThat(Metrics.number(-1)).isEqualTo("-1");
        assertThat(Metrics.number(0.1)).isEqualTo("0.1");
        assertThat(Metrics.number(1e-7)).isEqualTo("0.0000001");
        assertThat(Metrics.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(Metrics.number(Double.NaN)).isEqualTo("NaN");
    }
}
