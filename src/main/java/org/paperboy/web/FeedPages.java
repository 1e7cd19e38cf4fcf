package org.paperboy.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.paperboy.feed.Feed;
import org.paperboy.feed.FeedOrder;
import org.paperboy.feed.FeedPage;
import org.paperboy.feed.Period;
import org.paperboy.feed.TrendingScore;
import org.paperboy.sources.SourceStatus;
import org.paperboy.store.SourceStateRepository;

/**
 * The feed pages: {@code /} (the latest day with papers), {@code /date/YYYY-MM-DD},
 * {@code /week/YYYY-Www}, {@code /month/YYYY-MM} (most upvoted first, 30 a page, with a
 * calendar) and {@code /trending?window=day|week|month}. Each narrows to the visitor's category
 * and shows cards or the compact list as {@link FeedPreferences} says. A day without papers is a
 * page with an empty state, not a 404; a malformed date, window, page, category or view is a 400
 * naming the value.
 */
final class FeedPages {

    static final int PAGE_SIZE = 30;

    /** Pages past this are refused before the feed is asked (their offset would be absurd). */
    static final int MAX_PAGE = 100_000;

    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("EEE, MMM d", Locale.ENGLISH);

    /**
     * Stands for the visitor's CSRF token in cached pages: letters and digits only, so escaping
     * leaves it as it is, and it is replaced by the real token for each visitor.
     */
    static final String CSRF_PLACEHOLDER = "pbcsrfplaceholder7Qx2Lm9Vt4Kc8Rw3Hy6Jn1Sd5Fg0Zb";

    private static final int PAGE_CACHE_LIMIT = 1_000;

    /** A page rendered for anonymous visitors from {@code source}, a page of the feed's cache. */
    private record CachedPage(FeedPage source, String html) {}

    private final Site site;
    private final Templates templates;
    private final CardLoader cards;
    private final Map<String, CachedPage> anonymousPages = new ConcurrentHashMap<>();

    FeedPages(Site site, Templates templates) {
        this.site = site;
        this.templates = templates;
        this.cards = new CardLoader(site);
    }

    void register(RoutesConfig r) {
        r.get("/", this::latest);
        r.get("/date/{key}", ctx -> period(ctx, Period.Kind.DAY, "date"));
        r.get("/week/{key}", ctx -> period(ctx, Period.Kind.WEEK, "week"));
        r.get("/month/{key}", ctx -> period(ctx, Period.Kind.MONTH, "month"));
        r.get("/trending", this::trending);
    }

    private void latest(Context ctx) {
        Optional<LocalDate> latest = site.feed().latestDay();
        if (latest.isEmpty() && site.sources().enabled()) {
            Pagination.requestedPage(ctx, MAX_PAGE);
            firstRun(ctx);
            return;
        }
        if (latest.isEmpty()) {
            Pagination.requestedPage(ctx, MAX_PAGE);
            FeedView empty = new FeedView(
                    "Daily papers",
                    null,
                    null,
                    null,
                    List.of(),
                    null,
                    List.of(),
                    Pagination.of("/", Map.of(), 1, 1),
                    "No papers yet: this Paperboy has not imported any.",
                    List.of(),
                    true,
                    null);
            templates.page(ctx, "feed.jte", params(ctx, "Daily papers", empty, Visitor.of(ctx)));
            return;
        }
        show(ctx, Period.day(latest.get()));
    }

    /**
     * The front page of an empty install whose sources are on: what is being fetched, how far it
     * got, and any failure; it reloads itself until the first papers are there.
     */
    private void firstRun(Context ctx) {
        List<FirstRunView.Step> steps = new ArrayList<>();
        for (SourceStatus st : site.sources().statuses()) {
            SourceStateRepository.Run run = st.lastRun();
            steps.add(new FirstRunView.Step(
                    st.name(),
                    st.upstream(),
                    st.health(),
                    run == null ? 0 : run.daysDone(),
                    run == null ? 0 : run.daysTotal(),
                    run == null ? 0 : run.stored(),
                    st.failing() ? st.state().lastError() : null,
                    st.state().nextRunAt() == null
                            ? null
                            : SourcePages.moment(st.state().nextRunAt())));
        }
        FirstRunView view = new FirstRunView(steps, site.papers().count());
        templates.page(
                ctx,
                "first-run.jte",
                Map.of("layout", Layout.of("Fetching today's papers", Visitor.of(ctx), "today"), "view", view));
    }

    private void period(Context ctx, Period.Kind kind, String field) {
        String key = ctx.pathParam("key");
        Period period;
        try {
            period = Period.parse(kind, key);
        } catch (IllegalArgumentException e) {
            throw HttpError.badField(field, key, e.getMessage());
        }
        show(ctx, period);
    }

