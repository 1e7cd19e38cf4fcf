package org.paperboy.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import org.paperboy.paper.Paper;
import org.paperboy.store.FeedRepository;
import org.paperboy.store.FeedRepository.Ranked;

/**
 * The daily, weekly and monthly feeds and the trending list. Pages are cached for a few seconds
 * (the front page is the most requested thing on the site); {@link #invalidate} drops the cache
 * at once after a vote, a submission or a moderation in this process; an expired page is read
 * from the store by one request while the others wait for it. Thread-safe.
 */
public final class Feed {

    /** How long a cached page may be served: bounds the staleness after an import by another process. */
    static final Duration CACHE_TTL = Duration.ofSeconds(5);

    private static final int CACHE_LIMIT = 2_000;

    /** Trending windows end at the latest listed day and reach back this many days (inclusive). */
    public enum Window {
        DAY(1),
        WEEK(7),
        MONTH(30);

        final int days;

        Window(int days) {
            this.days = days;
        }

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    record Key(Object what, FeedOrder order, int page, int pageSize) {}

    /** A period's papers in one category (lower case), as a cache key. */
    private record InCategory(Period period, String category) {}

    private record Cached(Object value, Instant at, long generation) {}

    private final FeedRepository repository;
    private final Clock clock;
    private final TrendingScore trending;
    private final Map<Key, Cached> cache = new ConcurrentHashMap<>();
    private final Object[] stripes =
            java.util.stream.Stream.generate(Object::new).limit(16).toArray();
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    public Feed(FeedRepository repository, Clock clock, TrendingScore trending) {
        this.repository = repository;
        this.clock = clock;
        this.trending = trending;
    }

    /** Forgets cached pages: the next request reads the store. */
    public void invalidate() {
        generation.incrementAndGet();
        cache.clear();
    }

    /** The last day with papers, if there are any. */
    public Optional<LocalDate> latestDay() {
        return cached(new Key("latest", null, 0, 0), repository::latestDay);
    }

    /** The last day before {@code day} that has papers. */
    public Optional<LocalDate> dayBefore(LocalDate day) {
        return cached(new Key("before:" + day, null, 0, 0), () -> repository.dayBefore(day));
    }

    /** The first day after {@code day} that has papers. */
    public Optional<LocalDate> dayAfter(LocalDate day) {
        return cached(new Key("after:" + day, null, 0, 0), () -> repository.dayAfter(day));
    }

    /** Paper counts of the days of {@code month} that have papers, for a calendar. */
    public SortedMap<LocalDate, Integer> calendar(YearMonth month) {
        return cached(
                new Key("calendar:" + month, null, 0, 0),
                () -> repository.dayCounts(month.atDay(1), month.atEndOfMonth()));
    }

    /**
     * Page {@code page} (from 1) of the papers listed in {@code period}; a page past the end is
     * empty. Trending order scores each paper by {@link TrendingScore} as of now.
     */
    public FeedPage page(Period period, FeedOrder order, int page, int pageSize) {
        return page(period, order, null, page, pageSize);
    }

    /**
     * {@link #page(Period, FeedOrder, int, int)} of the papers with {@code category} among their
     * categories (compared without case; {@code null}: every paper). The total counts only them.
     */
    public FeedPage page(Period period, FeedOrder order, String category, int page, int pageSize) {
        if (page < 1 || pageSize < 1) {
            throw new IllegalArgumentException("page " + page + " of size " + pageSize + " does not exist");
        }
        Object what = category == null ? period : new InCategory(period, category.toLowerCase(java.util.Locale.ROOT));
        return cached(new Key(what, order, page, pageSize), () -> load(period, order, category, page, pageSize));
    }

    /**
     * The {@code limit} categories carried by the most papers of {@code period}, with their
     * counts, most first: what a visitor may narrow the period's feed to.
     */
    public List<FeedRepository.CategoryCount> categories(Period period, int limit) {
        return cached(
                new Key("categories:" + period, null, 0, limit),
                () -> repository.categoryCounts(period.from(), period.to(), limit));
    }

    /** Page {@code page} of the trending papers of the {@code window} ending at the latest listed day. */
    public FeedPage trending(Window window, int page, int pageSize) {
        return trending(window, null, page, pageSize);
    }

    /** {@link #trending(Window, int, int)} of the papers in {@code category} ({@code null}: all). */
    public FeedPage trending(Window window, String category, int page, int pageSize) {
        return page(window(window), FeedOrder.TRENDING, category, page, pageSize);
    }

    /** The days of {@code window}: it ends at the latest listed day (today when there is none). */
    public Period window(Window window) {
        LocalDate last = latestDay().orElse(LocalDate.now(clock));
        Period period = new Period(Period.Kind.DAY, last.minusDays(window.days - 1L), last);
        if (window == Window.WEEK) {
            period = new Period(Period.Kind.WEEK, period.from(), period.to());
        } else if (window == Window.MONTH) {
            period = new Period(Period.Kind.MONTH, period.from(), period.to());
        }
        return period;
    }

    private FeedPage load(Period period, FeedOrder order, String category, int page, int pageSize) {
        int offset = (page - 1) * pageSize;
        List<Ranked> ranked;
        int total;
        if (order == FeedOrder.TRENDING) {
            Instant now = clock.instant();
            List<Ranked> all = new ArrayList<>(repository.listed(period.from(), period.to(), 0, category));
            all.sort(Comparator.comparingDouble(
                            (Ranked r) -> -trending.score(r.upstream(), r.votes(), r.listedOn(), now))
                    .thenComparing(Ranked::listedOn, Comparator.reverseOrder())
                    .thenComparing(Ranked::id, Comparator.reverseOrder()));
            total = all.size();
            ranked = offset >= total ? List.of() : all.subList(offset, Math.min(total, offset + pageSize));
        } else {
            total = repository.count(period.from(), period.to(), category);
            ranked = order == FeedOrder.NEWEST
                    ? repository.newest(period.from(), period.to(), category, offset, pageSize)
                    : repository.mostUpvoted(period.from(), period.to(), category, offset, pageSize);
        }
        Map<String, Paper> papers =
                repository.papers(ranked.stream().map(Ranked::id).toList());
        List<FeedItem> items = new ArrayList<>(ranked.size());
        for (Ranked r : ranked) {
            Paper p = papers.get(r.id());
            if (p != null) {
                items.add(new FeedItem(p, r.upvotes()));
            }
        }
        return new FeedPage(period, order, items, total, page, pageSize);
    }

    /**
     * The cached value of {@code key}, or {@code loader}'s. One thread loads an expired entry while
     * the others asking for a key of the same stripe wait for it and take its value: when the front
     * page expires under load, the store is read once, not once per waiting request. A loader only
     * reads the store and never asks this cache again, so two stripes are never waited on at once.
     */
    @SuppressWarnings("unchecked")
    <T> T cached(Key key, java.util.function.Supplier<T> loader) {
        Cached c = fresh(key);
        if (c != null) {
            return (T) c.value;
        }
        synchronized (stripes[Math.floorMod(key.hashCode(), stripes.length)]) {
            c = fresh(key);
            if (c != null) {
                return (T) c.value;
            }
            Instant now = clock.instant();
            long gen = generation.get();
            T value = loader.get();
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(key, new Cached(value, now, gen));
            return value;
        }
    }

    private Cached fresh(Key key) {
        Cached c = cache.get(key);
        return c != null
                        && c.generation == generation.get()
                        && c.at.plus(CACHE_TTL).isAfter(clock.instant())
                ? c
                : null;
    }
}
