package org.paperboy.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperboy.paper.Paper;
import org.paperboy.paper.UpstreamFacts;
import org.paperboy.store.RejectRepository;
import org.paperboy.store.RunLock;
import org.paperboy.store.SourceStateRepository;

/**
 * The hf-daily source against a fake Hugging Face on loopback: paging, the first run's backfill,
 * re-reading the last three days, catch-up after downtime, the card facts, and every way the
 * upstream can misbehave (a failed run with the reason, nothing half-stored, a retry scheduled).
 */
class HfDailySourceIT {

    static final LocalDate TODAY = LocalDate.of(2026, 7, 10);

    @TempDir
    Path dir;

    FakeHfUpstream hf;
    SourcesFixture f;
    HfDailySource source;

    @BeforeEach
    void start() throws Exception {
        hf = new FakeHfUpstream();
        f = new SourcesFixture(dir, null, 2);
        source = new HfDailySource(hf.endpoint(), Duration.ofHours(1), f.client);
    }

    @AfterEach
    void stop() {
        f.close();
        hf.close();
    }

    @Test
    void a_first_run_fetches_today_and_the_backfill_days_page_by_page_with_the_card_facts() {
        hf.day(TODAY.minusDays(2), FakeHfUpstream.items(TODAY.minusDays(2), 3));
        hf.day(TODAY.minusDays(1), FakeHfUpstream.items(TODAY.minusDays(1), 150));
        hf.day(TODAY, FakeHfUpstream.items(TODAY, 100));

        SourceStateRepository.Run run = f.ran(source);

        assertThat(run.status()).isEqualTo("ok");
        assertThat(run.error()).isNull();
        assertThat(List.of(run.imported(), run.updated(), run.unchanged(), run.rejected()))
                .containsExactly(253L, 0L, 0L, 0L);
        assertThat(List.of(run.daysDone(), run.daysTotal())).containsExactly(3, 3);
        assertThat(hf.requests())
                .containsExactly(
                        "date=2026-07-08&p=0&limit=100",
                        "date=2026-07-09&p=0&limit=100",
                        "date=2026-07-09&p=1&limit=100",
                        "date=2026-07-10&p=0&limit=100",
                        "date=2026-07-10&p=1&limit=100");
        assertThat(f.papers.count()).isEqualTo(253);
        Paper top = f.papers.find("2607.09001").orElseThrow();
        assertThat(top.upvotes()).isEqualTo(150);
        assertThat(top.listedOn()).isEqualTo(TODAY.minusDays(1));
        assertThat(top.links().code()).isEqualTo("https://github.com/example/2607.09001");
        assertThat(f.upstream.of(List.of("2607.09001")))
                .containsEntry(
                        "2607.09001",
                        new UpstreamFacts(
                                "hf-daily",
                                "Example Lab",
                                "example-lab",
                                "Grace Hopper",
                                "ghopper",
                                "https://cdn-thumbnails.example.org/2607.09001.png",
                                1500,
                                150 % 7,
                                "A short summary.",
                                List.of("retrieval", "embeddings")));
        SourceStateRepository.State state = f.states.find("hf-daily");
        assertThat(state.fetchedUntil()).isEqualTo(TODAY);
        assertThat(state.failures()).isZero();
        assertThat(state.lastSuccessAt()).isEqualTo(SourcesFixture.NOW);
        // The next run: an hour later plus at most six minutes of jitter.
        assertThat(Duration.between(SourcesFixture.NOW, state.nextRunAt()))
                .isBetween(Duration.ofHours(1), Duration.ofMinutes(66));
        assertThat(f.storedSignals).isEqualTo(1);
    }

    @Test
    void later_runs_read_the_last_three_days_again_refresh_upvotes_and_catch_up_after_downtime() {
        hf.day(TODAY, FakeHfUpstream.items(TODAY, 2));
        f.ran(source);
        assertThat(f.run(source)).isInstanceOf(SourceRunner.Outcome.NotDue.class);

        hf.forget();
        hf.day(
                TODAY,
                List.of(
                        FakeHfUpstream.item("2607.10001", "Paper 2607.10001", 40, TODAY),
                        FakeHfUpstream.item("2607.10002", "Paper 2607.10002", 1, TODAY)));
        f.clock.advance(Duration.ofMinutes(70));
        SourceStateRepository.Run second = f.ran(source);

        assertThat(hf.requests())
                .containsExactly(
                        "date=2026-07-08&p=0&limit=100",
                        "date=2026-07-09&p=0&limit=100",
                        "date=2026-07-10&p=0&limit=100");
        assertThat(List.of(second.imported(), second.updated(), second.unchanged()))
                .containsExactly(0L, 1L, 1L);
        assertThat(f.papers.find("2607.10001").orElseThrow().upvotes()).isEqualTo(40);

        // Five days down: the next run fetches every day since the last one fetched, once each.
        hf.forget();
        f.clock.advance(Duration.ofDays(5));
        f.ran(source);
        List<String> expected = new ArrayList<>();
        for (LocalDate d = TODAY.plusDays(1); !d.isAfter(TODAY.plusDays(5)); d = d.plusDays(1)) {
            expected.add("date=" + d + "&p=0&limit=100");
        }
        assertThat(hf.requests()).containsExactlyElementsOf(expected);
        assertThat(f.states.find("hf-daily").fetchedUntil()).isEqualTo(TODAY.plusDays(5));
    }