    /**
     * A feed page. Anonymous visitors all see the same page but for their CSRF token, so it is
     * rendered once per page of the feed's cache (which lives a few seconds, or until a vote) and
     * served with the token put in: the front page is the most requested thing on the site.
     */
    private void show(Context ctx, Period period) {
        int page = Pagination.requestedPage(ctx, MAX_PAGE);
        FeedPreferences chosen = FeedPreferences.of(ctx, site);
        FeedPage feed = site.feed().page(period, FeedOrder.UPVOTES, chosen.category(), page, PAGE_SIZE);
        checkPage(page, feed);
        Visitor visitor = Visitor.of(ctx);
        if (visitor.signedIn()) {
            templates.page(ctx, "feed.jte", params(ctx, period, feed, page, visitor, chosen));
            return;
        }
        // The same address shows another page under another remembered category or layout.
        String key = Pagination.here(ctx) + "\n" + chosen.cacheKey();
        CachedPage cached = anonymousPages.get(key);
        if (cached == null || cached.source() != feed) {
            Visitor anonymous = new Visitor(null, false, CSRF_PLACEHOLDER);
            cached = new CachedPage(
                    feed, templates.render("feed.jte", params(ctx, period, feed, page, anonymous, chosen)));
            if (anonymousPages.size() >= PAGE_CACHE_LIMIT) {
                anonymousPages.clear();
            }
            anonymousPages.put(key, cached);
        }
        ctx.contentType("text/html; charset=utf-8")
                .result(cached.html().replace(CSRF_PLACEHOLDER, visitor.csrfToken()));
    }

    private Map<String, Object> params(
            Context ctx, Period period, FeedPage feed, int page, Visitor visitor, FeedPreferences chosen) {
        Optional<LocalDate> latest = site.feed().latestDay();
        LocalDate anchor = period.kind() == Period.Kind.DAY
                ? period.from()
                : latest.filter(period::contains).orElse(period.from());
        boolean empty = feed.items().isEmpty();
        FeedTools tools =
                FeedTools.of(period.path(), Map.of(), site.feed().categories(period, FeedTools.CHIPS), chosen);
        FeedView view = new FeedView(
                period.label(),
                empty ? null : count(feed.total()) + in(tools) + ", most upvoted first",
                previous(period),
                next(period),
                views(period, anchor),
                CalendarView.of(
                        YearMonth.from(anchor),
                        site.feed().calendar(YearMonth.from(anchor)),
                        period,
                        period.kind() == Period.Kind.DAY ? anchor : null),
                cards.ofFeed(feed.items(), visitor),
                Pagination.of(period.path(), categoryParam(tools), page, feed.pages()),
                empty ? emptyMessage(period, latest.isEmpty(), tools) : null,
                empty ? nearby(period) : List.of(),
                latest.isEmpty(),
                tools);
        return params(ctx, period.label(), view, visitor);
    }

    private static Map<String, Object> params(Context ctx, String title, FeedView view, Visitor visitor) {
        Layout layout =
                Layout.of(title, visitor, "today").withAtom("/feed.atom").withMath(CardView.anyMath(view.cards()));
        return Map.of("layout", layout, "feed", view, "next", Pagination.here(ctx));
    }

    /**
     * The nearest earlier day with papers, or the week or month holding it: never an empty
     * period, so the link skips gaps in the listings as the day view does.
     */
    private Link previous(Period period) {
        return site.feed()
                .dayBefore(period.from())
                .map(d -> same(period.kind(), d))
                .map(p -> Link.to(p.path(), shortLabel(p)))
                .orElse(null);
    }

    /**
     * The nearest later day with papers, or the week or month holding it: never an empty period,
     * so there is no "next" link past the latest listing however far today is beyond it.
     */
    private Link next(Period period) {
        return site.feed()
                .dayAfter(period.to())
                .map(d -> same(period.kind(), d))
                .map(p -> Link.to(p.path(), shortLabel(p)))
                .orElse(null);
    }

    /** The period of {@code kind} that holds {@code day}. */
    private static Period same(Period.Kind kind, LocalDate day) {
        return switch (kind) {
            case DAY -> Period.day(day);
            case WEEK -> Period.weekOf(day);
            case MONTH -> Period.month(YearMonth.from(day));
        };
    }

    private static String shortLabel(Period p) {
        return switch (p.kind()) {
            case DAY -> SHORT_DAY.format(p.from());
            case WEEK -> "Week " + p.key().substring(p.key().indexOf('W') + 1);
            case MONTH -> p.label();
        };
    }

