package org.paperboy.store;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.paperboy.paper.Links;
import org.paperboy.paper.Paper;

/**
 * The store's side of the feed: papers by listed day ranked by upvotes, day counts for the
 * calendar, and moderation (hiding a paper, setting its code link). Hidden papers are left out
 * of every list here. Upvotes are the imported count plus the votes cast on this site.
 */
public final class FeedRepository {

    /**
     * A listed paper without its text: enough to rank it. {@code upvotes} is the total,
     * {@code votes} the part of it cast on this site (the rest is the upstream's count).
     */
    public record Ranked(String id, int upvotes, LocalDate listedOn, int votes) {
        /** The upstream's part of the upvotes. */
        public int upstream() {
            return upvotes - votes;
        }
    }

    /** One category of a period and how many of its visible papers carry it (in any position). */
    public record CategoryCount(String category, int papers) {}

    private static final String RANKED = "SELECT id, upvotes + votes AS total, listed_on, votes FROM papers "
            + "WHERE hidden = 0 AND listed_on >= :from AND listed_on <= :to ";

    // Any of the paper's categories, compared without case: cs.cl finds cs.CL, as search does.
    private static final String IN_CATEGORY = "AND EXISTS (SELECT 1 FROM paper_categories c "
            + "WHERE c.paper_id = papers.id AND LOWER(c.category) = :category) ";

    /** How long the set of hidden ids is reused; other web nodes see a change within it. */
    public static final java.time.Duration HIDDEN_TTL = java.time.Duration.ofSeconds(5);

    private record Hidden(Set<String> ids, long readAtNanos) {}

    private final Database db;
    private final PaperRepository papers;
    private volatile Hidden hidden;

    public FeedRepository(Database db, PaperRepository papers) {
        this.db = db;
        this.papers = papers;
    }

    /** Visible papers listed from {@code from} to {@code to} (inclusive). */
    public int count(LocalDate from, LocalDate to) {
        return count(from, to, null);
    }

    /**
     * Visible papers listed from {@code from} to {@code to} (inclusive) with {@code category}
     * among their categories (any case); {@code null} counts every category.
     */
    public int count(LocalDate from, LocalDate to, String category) {
        return db.withHandle(h -> {
            var q = h.createQuery("SELECT COUNT(*) FROM papers WHERE hidden = 0 AND listed_on >= :from "
                            + "AND listed_on <= :to " + (category == null ? "" : IN_CATEGORY))
                    .bind("from", from.toString())
                    .bind("to", to.toString());
            if (category != null) {
                q.bind("category", categoryKey(category));
            }
            return q.mapTo(Integer.class).one();
        });
    }

    /** One page of the papers listed in the range, most upvoted first, then newest id first. */
    public List<Ranked> mostUpvoted(LocalDate from, LocalDate to, int offset, int limit) {
        return mostUpvoted(from, to, null, offset, limit);
    }

    /** {@link #mostUpvoted(LocalDate, LocalDate, int, int)} of the papers in {@code category} ({@code null}: all). */
    public List<Ranked> mostUpvoted(LocalDate from, LocalDate to, String category, int offset, int limit) {
        return page("total DESC, id DESC", from, to, category, offset, limit);
    }

    /** One page of the papers listed in the range, newest listed day first, then newest id first. */
    public List<Ranked> newest(LocalDate from, LocalDate to, int offset, int limit) {
        return newest(from, to, null, offset, limit);
    }

    /** {@link #newest(LocalDate, LocalDate, int, int)} of the papers in {@code category} ({@code null}: all). */
    public List<Ranked> newest(LocalDate from, LocalDate to, String category, int offset, int limit) {
        return page("listed_on DESC, id DESC", from, to, category, offset, limit);
    }

    private List<Ranked> page(String orderBy, LocalDate from, LocalDate to, String category, int offset, int limit) {
        return db.withHandle(h -> {
            var q = h.createQuery(RANKED
                            + (category == null ? "" : IN_CATEGORY)
                            + "ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset")
                    .bind("from", from.toString())
                    .bind("to", to.toString())
                    .bind("limit", limit)
                    .bind("offset", offset);
            if (category != null) {
                q.bind("category", categoryKey(category));
            }
            return q.map((rs, ctx) ->
                            new Ranked(rs.getString(1), rs.getInt(2), LocalDate.parse(rs.getString(3)), rs.getInt(4)))
                    .list();
        });
    }

