package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.paperboy.store.MutableClock;
import org.paperboy.web.RateLimiter.Limit;

class RateLimiterTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-07-02T12:00:00Z"));

    @Test
    void allows_a_full_burst_then_one_request_per_interval() {
        RateLimiter limiter = new RateLimiter(Limit.SIGN_IN_PER_IP, clock);

        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire("10.0.0.1")).isZero();
        }
        assertThat(limiter.acquire("10.0.0.1")).isEqualTo(Duration.ofMinutes(3));

        clock.advance(Duration.ofMinutes(2));
        assertThat(limiter.acquire("10.0.0.1")).isEqualTo(Duration.ofMinutes(1));

        clock.advance(Duration.ofMinutes(1));
        assertThat(limiter.acquire("10.0.0.1")).isZero();
        assertThat(limiter.acquire("10.0.0.1")).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void a_refused_request_takes_nothing() {
        RateLimiter limiter = new RateLimiter(new Limit("tries", 1, Duration.ofSeconds(10)), clock);
        assertThat(limiter.acquire("k")).isZero();

        for (int i = 0; i < 100; i++) {
            assertThat(limiter.acquire("k")).isEqualTo(Duration.ofSeconds(10));
        }
        clock.advance(Duration.ofSeconds(10));
        assertThat(limiter.acquire("k")).isZero();
    }

    @Test
    void keys_have_separate_buckets() {
        RateLimiter limiter = new RateLimiter(Limit.SIGN_IN_PER_ADDRESS, clock);
        for (int i = 0; i < 3; i++) {
            limiter.acquire("alice@example.org");
        }

        assertThat(limiter.acquire("alice@example.org")).isEqualTo(Duration.ofMinutes(5));
        assertThat(limiter.acquire("bob@example.org")).isZero();
    }

    @Test
    void a_bucket_refills_to_the_full_burst_and_no_further() {
        RateLimiter limiter = new RateLimiter(Limit.VOTES_PER_ACCOUNT, clock);
        limiter.acquire("account:1");
        clock.advance(Duration.ofHours(5));

        int allowed = 0;
        while (limiter.acquire("account:1").isZero()) {
            allowed++;
        }
        assertThat(allowed).isEqualTo(60);
        assertThat(limiter.acquire("account:1")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void check_refuses_with_a_429_saying_what_was_limited_and_when_to_retry() {
        RateLimiter limiter = new RateLimiter(Limit.SIGN_IN_PER_ADDRESS, clock);
        for (int i = 0; i < 3; i++) {
            limiter.check("alice@example.org");
        }
        clock.advance(Duration.ofSeconds(1).plusMillis(500));

        assertThatThrownBy(() -> limiter.check("alice@example.org")).isInstanceOfSatisfying(HttpError.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.title()).isEqualTo("Too Many Requests");
            assertThat(e.retryAfterSeconds()).isEqualTo(299L);
            assertThat(e.detail()).isEqualTo("too many sign-in e-mails sent to this address; try again in 5 minutes");
        });
    }

    @Test
    void rounds_retry_after_up_to_whole_seconds_and_words_it_for_people() {
        assertThat(RateLimiter.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(RateLimiter.retryAfterSeconds(Duration.ofSeconds(3))).isEqualTo(3);
        assertThat(RateLimiter.retryAfterSeconds(Duration.ofMillis(3001))).isEqualTo(4);
        assertThat(RateLimiter.humane(1)).isEqualTo("1 second");
        assertThat(RateLimiter.humane(59)).isEqualTo("59 seconds");
        assertThat(RateLimiter.humane(60)).isEqualTo("1 minute");
        assertThat(RateLimiter.humane(61)).isEqualTo("2 minutes");
        assertThat(RateLimiter.humane(7200)).isEqualTo("2 hours");
    }

    @Test
    void forgets_keys_whose_bucket_has_refilled() {
        RateLimiter limiter = new RateLimiter(Limit.VOTES_PER_IP, clock);
        for (int i = 0; i < 1000; i++) {
            limiter.acquire("10.0.0." + i);
        }
        assertThat(limiter.size()).isEqualTo(1000);

        clock.advance(Duration.ofMinutes(2));
        limiter.acquire("10.0.1.1");

        assertThat(limiter.size()).isEqualTo(1);
    }

    @Test
    void keeps_at_most_max_keys_dropping_the_fullest_buckets_first() {
        RateLimiter limiter = new RateLimiter(new Limit("tries", 2, Duration.ofMinutes(1)), clock, 100);
        limiter.acquire("busy");
        limiter.acquire("busy");
        for (int i = 0; i < 200; i++) {
            limiter.acquire("once-" + i);
            assertThat(limiter.size()).isLessThanOrEqualTo(101);
        }

        assertThat(limiter.acquire("busy")).isPositive();
    }

    @Test
    void refuses_a_limit_without_permits_or_period() {
        assertThatThrownBy(() -> new Limit("x", 0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("permits=0 must be at least 1");
        assertThatThrownBy(() -> new Limit("x", 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("period=PT0S must be positive");
    }
}