    /** Day, week and month views of {@code anchor}, the one being shown marked current. */
    private static List<Link> views(Period period, LocalDate anchor) {
        return List.of(
                new Link(Period.day(anchor).path(), "Day", period.kind() == Period.Kind.DAY),
                new Link(Period.weekOf(anchor).path(), "Week", period.kind() == Period.Kind.WEEK),
                new Link(Period.month(YearMonth.from(anchor)).path(), "Month", period.kind() == Period.Kind.MONTH));
    }

    private static String emptyMessage(Period period, boolean siteEmpty, FeedTools tools) {
        if (siteEmpty) {
            return "No papers yet: this Paperboy has not imported any.";
        }
        String papers = tools.filtered() ? "No papers in " + tools.category() : "No papers";
        return switch (period.kind()) {
            case DAY -> papers + " were listed on this day.";
            case WEEK -> papers + " were listed in this week.";
            case MONTH -> papers + " were listed in this month.";
        };
    }

    /** " in cs.CL" when the feed is narrowed to a category, else nothing. */
    private static String in(FeedTools tools) {
        return tools.filtered() ? " in " + tools.category() : "";
    }

    private static Map<String, String> withCategory(Map<String, String> params, FeedTools tools) {
        Map<String, String> all = new java.util.LinkedHashMap<>(params);
        all.putAll(categoryParam(tools));
        return all;
    }

    /** The chosen category as a query parameter, so page links work without cookies too. */
    private static Map<String, String> categoryParam(FeedTools tools) {
        return tools.filtered() ? Map.of("category", tools.category()) : Map.of();
    }

    /** The nearest days with papers before and after an empty period. */
    private List<Link> nearby(Period period) {
        List<Link> links = new ArrayList<>(2);
        site.feed()
                .dayBefore(period.from())
                .ifPresent(d -> links.add(Link.to(
                        Period.day(d).path(), "Earlier: " + Period.day(d).label())));
        site.feed()
                .dayAfter(period.to())
                .ifPresent(d -> links.add(
                        Link.to(Period.day(d).path(), "Later: " + Period.day(d).label())));
        return links;
    }

    private void trending(Context ctx) {
        Feed.Window window = window(ctx.queryParam("window"));
        int page = Pagination.requestedPage(ctx, MAX_PAGE);
        FeedPreferences chosen = FeedPreferences.of(ctx, site);
        FeedPage feed = site.feed().trending(window, chosen.category(), page, PAGE_SIZE);
        checkPage(page, feed);
        FeedTools tools = FeedTools.of(
                "/trending",
                Map.of("window", window.key()),
                site.feed().categories(feed.period(), FeedTools.CHIPS),
                chosen);
        List<Link> tabs = new ArrayList<>(3);
        for (Feed.Window w : Feed.Window.values()) {
            tabs.add(new Link("/trending?window=" + w.key(), tabLabel(w), w == window));
        }
        Period range = feed.period();
        String span = range.from().equals(range.to())
                ? "listed on " + CardView.DAY.format(range.from())
                : "listed from " + CardView.DAY.format(range.from()) + " to " + CardView.DAY.format(range.to());
        List<CardView> shown = cards.ofFeed(feed.items(), Visitor.of(ctx));
        Layout layout = Layout.of("Trending papers", Visitor.of(ctx), "trending")
                .withAtom("/trending.atom")
                .withMath(CardView.anyMath(shown));
        templates.page(
                ctx,
                "trending.jte",
                Map.of(
                        "layout",
                        layout,
                        "tabs",
                        tabs,
                        "span",
                        count(feed.total()) + in(tools) + " " + span,
                        "tools",
                        tools,
                        "gravity",
                        TrendingScore.DEFAULT.gravity(),
                        "cards",
                        shown,
                        "pagination",
                        Pagination.of(
                                "/trending", withCategory(Map.of("window", window.key()), tools), page, feed.pages()),
                        "next",
                        Pagination.here(ctx)));
    }

    private static String tabLabel(Feed.Window w) {
        return switch (w) {
            case DAY -> "Latest day";
            case WEEK -> "Past week";
            case MONTH -> "Past month";
        };
    }

    /** The {@code window} parameter: week when absent. */
    static Feed.Window window(String v) {
        if (v == null || v.isBlank()) {
            return Feed.Window.WEEK;
        }
        for (Feed.Window w : Feed.Window.values()) {
            if (w.key().equalsIgnoreCase(v.strip())) {
                return w;
            }
        }
        throw HttpError.badField("window", v, "'" + HttpError.shorten(v) + "' is not one of day, week, month");
    }

    private static void checkPage(int page, FeedPage feed) {
        if (page > feed.pages()) {
            throw HttpError.notFound("page " + page + " is past the end: this feed has " + feed.pages()
                    + (feed.pages() == 1 ? " page" : " pages"));
        }
    }

    private static String count(int n) {
        return n == 1 ? "1 paper" : String.format(Locale.ENGLISH, "%,d papers", n);
    }
}
