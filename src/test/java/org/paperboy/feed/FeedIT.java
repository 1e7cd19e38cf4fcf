package org.paperboy.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.paper.Paper;
import org.paperboy.store.Database;
import org.paperboy.store.FeedRepository;
import org.paperboy.store.PaperRepository;
import org.paperboy.store.User;
import org.paperboy.store.UserRepository;
import org.paperboy.store.VoteRepository;

/** The feed over a real SQLite store: ordering, paging, days, calendar, trending and hiding. */
class FeedIT {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-07-02T12:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate JUN_29 = LocalDate.of(2026, 6, 29);
    private static final LocalDate JUN_30 = LocalDate.of(2026, 6, 30);
    private static final LocalDate JUL_1 = LocalDate.of(2026, 7, 1);

    @TempDir
    Path dir;

    Database db;
    FeedRepository store;
    Feed feed;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:sqlite:" + dir.resolve("feed.db"));
        PaperRepository papers = new PaperRepository(db, CLOCK);
        db.inTransaction(h -> {
            papers.insertAll(
                    h,
                    List.of(
                            paper("2606.00001", JUN_29, 50),
                            paper("2606.00002", JUN_30, 3),
                            paper("2606.00003", JUN_30, 7),
                            paper("2606.00004", JUN_30, 3),
                            paper("2607.00001", JUL_1, 1),
                            paper("2607.00002", JUL_1, 0),
                            Paper.builder("2607.00003")
                                    .title("Not in any feed")
                                    .abstractText("A corpus document.")
                                    .build()));
            return null;
        });
        store = new FeedRepository(db, papers);
        feed = new Feed(store, CLOCK, TrendingScore.DEFAULT);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Paper paper(String id, LocalDate listed, int upvotes) {
        return Paper.builder(id)
                .title("Paper " + id)
                .abstractText("About " + id + ".")
                .listedOn(listed)
                .upvotes(upvotes)
                .build();
    }

    private static List<String> ids(FeedPage page) {
        return page.items().stream().map(i -> i.paper().id()).toList();
    }

    @Test
    void orders_a_day_by_upvotes_then_newest_id() {
        FeedPage page = feed.page(Period.day(JUN_30), FeedOrder.UPVOTES, 1, 30);
        assertThat(ids(page)).containsExactly("2606.00003", "2606.00004", "2606.00002");
        assertThat(page.items().get(0).upvotes()).isEqualTo(7);
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.pages()).isEqualTo(1);
    }

    @Test
    void pages_through_a_week() {
        Period week = Period.weekOf(JUN_30);
        FeedPage first = feed.page(week, FeedOrder.UPVOTES, 1, 4);
        FeedPage second = feed.page(week, FeedOrder.UPVOTES, 2, 4);
        assertThat(ids(first)).containsExactly("2606.00001", "2606.00003", "2606.00004", "2606.00002");
        assertThat(ids(second)).containsExactly("2607.00001", "2607.00002");
        assertThat(first.total()).isEqualTo(6);
        assertThat(first.pages()).isEqualTo(2);
        assertThat(first.hasNextPage()).isTrue();
        assertThat(second.hasNextPage()).isFalse();
        assertThat(feed.page(week, FeedOrder.UPVOTES, 3, 4).items()).isEmpty();
    }

    @Test
    void newest_order_puts_the_latest_day_first() {
        FeedPage page = feed.page(Period.weekOf(JUN_30), FeedOrder.NEWEST, 1, 3);
        assertThat(ids(page)).containsExactly("2607.00002", "2607.00001", "2606.00004");
    }

    @Test
    void finds_the_latest_day_and_the_days_around_one() {
        assertThat(feed.latestDay()).contains(JUL_1);
        assertThat(feed.dayBefore(JUL_1)).contains(JUN_30);
        assertThat(feed.dayAfter(JUN_29)).contains(JUN_30);
        assertThat(feed.dayBefore(JUN_29)).isEmpty();
        assertThat(feed.dayAfter(JUL_1)).isEmpty();
    }

    @Test
    void counts_the_papers_of_each_day_of_a_month() {
        assertThat(feed.calendar(YearMonth.of(2026, 6))).isEqualTo(Map.of(JUN_29, 1, JUN_30, 3));
        assertThat(feed.calendar(YearMonth.of(2026, 5))).isEmpty();
    }

    @Test
    void trending_decays_upvotes_by_age() {
        // At noon July 2: 2606.00001 has 50 votes at 60 h old (50/62^1.8 = 0.29), 2606.00003 has 7 at 36 h
        // (7/38^1.8 = 0.099), 2607.00001 has 1 at 12 h (1/14^1.8 = 0.0087).
        FeedPage page = feed.trending(Feed.Window.WEEK, 1, 30);
        assertThat(ids(page))
                .containsExactly("2606.00001", "2606.00003", "2606.00004", "2606.00002", "2607.00001", "2607.00002");
        assertThat(page.period().from()).isEqualTo(LocalDate.of(2026, 6, 25));
        assertThat(page.period().to()).isEqualTo(JUL_1);
        assertThat(ids(feed.trending(Feed.Window.DAY, 1, 30))).containsExactly("2607.00001", "2607.00002");
    }

    @Test
    void a_vote_counts_once_the_cache_is_invalidated() {
        UserRepository users = new UserRepository(db, CLOCK);
        VoteRepository votes = new VoteRepository(db, CLOCK);
        User ada = users.signIn("ada@example.org");
        Period day = Period.day(JUL_1);
        assertThat(ids(feed.page(day, FeedOrder.UPVOTES, 1, 30))).containsExactly("2607.00001", "2607.00002");

        votes.set(ada.id(), "2607.00002", true);
        votes.set(users.signIn("bob@example.org").id(), "2607.00002", true);
        assertThat(ids(feed.page(day, FeedOrder.UPVOTES, 1, 30))).containsExactly("2607.00001", "2607.00002");
        feed.invalidate();

        FeedPage page = feed.page(day, FeedOrder.UPVOTES, 1, 30);
        assertThat(ids(page)).containsExactly("2607.00002", "2607.00001");
        assertThat(page.items().get(0).upvotes()).isEqualTo(2);
    }

    @Test
    void requests_that_find_a_page_expired_together_read_the_store_once() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        Feed.Key key = new Feed.Key("front", FeedOrder.UPVOTES, 1, 30);
        List<Thread> requests = new ArrayList<>();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 8; i++) {
            requests.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    seen.add(feed.cached(key, () -> {
                        loads.incrementAndGet();
                        // A slow read: the other requests arrive while it runs.
                        LockSupport.parkNanos(200_000_000L);
                        return ids(feed.page(Period.day(JUN_30), FeedOrder.UPVOTES, 1, 30))
                                .toString();
                    }));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        start.countDown();
        for (Thread t : requests) {
            t.join();
        }
        assertThat(loads).hasValue(1);
        assertThat(seen).hasSize(8).containsOnly("[2606.00003, 2606.00004, 2606.00002]");
    }

    @Test
    void hidden_papers_leave_every_list() {
        assertThat(store.setHidden("2606.00003", true)).isTrue();
        feed.invalidate();
        assertThat(ids(feed.page(Period.day(JUN_30), FeedOrder.UPVOTES, 1, 30)))
                .containsExactly("2606.00004", "2606.00002");
        assertThat(feed.calendar(YearMonth.of(2026, 6))).isEqualTo(Map.of(JUN_29, 1, JUN_30, 2));
        assertThat(store.hiddenIds()).containsExactly("2606.00003");
        assertThat(store.setHidden("2699.99999", true)).isFalse();
    }
}
