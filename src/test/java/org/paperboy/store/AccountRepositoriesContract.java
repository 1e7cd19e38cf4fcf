package org.paperboy.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.paperboy.paper.InvalidRecordException;
import org.paperboy.paper.Links;
import org.paperboy.paper.Paper;
import org.paperboy.store.LoginTokenRepository.Redeemed;
import org.paperboy.store.VoteRepository.Tally;

/**
 * Accounts, sessions, sign-in links, votes and moderation, run the same way against every
 * database Paperboy supports; each subclass hands out URLs of new, empty databases.
 */
abstract class AccountRepositoriesContract {

    static final Instant START = Instant.parse("2026-07-02T12:00:00Z");
    static final LocalDate DAY = LocalDate.of(2026, 7, 1);

    final MutableClock clock = new MutableClock(START);
    Database db;
    PaperRepository papers;
    UserRepository users;
    SessionRepository sessions;
    LoginTokenRepository loginTokens;
    VoteRepository votes;
    FeedRepository feed;

    /** The JDBC URL of a new, empty database that lives at least until the test ends. */
    abstract String newDatabaseUrl() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        db = Database.open(newDatabaseUrl());
        papers = new PaperRepository(db, clock);
        users = new UserRepository(db, clock);
        sessions = new SessionRepository(db, clock);
        loginTokens = new LoginTokenRepository(db, clock);
        votes = new VoteRepository(db, clock);
        feed = new FeedRepository(db, papers);
        db.inTransaction(h -> {
            papers.insertAll(h, List.of(paper("2607.00001", 5), paper("2607.00002", 0), paper("hep-th/9901001", 1)));
            return null;
        });
    }

    @AfterEach
    void closeStore() {
        db.close();
    }

    static Paper paper(String id, int upvotes) {
        return Paper.builder(id)
                .title("Title of " + id)
                .abstractText("Abstract of " + id)
                .listedOn(DAY)
                .upvotes(upvotes)
                .build();
    }

    private List<String> column(String sql) {
        return db.withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
    }

    // Accounts

    @Test
    void lists_the_newest_accounts_first_with_their_last_sign_in() {
        users.signIn("first@example.org");
        clock.advance(Duration.ofHours(1));
        users.signIn("second@example.org");
        clock.advance(Duration.ofHours(1));
        users.signIn("first@example.org");

        assertThat(users.newest(10))
                .containsExactly(
                        new UserRepository.SignUp(
                                "second@example.org", START.plusSeconds(3600), START.plusSeconds(3600)),
                        new UserRepository.SignUp("first@example.org", START, START.plusSeconds(7200)));
        assertThat(users.newest(1)).hasSize(1);
    }

    @Test
    void records_submissions_newest_first_with_the_paper_and_the_account() {
        SubmissionRepository submissions = new SubmissionRepository(db, clock);
        long ada = users.signIn("ada@example.org").id();
        long bob = users.signIn("bob@example.org").id();
        submissions.record("2607.00001", ada, true);
        clock.advance(Duration.ofMinutes(5));
        submissions.record("hep-th/9901001", bob, false);

        assertThat(submissions.count()).isEqualTo(2);
        assertThat(submissions.recent(10))
                .containsExactly(
                        new SubmissionRepository.Submission(
                                "hep-th/9901001",
                                "Title of hep-th/9901001",
                                "bob@example.org",
                                false,
                                START.plusSeconds(300)),
                        new SubmissionRepository.Submission(
                                "2607.00001", "Title of 2607.00001", "ada@example.org", true, START));
        assertThat(submissions.recent(1)).hasSize(1);
    }

    @Test
    void lists_and_counts_the_hidden_papers_the_latest_listed_first() {
        assertThat(feed.countHidden()).isZero();
        assertThat(feed.hiddenPapers(10)).isEmpty();
        feed.setHidden("2607.00001", true);
        feed.setHidden("hep-th/9901001", true);

        assertThat(feed.countHidden()).isEqualTo(2);
        assertThat(feed.hiddenPapers(10))
                .containsExactly(
                        new FeedRepository.HiddenPaper("hep-th/9901001", "Title of hep-th/9901001", DAY),
                        new FeedRepository.HiddenPaper("2607.00001", "Title of 2607.00001", DAY));
    }

    @Test
    void signs_in_a_new_address_once_and_finds_it_in_any_case() {
        User made = users.signIn("  Alice@Example.ORG ");

        assertThat(made.email()).isEqualTo("alice@example.org");
        assertThat(made.createdAt()).isEqualTo(START);
        assertThat(made.hasApiToken()).isFalse();
        assertThat(users.findByEmail("ALICE@example.org")).contains(made);
        assertThat(users.find(made.id())).contains(made);
        assertThat(users.find(made.id() + 1)).isEmpty();
        assertThat(users.count()).isEqualTo(1);
    }

    @Test
    void signing_in_again_keeps_the_account_and_records_the_new_sign_in() {
        User first = users.signIn("alice@example.org");
        clock.advance(Duration.ofDays(3));

        User again = users.signIn("ALICE@example.org");

        assertThat(again).isEqualTo(first);
        assertThat(users.count()).isEqualTo(1);
        assertThat(column("SELECT last_login_at FROM users")).containsExactly("2026-07-05T12:00:00Z");
    }

    @Test
    void an_api_token_finds_its_account_and_only_its_digest_is_stored() {
        User alice = users.signIn("alice@example.org");

        String token = users.newApiToken(alice.id());

        assertThat(token).startsWith("pb_").hasSize(46);
        assertThat(users.findByApiToken(token)).contains(new User(alice.id(), "alice@example.org", START, true));
        assertThat(column("SELECT api_token_hash FROM users")).containsExactly(Secrets.hash(token));
        assertThat(users.findByApiToken(token.substring(3))).isEmpty();
    }

    @Test
    void a_new_api_token_replaces_the_old_one_and_a_revoked_one_finds_nobody() {
        User alice = users.signIn("alice@example.org");
        String old = users.newApiToken(alice.id());
        String current = users.newApiToken(alice.id());

        assertThat(current).isNotEqualTo(old);
        assertThat(users.findByApiToken(old)).isEmpty();
        assertThat(users.findByApiToken(current)).map(User::id).contains(alice.id());

        users.revokeApiToken(alice.id());

        assertThat(users.findByApiToken(current)).isEmpty();
        assertThat(users.find(alice.id()).orElseThrow().hasApiToken()).isFalse();
    }

    // Sessions

    @Test
    void a_session_finds_its_account_until_it_expires() {
        User alice = users.signIn("alice@example.org");
        String token = sessions.create(alice.id(), Duration.ofDays(30));

        clock.advance(Duration.ofDays(30).minusSeconds(1));
        assertThat(sessions.userOf(token)).contains(alice.id());

        clock.advance(Duration.ofSeconds(1));
        assertThat(sessions.userOf(token)).isEmpty();
    }

    @Test
    void a_session_cookie_is_stored_only_as_its_digest_and_deleting_it_signs_out() {
        User alice = users.signIn("alice@example.org");
        String token = sessions.create(alice.id(), Duration.ofDays(30));
        String other = sessions.create(alice.id(), Duration.ofDays(30));

        assertThat(token).hasSize(43);
        assertThat(column("SELECT token_hash FROM sessions ORDER BY token_hash"))
                .containsExactlyInAnyOrder(Secrets.hash(token), Secrets.hash(other));

        sessions.delete(token);
        sessions.delete("no-such-token");

        assertThat(sessions.userOf(token)).isEmpty();
        assertThat(sessions.userOf(other)).contains(alice.id());
    }

    @Test
    void purges_only_expired_sessions() {
        User alice = users.signIn("alice@example.org");
        sessions.create(alice.id(), Duration.ofHours(1));
        String lasting = sessions.create(alice.id(), Duration.ofDays(1));
        clock.advance(Duration.ofHours(2));

        assertThat(sessions.purgeExpired()).isEqualTo(1);
        assertThat(sessions.userOf(lasting)).contains(alice.id());
    }

    // Sign-in links

    @Test
    void redeems_a_sign_in_token_once_with_its_address_and_next_path() {
        String token = loginTokens.create("alice@example.org", "/papers/2607.00001", Duration.ofMinutes(15));

        assertThat(loginTokens.redeem(token)).contains(new Redeemed("alice@example.org", "/papers/2607.00001"));
        assertThat(loginTokens.redeem(token)).isEmpty();
    }

    @Test
    void a_sign_in_token_works_until_fifteen_minutes_have_passed() {
        String early = loginTokens.create("alice@example.org", null, Duration.ofMinutes(15));
        String late = loginTokens.create("bob@example.org", null, Duration.ofMinutes(15));

        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(loginTokens.redeem(early)).contains(new Redeemed("alice@example.org", null));

        clock.advance(Duration.ofSeconds(1));
        assertThat(loginTokens.redeem(late)).isEmpty();
    }

    @Test
    void stores_only_the_digest_of_a_sign_in_token_and_refuses_unknown_ones() {
        String token = loginTokens.create("alice@example.org", "/", Duration.ofMinutes(15));

        assertThat(column("SELECT token_hash FROM login_tokens")).containsExactly(Secrets.hash(token));
        assertThat(Secrets.hash(token)).hasSize(64).isNotEqualTo(token);
        assertThat(loginTokens.redeem(Secrets.hash(token))).isEmpty();
        assertThat(loginTokens.redeem("")).isEmpty();
    }

    @Test
    void purges_sign_in_tokens_expired_longer_ago_than_asked() {
        loginTokens.create("alice@example.org", "/", Duration.ofMinutes(15));
        clock.advance(Duration.ofHours(1));
        String fresh = loginTokens.create("bob@example.org", "/", Duration.ofMinutes(15));

        assertThat(loginTokens.purgeExpired(Duration.ofHours(1))).isZero();
        assertThat(loginTokens.purgeExpired(Duration.ofMinutes(30))).isEqualTo(1);
        assertThat(loginTokens.redeem(fresh)).contains(new Redeemed("bob@example.org", "/"));
    }

    // Votes

    @Test
    void an_upvote_counts_once_and_taking_it_back_restores_the_count() {
        long alice = users.signIn("alice@example.org").id();
        long bob = users.signIn("bob@example.org").id();

        assertThat(votes.set(alice, "2607.00001", true)).contains(new Tally(true, 6));
        assertThat(votes.set(alice, "2607.00001", true)).contains(new Tally(true, 6));
        assertThat(votes.set(bob, "2607.00001", true)).contains(new Tally(true, 7));
        assertThat(votes.has(alice, "2607.00001")).isTrue();
        assertThat(feed.upvotes(List.of("2607.00001"))).containsEntry("2607.00001", 7);

        assertThat(votes.set(alice, "2607.00001", false)).contains(new Tally(false, 6));
        assertThat(votes.set(alice, "2607.00001", false)).contains(new Tally(false, 6));
        assertThat(votes.has(alice, "2607.00001")).isFalse();
        assertThat(column("SELECT votes FROM papers WHERE id = '2607.00001'")).containsExactly("1");
    }

    @Test
    void votes_on_unknown_or_hidden_papers_change_nothing() {
        long alice = users.signIn("alice@example.org").id();
        votes.set(alice, "2607.00002", true);
        feed.setHidden("2607.00002", true);

        assertThat(votes.set(alice, "2607.99999", true)).isEmpty();
        assertThat(votes.set(alice, "2607.00002", false)).isEmpty();
        assertThat(votes.has(alice, "2607.00002")).isTrue();
        assertThat(column("SELECT COUNT(*) FROM votes")).containsExactly("1");
        assertThat(column("SELECT votes FROM papers WHERE id = '2607.00002'")).containsExactly("1");
    }

    @Test
    void lists_the_papers_an_account_upvoted_newest_first() {
        long alice = users.signIn("alice@example.org").id();
        long bob = users.signIn("bob@example.org").id();
        votes.set(alice, "2607.00002", true);
        clock.advance(Duration.ofMinutes(1));
        votes.set(alice, "hep-th/9901001", true);
        clock.advance(Duration.ofMinutes(1));
        votes.set(alice, "2607.00001", true);
        votes.set(bob, "2607.00002", true);

        assertThat(votes.votedBy(alice, 10)).containsExactly("2607.00001", "hep-th/9901001", "2607.00002");
        assertThat(votes.votedBy(alice, 2)).containsExactly("2607.00001", "hep-th/9901001");
        assertThat(votes.votedAmong(bob, List.of("2607.00001", "2607.00002", "nope")))
                .containsExactly("2607.00002");
        assertThat(votes.votedAmong(bob, List.of())).isEmpty();
    }

    @Test
    void the_same_upvote_sent_many_times_at_once_counts_once() throws Exception {
        long alice = users.signIn("alice@example.org").id();
        List<Future<Optional<Tally>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> votes.set(alice, "2607.00001", true)));
            }
        }
        for (Future<Optional<Tally>> r : results) {
            assertThat(r.get()).contains(new Tally(true, 6));
        }
        assertThat(column("SELECT votes FROM papers WHERE id = '2607.00001'")).containsExactly("1");
    }

    // Moderation

    @Test
    void hiding_a_paper_takes_it_off_the_lists_and_showing_it_brings_it_back() {
        assertThat(feed.setHidden("2607.00001", true)).isTrue();

        assertThat(feed.hidden("2607.00001")).contains(true);
        assertThat(feed.hiddenIds()).containsExactly("2607.00001");
        assertThat(feed.count(DAY, DAY)).isEqualTo(2);
        assertThat(feed.papers(List.of("2607.00001", "2607.00002"))).containsOnlyKeys("2607.00002");

        assertThat(feed.setHidden("2607.00001", false)).isTrue();
        assertThat(feed.hidden("2607.00001")).contains(false);
        assertThat(feed.count(DAY, DAY)).isEqualTo(3);
        assertThat(feed.setHidden("2607.99999", true)).isFalse();
        assertThat(feed.hidden("2607.99999")).isEmpty();
    }

    @Test
    void sets_and_removes_the_code_link_of_a_paper() {
        Optional<Paper> set = feed.setCodeUrl("hep-th/9901001", "https://github.com/example/strings");

        assertThat(set.map(p -> p.links().code())).contains("https://github.com/example/strings");
        assertThat(papers.find("hep-th/9901001").orElseThrow().links().code())
                .isEqualTo("https://github.com/example/strings");

        feed.setCodeUrl("hep-th/9901001", null);
        assertThat(papers.find("hep-th/9901001").orElseThrow().links()).isEqualTo(new Links(null, null, null, null));
        assertThat(feed.setCodeUrl("2607.99999", "https://github.com/x/y")).isEmpty();
    }

    @Test
    void refuses_a_code_link_that_is_not_an_http_url() {
        assertThatThrownBy(() -> feed.setCodeUrl("2607.00001", "javascript:alert(1)"))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("code: 'javascript:alert(1)' is not an http(s) URL");
        assertThat(papers.find("2607.00001").orElseThrow().links().code()).isNull();
    }
}