    @ParameterizedTest
    @EnumSource(FakeHfUpstream.Fault.class)
    void a_misbehaving_upstream_fails_the_run_with_the_reason_stores_nothing_of_that_page_and_retries_later(
            FakeHfUpstream.Fault fault) {
        hf.day(TODAY.minusDays(2), FakeHfUpstream.items(TODAY.minusDays(2), 2));
        hf.day(TODAY.minusDays(1), FakeHfUpstream.items(TODAY.minusDays(1), 2));
        hf.fault(TODAY.minusDays(1), fault);
        hf.day(TODAY, FakeHfUpstream.items(TODAY, 2));

        SourceStateRepository.Run run = f.ran(source);

        String url = hf.endpoint() + "/api/daily_papers?date=2026-07-09&p=0&limit=100";
        assertThat(run.status()).isEqualTo("failed");
        assertThat(run.error())
                .isEqualTo(
                        switch (fault) {
                            case SERVER_ERROR -> "GET " + url + " answered HTTP 500: upstream exploded";
                            case TOO_MANY_REQUESTS -> "GET " + url + " answered HTTP 429: slow down";
                            case HTML ->
                                "GET " + url
                                        + " answered HTML, not JSON: Maintenance; nothing from this page was stored";
                            case TRUNCATED_JSON ->
                                "GET " + url + " answered malformed or truncated JSON (Unexpected end-of-input in "
                                        + "VALUE_STRING at byte 23 of 23); nothing from this page was stored";
                            case HUNDRED_MEGABYTES ->
                                "GET " + url + " answered with a body over 1 MB; nothing from it was stored";
                            case SILENCE -> "GET " + url + " gave no complete answer within 2 s";
                        });
        // The day before is stored and counted as fetched; nothing of the failed day or after it.
        assertThat(f.papers.count()).isEqualTo(2);
        assertThat(f.papers.find("2607.08001")).isPresent();
        SourceStateRepository.State state = f.states.find("hf-daily");
        assertThat(state.fetchedUntil()).isEqualTo(TODAY.minusDays(2));
        assertThat(state.failures()).isEqualTo(1);
        assertThat(state.failingSince()).isEqualTo(SourcesFixture.NOW);
        assertThat(state.lastError()).isEqualTo(run.error());
        Duration wait = Duration.between(f.clock.instant(), state.nextRunAt());
        if (fault == FakeHfUpstream.Fault.TOO_MANY_REQUESTS) {
            assertThat(wait).isEqualTo(Duration.ofSeconds(120)); // Retry-After beats the 30-60 s back-off
        } else {
            assertThat(wait).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
        }

        // Once the upstream is well again, the retry catches up from the failed day.
        hf.heal(TODAY.minusDays(1));
        f.clock.advance(Duration.ofMinutes(3));
        SourceStateRepository.Run retry = f.ran(source);
        assertThat(retry.status()).isEqualTo("ok");
        assertThat(f.papers.count()).isEqualTo(6);
        assertThat(f.states.find("hf-daily").failures()).isZero();
        assertThat(f.states.find("hf-daily").failingSince()).isNull();
    }

    @Test
    void back_off_doubles_with_each_failure_in_a_row_up_to_the_period() {
        hf.fault(TODAY.minusDays(2), FakeHfUpstream.Fault.SERVER_ERROR);
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            f.ran(source);
            SourceStateRepository.State s = f.states.find("hf-daily");
            Duration wait = Duration.between(f.clock.instant(), s.nextRunAt());
            waits.add(wait);
            f.clock.advance(wait);
        }
        long[] fullMinutes = {1, 2, 4, 8, 16, 32, 60, 60};
        for (int i = 0; i < waits.size(); i++) {
            Duration full = Duration.ofMinutes(fullMinutes[i]);
            assertThat(waits.get(i)).as("wait after failure %d", i + 1).isBetween(full.dividedBy(2), full);
        }
        assertThat(f.states.find("hf-daily").failures()).isEqualTo(8);
        assertThat(f.states.find("hf-daily").failingSince()).isEqualTo(SourcesFixture.NOW);
    }

    @Test
    void a_malformed_item_becomes_a_reject_with_the_url_and_the_reason_while_the_others_land() {
        List<String> items = new ArrayList<>(FakeHfUpstream.items(TODAY, 2));
        items.add(1, "{\"paper\":{\"id\":\"not-an-id\",\"title\":\"T\",\"summary\":\"S\"}}");
        items.add("{\"paper\":{\"id\":\"2607.10009\",\"summary\":\"No title\"}}");
        items.add("42");
        hf.day(TODAY, items);

        SourceStateRepository.Run run = f.ran(new HfDailySource(hf.endpoint(), Duration.ofHours(1), f.client));

        assertThat(run.status()).isEqualTo("ok");
        assertThat(List.of(run.imported(), run.rejected())).containsExactly(2L, 3L);
        String url = hf.endpoint() + "/api/daily_papers?date=2026-07-10&p=0&limit=100";
        List<RejectRepository.Stored> stored = f.rejects.unresolved(0, 10);
        assertThat(stored).extracting(s -> s.reject().source()).containsOnly(url);
        assertThat(stored).extracting(s -> s.reject().line()).containsExactly(2L, 4L, 5L);
        assertThat(stored.get(0).reject().reason()).contains("not-an-id");
        assertThat(stored.get(1).reject().reason()).isEqualTo("title: missing or empty");
        assertThat(new String(stored.get(2).reject().raw(), StandardCharsets.UTF_8))
                .isEqualTo("42");
        assertThat(dir.resolve("rejects")).isDirectoryContaining("glob:**/run-*.jsonl");
    }

    @Test
    void a_source_another_process_is_running_is_left_to_it() {
        Optional<RunLock> held = RunLock.tryAcquire(f.db, "source-hf-daily");
        assertThat(held).isPresent();
        try (RunLock lock = held.get()) {
            assertThat(f.run(source)).isInstanceOf(SourceRunner.Outcome.Busy.class);
        }
        assertThat(hf.requests()).isEmpty();
        assertThat(f.run(source)).isInstanceOf(SourceRunner.Outcome.Ran.class);
    }
}
