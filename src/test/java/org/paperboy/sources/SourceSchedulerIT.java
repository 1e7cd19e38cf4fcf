package org.paperboy.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.store.SourceStateRepository;

/**
 * The scheduler with a clock that moves only when the test says: each source on its own
 * schedule, a failing source retried on its back-off while the healthy one keeps its period,
 * and an overdue source (the server was down) run at once.
 */
class SourceSchedulerIT {

    static final LocalDate TODAY = LocalDate.of(2026, 7, 10);

    @TempDir
    Path dir;

    FakeHfUpstream healthy;
    FakeHfUpstream broken;
    SourcesFixture f;
    SourceScheduler scheduler;

    @BeforeEach
    void start() throws Exception {
        healthy = new FakeHfUpstream();
        broken = new FakeHfUpstream();
        healthy.day(TODAY, FakeHfUpstream.items(TODAY, 3));
        broken.fault(TODAY, FakeHfUpstream.Fault.SERVER_ERROR);
        f = new SourcesFixture(dir, null, 0);
        scheduler = new SourceScheduler(
                List.of(
                        new PaperboyMirrorSource(broken.endpoint(), Duration.ofHours(1), f.client),
                        new HfDailySource(healthy.endpoint(), Duration.ofHours(1), f.client)),
                f.runner,
                Duration.ofMillis(100));
    }

    @AfterEach
    void stop() {
        scheduler.close();
        f.close();
        healthy.close();
        broken.close();
    }

    private static String status(SourceRunner.Outcome o) {
        return switch (o) {
            case SourceRunner.Outcome.Ran r -> r.run().source() + " " + r.run().status();
            case SourceRunner.Outcome.NotDue n -> "not due";
            case SourceRunner.Outcome.Busy b -> "busy";
        };
    }

    @Test
    void a_failing_source_is_retried_on_its_back_off_while_the_other_keeps_its_period() {
        assertThat(scheduler.runDue())
                .extracting(SourceSchedulerIT::status)
                .containsExactly("paperboy failed", "hf-daily ok");
        assertThat(f.papers.count()).isEqualTo(3);

        f.clock.advance(Duration.ofMinutes(2));
        assertThat(scheduler.runDue())
                .extracting(SourceSchedulerIT::status)
                .containsExactly("paperboy failed", "not due");

        broken.heal(TODAY);
        f.clock.advance(Duration.ofMinutes(4));
        assertThat(scheduler.runDue()).extracting(SourceSchedulerIT::status).containsExactly("paperboy ok", "not due");

        f.clock.advance(Duration.ofMinutes(60));
        assertThat(scheduler.runDue()).extracting(SourceSchedulerIT::status).containsExactly("not due", "hf-daily ok");
        assertThat(scheduler.statuses())
                .extracting(SourceStatus::name, SourceStatus::health)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("paperboy", "ok"),
                        org.assertj.core.groups.Tuple.tuple("hf-daily", "ok"));
    }

    @Test
    void an_overdue_source_runs_at_once_when_the_scheduler_starts_and_run_now_wakes_it() throws Exception {
        Instant overdue = SourcesFixture.NOW.minus(Duration.ofHours(5));
        f.states.save(new SourceStateRepository.State("hf-daily", TODAY.minusDays(1), overdue, 0, null, null, overdue));
        f.states.save(new SourceStateRepository.State(
                "paperboy", TODAY, SourcesFixture.NOW.plus(Duration.ofHours(1)), 0, null, null, null));

        scheduler.start();
        awaitRuns("hf-daily", 1);
        assertThat(healthy.requests())
                .containsExactly(
                        "date=2026-07-08&p=0&limit=100",
                        "date=2026-07-09&p=0&limit=100",
                        "date=2026-07-10&p=0&limit=100");
        assertThat(broken.requests()).isEmpty(); // not due for an hour

        assertThat(scheduler.runNow("paperboy")).isTrue();
        awaitRuns("paperboy", 1);
        assertThat(f.states.lastRun("paperboy").orElseThrow().cause()).isEqualTo("manual");
        assertThat(scheduler.runNow("reddit")).isFalse();
    }

    private void awaitRuns(String source, long runs) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            var last = f.states.lastRun(source);
            if (f.states.totals(source).runs() >= runs
                    && last.isPresent()
                    && last.get().finishedAt() != null) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(source + " did not run " + runs + " time(s) within 20 s");
    }
}
