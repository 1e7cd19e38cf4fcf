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
import org.paperboy.paper.Paper;
import org.paperboy.store.ForYouRepository.StoredModel;
import org.paperboy.store.LibraryRepository.Saved;
import org.paperboy.store.SignalRepository.Feedback;
import org.paperboy.store.SignalRepository.Follow;
import org.paperboy.store.SignalRepository.FollowKind;
import org.paperboy.store.SignalRepository.Seed;
import org.paperboy.store.SignalRepository.Signals;

/**
 * The library, the reader's other signals and the "for you" settings and model, run the same way
 * against every database Paperboy supports; each subclass hands out URLs of new, empty databases.
 */
abstract class SignalRepositoriesContract {

    static final Instant START = Instant.parse("2026-07-02T12:00:00Z");
    static final LocalDate DAY = LocalDate.of(2026, 7, 1);

    final MutableClock clock = new MutableClock(START);
    Database db;
    UserRepository users;
    VoteRepository votes;
    LibraryRepository library;
    SignalRepository signals;
    ForYouRepository forYou;
    FeedRepository feed;
    long alice;
    long bob;

    abstract String newDatabaseUrl() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        db = Database.open(newDatabaseUrl());
        PaperRepository papers = new PaperRepository(db, clock);
        users = new UserRepository(db, clock);
        votes = new VoteRepository(db, clock);
        library = new LibraryRepository(db, clock);
        signals = new SignalRepository(db, clock);
        forYou = new ForYouRepository(db, clock);
        feed = new FeedRepository(db, papers);
        db.inTransaction(h -> {
            papers.insertAll(h, List.of(paper("2607.00001"), paper("2607.00002"), paper("2607.00003")));
            return null;
        });
        feed.setHidden("2607.00003", true);
        alice = users.signIn("alice@example.org").id();
        bob = users.signIn("bob@example.org").id();
    }

    @AfterEach
    void closeStore() {
        db.close();
    }

    static Paper paper(String id) {
        return Paper.builder(id)
                .title("Title of " + id)
                .abstractText("Abstract of " + id)
                .listedOn(DAY)
                .build();
    }

    @Test
    void saves_papers_with_tags_and_lists_the_library_newest_first_and_by_tag() {
        assertThat(library.save(alice, "2607.00001", List.of("to-read", "rag")))
                .contains(new Saved("2607.00001", List.of("rag", "to-read"), START));
        clock.advance(Duration.ofMinutes(1));
        library.save(alice, "2607.00002", List.of());

        assertThat(library.list(alice, null)).extracting(Saved::paperId).containsExactly("2607.00002", "2607.00001");
        assertThat(library.list(alice, "rag")).extracting(Saved::paperId).containsExactly("2607.00001");
        assertThat(library.tags(alice)).isEqualTo(Map.of("rag", 1, "to-read", 1));
        assertThat(library.savedAmong(alice, List.of("2607.00001", "2607.00002", "2607.00009")))
                .containsExactlyInAnyOrder("2607.00001", "2607.00002");
        assertThat(library.list(bob, null)).isEmpty();
    }

    @Test
    void saving_again_replaces_the_tags_and_keeps_the_first_saving_time() {
        library.save(alice, "2607.00001", List.of("a"));
        clock.advance(Duration.ofHours(1));

        assertThat(library.save(alice, "2607.00001", List.of("b")))
                .contains(new Saved("2607.00001", List.of("b"), START));
        assertThat(library.count(alice)).isEqualTo(1);
    }

    @Test
    void saving_an_unknown_or_hidden_paper_stores_nothing() {
        assertThat(library.save(alice, "2607.09999", List.of("x"))).isEmpty();
        assertThat(library.save(alice, "2607.00003", List.of())).isEmpty();

        assertThat(library.count(alice)).isZero();
        assertThat(signals.version(alice)).isZero();
    }

    @Test
    void every_change_of_a_signal_raises_the_version_and_an_unchanged_vote_does_not() {
        library.save(alice, "2607.00001", List.of());
        votes.set(alice, "2607.00002", true);
        votes.set(alice, "2607.00002", true);
        signals.feedback(alice, "2607.00001", -1);
        signals.follow(alice, FollowKind.CATEGORY, "cs.IR", true);
        signals.addSeeds(alice, List.of("2607.00002"), "id");
        library.remove(alice, "2607.00001");

        assertThat(signals.version(alice)).isEqualTo(6);
        assertThat(signals.version(bob)).isZero();
    }

    @Test
    void the_last_feedback_on_a_paper_wins_and_none_takes_it_back() {
        signals.feedback(alice, "2607.00001", 1);
        signals.feedback(alice, "2607.00001", -1);
        signals.feedback(alice, "2607.00002", 1);
        signals.feedback(alice, "2607.00002", 0);

        assertThat(signals.all(alice).feedback()).containsExactly(new Feedback("2607.00001", -1));
        assertThat(signals.feedback(alice, "2607.09999", 1)).isFalse();
    }

    @Test
    void seeds_are_stored_all_or_none() {
        assertThat(signals.addSeeds(alice, List.of("2607.00001", "2607.09999", "2607.00003"), "id"))
                .containsExactly("2607.09999", "2607.00003");
        assertThat(signals.all(alice).seeds()).isEmpty();

        assertThat(signals.addSeeds(alice, List.of("2607.00001", "2607.00002"), "bibtex"))
                .isEmpty();
        assertThat(signals.all(alice).seeds())
                .containsExactlyInAnyOrder(new Seed("2607.00001", "bibtex"), new Seed("2607.00002", "bibtex"));
    }

    @Test
    void follows_are_kept_once_and_can_be_dropped() {
        signals.follow(alice, FollowKind.CATEGORY, "cs.IR", true);
        signals.follow(alice, FollowKind.CATEGORY, "cs.IR", true);
        signals.follow(alice, FollowKind.AUTHOR, "Ada Lovelace", true);
        signals.follow(alice, FollowKind.CATEGORY, "cs.CL", true);
        signals.follow(alice, FollowKind.CATEGORY, "cs.CL", false);

        assertThat(signals.all(alice).follows())
                .containsExactly(
                        new Follow(FollowKind.AUTHOR, "Ada Lovelace"), new Follow(FollowKind.CATEGORY, "cs.IR"));
    }

    @Test
    void deleting_all_signals_forgets_everything_and_takes_the_upvotes_back() {
        votes.set(alice, "2607.00001", true);
        votes.set(bob, "2607.00001", true);
        library.save(alice, "2607.00002", List.of("x"));
        signals.feedback(alice, "2607.00002", 1);
        signals.follow(alice, FollowKind.AUTHOR, "Ada Lovelace", true);
        signals.addSeeds(alice, List.of("2607.00001"), "id");
        forYou.storeModel(alice, 5, new byte[] {1, 2, 3});
        String token = forYou.newFeedToken(alice);

        signals.deleteAll(alice);

        Signals left = signals.all(alice);
        assertThat(left.isEmpty()).isTrue();
        assertThat(forYou.model(alice)).isEmpty();
        assertThat(forYou.userOfFeedToken(token)).isEmpty();
        assertThat(feed.upvotes(List.of("2607.00001"))).isEqualTo(Map.of("2607.00001", 1));
        assertThat(signals.all(bob).upvoted()).containsExactly("2607.00001");
    }

    @Test
    void a_feed_token_finds_its_reader_until_it_is_replaced_or_revoked() {
        String first = forYou.newFeedToken(alice);
        assertThat(first).startsWith("pbf_");
        assertThat(forYou.userOfFeedToken(first)).contains(alice);

        String second = forYou.newFeedToken(alice);
        assertThat(forYou.userOfFeedToken(first)).isEmpty();
        assertThat(forYou.hasFeedToken(alice)).isTrue();

        forYou.revokeFeedToken(alice);
        assertThat(forYou.userOfFeedToken(second)).isEmpty();
        assertThat(forYou.hasFeedToken(alice)).isFalse();
    }

    @Test
    void the_blend_defaults_and_a_stored_model_is_replaced_with_its_version() {
        assertThat(forYou.blend(alice)).isEqualTo(ForYouRepository.DEFAULT_BLEND);
        forYou.setBlend(alice, 0.5);
        assertThat(forYou.blend(alice)).isEqualTo(0.5);

        forYou.storeModel(alice, 3, new byte[] {1, 2});
        forYou.storeModel(alice, 4, new byte[] {7});

        StoredModel m = forYou.model(alice).orElseThrow();
        assertThat(m.signalsVersion()).isEqualTo(4);
        assertThat(m.bytes()).containsExactly(7);
        assertThat(forYou.model(bob)).isEmpty();
    }
}
