package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SearchGateTest {

    @Test
    void a_search_beyond_the_permits_waits_its_turn_and_then_runs() throws Exception {
        SearchGate gate = new SearchGate(1, Duration.ofSeconds(30));
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        Thread holder = Thread.ofPlatform().start(() -> {
            try {
                gate.run(() -> {
                    order.add("first starts");
                    first.countDown();
                    release.await();
                    order.add("first ends");
                });
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                gate.run(() -> order.add("second runs"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        // The second is parked on the gate until the first ends.
        while (waiter.getState() != Thread.State.WAITING && waiter.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }
        assertThat(order).containsExactly("first starts");
        release.countDown();
        holder.join(10_000);
        waiter.join(10_000);
        assertThat(order).containsExactly("first starts", "first ends", "second runs");
    }

    @Test
    void a_search_that_cannot_start_in_time_is_answered_503_and_the_gate_stays_usable() throws Exception {
        SearchGate gate = new SearchGate(1, Duration.ofMillis(50));
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform().start(() -> {
            try {
                gate.run(() -> {
                    busy.countDown();
                    release.await();
                });
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> gate.run(() -> {}))
                .isInstanceOf(HttpError.class)
                .hasMessageContaining("too many searches at once")
                .satisfies(e -> assertThat(((HttpError) e).status()).isEqualTo(503));
        release.countDown();
        holder.join(10_000);
        List<String> ran = new CopyOnWriteArrayList<>();
        gate.run(() -> ran.add("ran"));
        assertThat(ran).containsExactly("ran");
    }

    @Test
    void a_failing_search_gives_its_permit_back() throws Exception {
        SearchGate gate = new SearchGate(1, Duration.ofMillis(50));
        assertThatThrownBy(() -> gate.run(() -> {
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");
        List<String> ran = new CopyOnWriteArrayList<>();
        gate.run(() -> ran.add("ran"));
        assertThat(ran).containsExactly("ran");
    }
}