    /** Every visible paper listed in the range with at least {@code minUpvotes}, unordered. */
    public List<Ranked> listed(LocalDate from, LocalDate to, int minUpvotes) {
        return listed(from, to, minUpvotes, null);
    }

    /** {@link #listed(LocalDate, LocalDate, int)} of the papers in {@code category} ({@code null}: all). */
    public List<Ranked> listed(LocalDate from, LocalDate to, int minUpvotes, String category) {
        return db.withHandle(h -> {
            var q = h.createQuery(RANKED + "AND upvotes + votes >= :min " + (category == null ? "" : IN_CATEGORY))
                    .bind("from", from.toString())
                    .bind("to", to.toString())
                    .bind("min", minUpvotes);
            if (category != null) {
                q.bind("category", categoryKey(category));
            }
            return q.map((rs, ctx) ->
                            new Ranked(rs.getString(1), rs.getInt(2), LocalDate.parse(rs.getString(3)), rs.getInt(4)))
                    .list();
        });
    }

    /**
     * The {@code limit} categories carried by the most visible papers listed in the range (any
     * position), most papers first, then by name: the feed's category chips.
     */
    public List<CategoryCount> categoryCounts(LocalDate from, LocalDate to, int limit) {
        // CROSS JOIN keeps SQLite on the period's papers first (by listed day), then their categories:
        // 5 ms for a day of 74,728 papers where it otherwise walked every category (15 ms).
        return db.withHandle(h -> h.createQuery("SELECT c.category, COUNT(DISTINCT c.paper_id) AS n "
                        + "FROM papers CROSS JOIN paper_categories c WHERE c.paper_id = papers.id "
                        + "AND papers.hidden = 0 AND papers.listed_on >= :from AND papers.listed_on <= :to "
                        + "GROUP BY c.category ORDER BY n DESC, c.category LIMIT :limit")
                .bind("from", from.toString())
                .bind("to", to.toString())
                .bind("limit", limit)
                .map((rs, ctx) -> new CategoryCount(rs.getString(1), rs.getInt(2)))
                .list());
    }

    private static String categoryKey(String category) {
        return category.toLowerCase(java.util.Locale.ROOT);
    }

    /** The visible papers among {@code ids}, keyed by id, with their upvotes. */
    public Map<String, Paper> papers(List<String> ids) {
        Map<String, Paper> found = db.withHandle(h -> papers.findAll(h, ids));
        Set<String> hidden = hiddenAmong(ids);
        Map<String, Paper> out = new HashMap<>(found);
        out.keySet().removeAll(hidden);
        return out;
    }

    /** What a search result's card needs from the store beyond the index: see {@link #cardFacts}. */
    public record CardFacts(int upvotes, String absUrl, String pdfUrl) {}

