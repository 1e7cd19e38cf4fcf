package org.paperboy.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.paperboy.digest.SteppingClock;
import org.paperboy.store.DigestLedgerRepository.Entry;
import org.paperboy.store.DigestLedgerRepository.Resumed;
import org.paperboy.store.DigestLedgerRepository.State;
import org.paperboy.store.Subscription.Alert;
import org.paperboy.store.Subscription.Frequency;
import org.paperboy.store.Subscription.Settings;
import org.paperboy.store.Subscription.Status;

/** Subscriptions, the digest ledger and signing keys, the same on every database. */
abstract class DigestStoreContract {

    private static final String MID = "<digest-1@paperboy.test>";

    static final Settings ALICE = new Settings(
            "alice@example.org",
            Frequency.DAILY,
            true,
            List.of("cs.IR", "hep-th"),
            List.of(new Alert("dense retrieval", "cs.IR"), new Alert("graphs", null)));

    final SteppingClock clock = new SteppingClock(Instant.parse("2026-07-02T12:00:00Z"));
    Database db;
    SubscriptionRepository subscriptions;
    DigestLedgerRepository ledger;

    abstract String newDatabaseUrl() throws Exception;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(newDatabaseUrl());
        subscriptions = new SubscriptionRepository(db, clock);
        ledger = new DigestLedgerRepository(db, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void keeps_a_request_until_its_token_confirms_it_once() {
        String token = subscriptions.request(ALICE, Duration.ofDays(7));

        assertThat(subscriptions.findByEmail("alice@example.org")).isEmpty();
        Subscription s = subscriptions.confirm(token).orElseThrow();
        assertThat(s).isEqualTo(new Subscription(s.id(), ALICE, Status.ACTIVE, 0));
        assertThat(subscriptions.findByEmail("ALICE@example.org")).contains(s);
        assertThat(subscriptions.confirm(token)).isEmpty();
        assertThat(subscriptions.active()).containsExactly(s);
    }

    @Test
    void refuses_an_expired_or_unknown_token() {
        String token = subscriptions.request(ALICE, Duration.ofDays(7));
        clock.advance(Duration.ofDays(7).plusSeconds(1));

        assertThat(subscriptions.confirm(token)).isEmpty();
        assertThat(subscriptions.confirm("no-such-token")).isEmpty();
        assertThat(subscriptions.findByEmail("alice@example.org")).isEmpty();
    }

    @Test
    void replaces_the_settings_of_an_address_that_confirms_again_and_reactivates_it() {
        Subscription first = subscriptions
                .confirm(subscriptions.request(ALICE, Duration.ofDays(7)))
                .orElseThrow();
        assertThat(subscriptions.unsubscribe(first.id())).isTrue();
        assertThat(subscriptions.unsubscribe(first.id())).isFalse();
        assertThat(subscriptions.active()).isEmpty();

        Settings weekly = new Settings("alice@example.org", Frequency.WEEKLY, false, List.of("cs.CL"), List.of());
        Subscription again = subscriptions
                .confirm(subscriptions.request(weekly, Duration.ofDays(7)))
                .orElseThrow();

        assertThat(again).isEqualTo(new Subscription(first.id(), weekly, Status.ACTIVE, 0));
    }

    @Test
    void counts_the_requests_of_an_address_within_a_window() {
        subscriptions.request(ALICE, Duration.ofDays(7));
        clock.advance(Duration.ofHours(20));
        subscriptions.request(ALICE, Duration.ofDays(7));
        clock.advance(Duration.ofHours(5));

        assertThat(subscriptions.recentRequests("alice@example.org", Duration.ofDays(1)))
                .isEqualTo(1);
        assertThat(subscriptions.recentRequests("bob@example.org", Duration.ofDays(1)))
                .isZero();
    }

    @Test
    void marks_an_address_bouncing_at_the_limit_of_permanent_failures_in_a_row() {
        Subscription s = subscriptions.activate(ALICE);

        assertThat(subscriptions.recordPermanentFailure(s.id(), "550 no such user", 3))
                .isEqualTo(1);
        subscriptions.recordDelivery(s.id());
        assertThat(subscriptions.recordPermanentFailure(s.id(), "550 no such user", 3))
                .isEqualTo(1);
        assertThat(subscriptions.recordPermanentFailure(s.id(), "550 no such user", 3))
                .isEqualTo(2);
        assertThat(subscriptions.find(s.id()).orElseThrow().status()).isEqualTo(Status.ACTIVE);
        assertThat(subscriptions.recordPermanentFailure(s.id(), "550 no such user", 3))
                .isEqualTo(3);

        assertThat(subscriptions.find(s.id()).orElseThrow().status()).isEqualTo(Status.BOUNCING);
        assertThat(subscriptions.active()).isEmpty();
        assertThat(subscriptions.activate(ALICE).status()).isEqualTo(Status.ACTIVE);
    }

    @Test
    void plans_each_subscription_and_period_once() {
        long a = subscriptions.activate(ALICE).id();
        long b = subscriptions
                .activate(new Settings("bob@example.org", Frequency.DAILY, true, List.of(), List.of()))
                .id();

        assertThat(ledger.plan(List.of(a, b), "2026-07-01", LocalDate.of(2026, 7, 1)))
                .isEqualTo(2);
        assertThat(ledger.plan(List.of(a, b), "2026-07-01", LocalDate.of(2026, 7, 1)))
                .isZero();

        assertThat(ledger.inState("2026-07-01", State.PLANNED))
                .containsExactly(
                        new Entry(a, "2026-07-01", State.PLANNED, 0, null),
                        new Entry(b, "2026-07-01", State.PLANNED, 0, null));
    }

    @Test
    void sums_up_each_period_latest_first_and_every_state_in_all() {
        long a = subscriptions.activate(ALICE).id();
        long b = subscriptions
                .activate(new Settings("bob@example.org", Frequency.DAILY, true, List.of(), List.of()))
                .id();
        long c = subscriptions
                .activate(new Settings("carol@example.org", Frequency.DAILY, true, List.of(), List.of()))
                .id();
        ledger.plan(List.of(a, b, c), "2026-07-01", LocalDate.of(2026, 7, 1));
        ledger.claim(a, "2026-07-01", MID);
        clock.advance(Duration.ofMinutes(1));
        ledger.markSent(a, "2026-07-01", List.of("2607.00001"));
        ledger.claim(b, "2026-07-01", "<b@paperboy.test>");
        ledger.markFailed(b, "2026-07-01", "550 no such mailbox");
        clock.advance(Duration.ofDays(1));
        ledger.plan(List.of(a), "2026-07-02", LocalDate.of(2026, 7, 2));
        ledger.markSkipped(a, "2026-07-02", "nothing new");

        assertThat(ledger.recentPeriods(10))
                .containsExactly(
                        new DigestLedgerRepository.PeriodRun(
                                "2026-07-02",
                                LocalDate.of(2026, 7, 2),
                                0,
                                0,
                                1,
                                0,
                                Instant.parse("2026-07-03T12:01:00Z")),
                        new DigestLedgerRepository.PeriodRun(
                                "2026-07-01",
                                LocalDate.of(2026, 7, 1),
                                1,
                                1,
                                0,
                                1,
                                Instant.parse("2026-07-02T12:01:00Z")));
        assertThat(ledger.recentPeriods(1)).hasSize(1);
        assertThat(ledger.totals())
                .isEqualTo(Map.of(State.SENT, 1, State.FAILED, 1, State.SKIPPED, 1, State.PLANNED, 1));
    }

    @Test
    void lets_one_claim_win_and_records_the_papers_sent_with_the_digest() {
        long a = subscriptions.activate(ALICE).id();
        ledger.plan(List.of(a), "2026-07-01", LocalDate.of(2026, 7, 1));

        assertThat(ledger.claim(a, "2026-07-01", MID)).isTrue();
        assertThat(ledger.claim(a, "2026-07-01", "<other@paperboy.test>")).isFalse();
        assertThat(ledger.markUnconfirmed(a, "2026-07-01")).isTrue();
        ledger.markSent(a, "2026-07-01", List.of("2607.00001", "hep-th/9901001"));

        assertThat(ledger.find(a, "2026-07-01")).contains(new Entry(a, "2026-07-01", State.SENT, 1, MID));
        assertThat(ledger.sentIn(a, List.of("2026-07-01", "2026-W27")))
                .containsExactlyInAnyOrder("2607.00001", "hep-th/9901001");
        assertThat(ledger.sentIn(a, List.of("2026-07-02"))).isEmpty();
        assertThat(ledger.lastSentEnds()).isEqualTo(Map.of(a, LocalDate.of(2026, 7, 1)));
        assertThat(ledger.claim(a, "2026-07-01", MID)).isFalse();
        assertThat(ledger.markUnconfirmed(a, "2026-07-01")).isFalse();
    }

    @Test
    void releases_a_failed_claim_for_the_next_run_and_gives_up_on_request() {
        long a = subscriptions.activate(ALICE).id();
        ledger.plan(List.of(a), "2026-07-01", LocalDate.of(2026, 7, 1));

        ledger.claim(a, "2026-07-01", MID);
        ledger.markUnconfirmed(a, "2026-07-01");
        assertThat(ledger.release(a, "2026-07-01", "no answer to the end of the message"))
                .isTrue();
        assertThat(ledger.find(a, "2026-07-01")).contains(new Entry(a, "2026-07-01", State.PLANNED, 1, MID));
        ledger.claim(a, "2026-07-01", MID);
        assertThat(ledger.markFailed(a, "2026-07-01", "550 no such user")).isTrue();

        assertThat(ledger.find(a, "2026-07-01")).contains(new Entry(a, "2026-07-01", State.FAILED, 2, MID));
        assertThat(ledger.counts("2026-07-01")).isEqualTo(Map.of(State.FAILED, 1));
    }

    @Test
    void resumes_every_digest_in_flight_keeping_its_message_id_and_counts_those_in_doubt() {
        long a = subscriptions.activate(ALICE).id();
        long b = subscriptions
                .activate(new Settings("bob@example.org", Frequency.DAILY, true, List.of(), List.of()))
                .id();
        long c = subscriptions
                .activate(new Settings("carol@example.org", Frequency.DAILY, true, List.of(), List.of()))
                .id();
        ledger.plan(List.of(a, b, c), "2026-07-01", LocalDate.of(2026, 7, 1));
        ledger.plan(List.of(a), "2026-W27", LocalDate.of(2026, 7, 5));
        ledger.claim(a, "2026-07-01", "<a@paperboy.test>");
        ledger.claim(b, "2026-07-01", "<b@paperboy.test>");
        ledger.markUnconfirmed(b, "2026-07-01");
        ledger.claim(a, "2026-W27", "<a.week@paperboy.test>");
        ledger.markUnconfirmed(a, "2026-W27");

        assertThat(ledger.resume()).isEqualTo(new Resumed(3, 2));

        assertThat(ledger.inState("2026-07-01", State.PLANNED))
                .containsExactly(
                        new Entry(a, "2026-07-01", State.PLANNED, 1, "<a@paperboy.test>"),
                        new Entry(b, "2026-07-01", State.PLANNED, 1, "<b@paperboy.test>"),
                        new Entry(c, "2026-07-01", State.PLANNED, 0, null));
        assertThat(ledger.find(a, "2026-W27"))
                .contains(new Entry(a, "2026-W27", State.PLANNED, 1, "<a.week@paperboy.test>"));
        assertThat(ledger.resume()).isEqualTo(new Resumed(0, 0));
    }

    @Test
    void lists_the_periods_with_planned_digests_oldest_first_since_a_day() {
        long a = subscriptions.activate(ALICE).id();
        ledger.plan(List.of(a), "2026-W27", LocalDate.of(2026, 7, 5));
        ledger.plan(List.of(a), "2026-07-02", LocalDate.of(2026, 7, 2));
        ledger.plan(List.of(a), "2026-07-01", LocalDate.of(2026, 7, 1));
        ledger.plan(List.of(a), "2026-06-20", LocalDate.of(2026, 6, 20));
        ledger.markSkipped(a, "2026-07-02", "nothing new");

        assertThat(ledger.periodsWithPlanned(LocalDate.of(2026, 6, 24))).containsExactly("2026-07-01", "2026-W27");
    }

    @Test
    void lets_one_digest_run_hold_the_lock_at_a_time() {
        try (RunLock first = ledger.tryLockRuns().orElseThrow()) {
            assertThat(ledger.tryLockRuns()).isEmpty();
            assertThat(first).isNotNull();
        }
        try (RunLock again = ledger.tryLockRuns().orElseThrow()) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void skips_only_a_planned_digest() {
        long a = subscriptions.activate(ALICE).id();
        ledger.plan(List.of(a), "2026-07-01", LocalDate.of(2026, 7, 1));

        assertThat(ledger.markSkipped(a, "2026-07-01", "nothing new")).isTrue();
        assertThat(ledger.markSkipped(a, "2026-07-01", "nothing new")).isFalse();
        assertThat(ledger.claim(a, "2026-07-01", MID)).isFalse();
        assertThat(ledger.planned("2026-07-01")).containsExactly(a);
    }

    @Test
    void makes_one_signing_key_per_purpose_and_keeps_it() {
        byte[] key = new SigningKeyRepository(db, clock).key("digest-links");

        assertThat(key).hasSize(32);
        assertThat(new SigningKeyRepository(db, clock).key("digest-links")).isEqualTo(key);
        assertThat(new SigningKeyRepository(db, clock).key("other")).isNotEqualTo(key);
    }
}