    /**
     * The visible papers among {@code ids}, keyed by id, with their upvotes (imported plus cast
     * here) and own links (null when the arXiv id implies them): one query, for search results.
     */
    public Map<String, CardFacts> cardFacts(List<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, CardFacts> out = new HashMap<>();
        db.withHandle(h -> h.createQuery("SELECT id, upvotes + votes, abs_url, pdf_url FROM papers "
                                + "WHERE hidden = 0 AND id IN (<ids>)")
                        .bindList("ids", ids)
                        .map((rs, ctx) -> Map.entry(
                                rs.getString(1), new CardFacts(rs.getInt(2), rs.getString(3), rs.getString(4))))
                        .list())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Upvotes (imported plus cast here) of the papers among {@code ids}. */
    public Map<String, Integer> upvotes(List<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, Integer> out = new HashMap<>();
        db.withHandle(h -> h.createQuery("SELECT id, upvotes + votes FROM papers WHERE id IN (<ids>)")
                        .bindList("ids", ids)
                        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
                        .list())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Paper counts of the days with visible papers from {@code from} to {@code to}. */
    public SortedMap<LocalDate, Integer> dayCounts(LocalDate from, LocalDate to) {
        SortedMap<LocalDate, Integer> out = new TreeMap<>();
        db.withHandle(h -> h.createQuery("SELECT listed_on, COUNT(*) FROM papers WHERE hidden = 0 "
                                + "AND listed_on >= :from AND listed_on <= :to GROUP BY listed_on")
                        .bind("from", from.toString())
                        .bind("to", to.toString())
                        .map((rs, ctx) -> Map.entry(LocalDate.parse(rs.getString(1)), rs.getInt(2)))
                        .list())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** The last day with a visible paper. */
    public Optional<LocalDate> latestDay() {
        return day("SELECT MAX(listed_on) FROM papers WHERE hidden = 0", null);
    }

    /** The last day before {@code day} with a visible paper. */
    public Optional<LocalDate> dayBefore(LocalDate day) {
        return day("SELECT MAX(listed_on) FROM papers WHERE hidden = 0 AND listed_on < :day", day);
    }

    /** The first day after {@code day} with a visible paper. */
    public Optional<LocalDate> dayAfter(LocalDate day) {
        return day("SELECT MIN(listed_on) FROM papers WHERE hidden = 0 AND listed_on > :day", day);
    }

    private Optional<LocalDate> day(String sql, LocalDate day) {
        return db.withHandle(h -> {
            var q = h.createQuery(sql);
            if (day != null) {
                q.bind("day", day.toString());
            }
            return q.mapTo(String.class).findOne().map(LocalDate::parse);
        });
    }

    /** Whether the paper is hidden; empty when it is unknown. */
    public Optional<Boolean> hidden(String id) {
        return db.withHandle(h -> h.createQuery("SELECT hidden FROM papers WHERE id = :id")
                .bind("id", id)
                .mapTo(Integer.class)
                .findOne()
                .map(v -> v != 0));
    }

    /** The hidden papers among {@code ids}. */
    public Set<String> hiddenAmong(List<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return db.withHandle(
                h -> new HashSet<>(h.createQuery("SELECT id FROM papers WHERE hidden <> 0 AND id IN (<ids>)")
                        .bindList("ids", ids)
                        .mapTo(String.class)
                        .list()));
    }

    /**
     * Every hidden paper's id, as of at most {@link #HIDDEN_TTL} ago, and at once after
     * {@link #setHidden} on this node: searches leave them out, and each search must not cost a scan.
     */
    public Set<String> hiddenIds() {
        Hidden h = hidden;
        if (fresh(h)) {
            return h.ids();
        }
        // One reader refreshes the set; searches arriving meanwhile wait for it instead of each
        // running the same query (the partial index papers_hidden makes it a short one).
        synchronized (this) {
            h = hidden;
            if (!fresh(h)) {
                long now = System.nanoTime();
                h = new Hidden(
                        Set.copyOf(db.withHandle(x -> x.createQuery("SELECT id FROM papers WHERE hidden <> 0")
                                .mapTo(String.class)
                                .list())),
                        now);
                hidden = h;
            }
            return h.ids();
        }
    }

    private static boolean fresh(Hidden h) {
        return h != null && System.nanoTime() - h.readAtNanos() <= HIDDEN_TTL.toNanos();
    }

    /** A hidden paper as the admin overview lists it. */
    public record HiddenPaper(String id, String title, LocalDate listedOn) {}

    /** How many papers are hidden now. */
    public long countHidden() {
        return db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM papers WHERE hidden <> 0")
                .mapTo(Long.class)
                .one());
    }

    /** Up to {@code limit} hidden papers, the latest listed first. */
    public List<HiddenPaper> hiddenPapers(int limit) {
        return db.withHandle(h -> h.createQuery("SELECT id, title, listed_on FROM papers WHERE hidden <> 0 "
                        + "ORDER BY listed_on DESC, id DESC LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> new HiddenPaper(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3) == null ? null : LocalDate.parse(rs.getString(3))))
                .list());
    }

    /** Hides or shows a paper; false when it is unknown. */
    public boolean setHidden(String id, boolean hidden) {
        boolean known = db.withHandle(h -> h.createUpdate("UPDATE papers SET hidden = :hidden WHERE id = :id")
                        .bind("hidden", hidden ? 1 : 0)
                        .bind("id", id)
                        .execute())
                == 1;
        // Under the refresh's lock: a refresh that read before this update cannot store its set after.
        synchronized (this) {
            this.hidden = null;
        }
        return known;
    }

    /**
     * Sets (or, with {@code null}, removes) the paper's code link, as a content change: the search
     * index picks it up. Empty when the paper is unknown.
     *
     * @throws org.paperboy.paper.InvalidRecordException when {@code url} is not an http(s) URL
     */
    public Optional<Paper> setCodeUrl(String id, String url) {
        return db.inTransaction(h -> {
            Paper p = papers.findAll(h, List.of(id)).get(id);
            if (p == null) {
                return Optional.empty();
            }
            Links l = p.links();
            Paper changed = p.toBuilder()
                    .links(new Links(l.abs(), l.pdf(), url, l.project()))
                    .build();
            papers.updateAll(h, List.of(changed));
            return Optional.of(changed);
        });
    }
}
