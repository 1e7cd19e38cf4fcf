package org.paperboy.digest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.paperboy.feed.Period;
import org.paperboy.feed.TrendingScore;
import org.paperboy.store.DigestLedgerRepository;
import org.paperboy.store.FeedRepository;
import org.paperboy.store.Subscription;
import org.paperboy.store.Subscription.Alert;
import org.paperboy.store.Subscription.Frequency;

/**
 * Decides which period a digest covers and what it contains. A digest holds, in order: up to
 * {@link #FOR_YOU_TOP} "For you" picks of the subscriber's account ({@link PersonalSection}), the papers
 * matching the subscription's alerts, the papers in its categories, and the period's top
 * {@link #TRENDING_TOP} trending papers, leaving out every paper an earlier digest already
 * carried to the subscription. Editions (a period's papers) are loaded once and shared; call
 * {@link #clear} between runs. Thread-safe.
 */
public final class DigestPlanner {

    /** Trending papers per digest ("the trending top N"). */
    public static final int TRENDING_TOP = 10;

    /** Most papers from followed categories per digest; the hottest first. */
    public static final int CATEGORY_MAX = 20;

    private final FeedRepository feedStore;
    private final DigestLedgerRepository ledger;
    private final AlertMatcher alerts;
    private final TrendingScore score;
    /** Most "For you" picks at the top of a digest. */
    public static final int FOR_YOU_TOP = 5;

    private final Map<Period, Edition> editions = new ConcurrentHashMap<>();
    private final PersonalSection personal;

    public DigestPlanner(
            FeedRepository feedStore, DigestLedgerRepository ledger, AlertMatcher alerts, TrendingScore score) {
        this(feedStore, ledger, alerts, score, PersonalSection.NONE);
    }

    /** A planner that puts {@code personal}'s picks at the top of each digest. */
    public DigestPlanner(
            FeedRepository feedStore,
            DigestLedgerRepository ledger,
            AlertMatcher alerts,
            TrendingScore score,
            PersonalSection personal) {
        this.feedStore = feedStore;
        this.ledger = ledger;
        this.alerts = alerts;
        this.score = score;
        this.personal = personal;
    }

    /**
     * The period a digest of {@code frequency} covers when sent for {@code date}: that day, or its
     * ISO week. A scheduled run (not {@code explicit}) on day D sends the day before D and, for
     * weekly subscribers, the last complete week before D.
     */
    public static Period period(Frequency frequency, LocalDate date, boolean explicit) {
        if (explicit) {
            return frequency == Frequency.DAILY ? Period.day(date) : Period.weekOf(date);
        }
        return frequency == Frequency.DAILY
                ? Period.day(date.minusDays(1))
                : Period.weekOf(date).previous();
    }

    /** Forgets loaded editions and alert matches: the next run reads the store and index again. */
    public void clear() {
        editions.clear();
        alerts.clear();
    }

    /** Whether alerts can be matched now (the embedding model is loaded). */
    public boolean alertsReady() {
        return alerts.ready();
    }

    /** Papers alerts matched since {@link #clear} by their words alone, as they had no vector yet. */
    public int alertsByKeywords() {
        return alerts.keywordOnlyMatches();
    }

    /** Papers of {@code period} visible now; loads the edition. */
    public int papersIn(Period period) {
        return edition(period).size();
    }

    /** The digest of {@code subscription} for {@code period}: what is new to it, possibly nothing. */
    public Digest compose(Subscription subscription, Period period) {
        Edition edition = edition(period);
        Set<String> sent = Set.copyOf(ledger.sentIn(subscription.id(), overlapping(period)));
        Set<String> seen = new HashSet<>(sent);
        List<DigestEntry> forYouEntries = new ArrayList<>();
        for (PersonalSection.Pick pick : personal.picks(subscription.email(), period, FOR_YOU_TOP + seen.size())) {
            if (forYouEntries.size() < FOR_YOU_TOP && edition.contains(pick.paperId()) && seen.add(pick.paperId())) {
                forYouEntries.add(new DigestEntry(
                        edition.paper(pick.paperId()), edition.upvotes(pick.paperId()), null, pick.why()));
            }
        }
        List<DigestEntry> alertEntries = new ArrayList<>();
        Map<Alert, List<String>> matches = new LinkedHashMap<>();
        for (Alert alert : subscription.settings().alerts()) {
            List<String> all = alerts.matchAll(alert, period);
            matches.put(alert, all);
            for (String id : all.subList(0, Math.min(all.size(), AlertMatcher.MAX_HITS))) {
                if (edition.contains(id) && seen.add(id)) {
                    alertEntries.add(new DigestEntry(edition.paper(id), edition.upvotes(id), alert));
                }
            }
        }
        List<DigestEntry> categoryEntries = new ArrayList<>();
        Set<String> categories = new LinkedHashSet<>();
        subscription.settings().categories().forEach(c -> categories.add(c.toLowerCase(Locale.ROOT)));
        if (!categories.isEmpty()) {
            for (String id : edition.trending()) {
                if (categoryEntries.size() == CATEGORY_MAX) {
                    break;
                }
                if (edition.inAny(id, categories) && seen.add(id)) {
                    categoryEntries.add(new DigestEntry(edition.paper(id), edition.upvotes(id), null));
                }
            }
        }
        List<DigestEntry> trendingEntries = new ArrayList<>();
        if (subscription.settings().trending()) {
            for (String id : edition.trending()) {
                if (trendingEntries.size() == TRENDING_TOP) {
                    break;
                }
                if (seen.add(id)) {
                    trendingEntries.add(new DigestEntry(edition.paper(id), edition.upvotes(id), null));
                }
            }
        }
        Digest.Extent extent = extent(
                edition,
                sent,
                seen,
                matches,
                categories,
                subscription.settings().trending());
        return new Digest(subscription, period, forYouEntries, alertEntries, categoryEntries, trendingEntries, extent);
    }

    /**
     * The digest's {@link Digest.Extent}: {@code sent} are the papers earlier digests carried, {@code shown}
     * those and the ones this digest shows, {@code matches} every alert's matches.
     */
    private static Digest.Extent extent(
            Edition edition,
            Set<String> sent,
            Set<String> shown,
            Map<Alert, List<String>> matches,
            Set<String> categories,
            boolean trending) {
        Set<String> matched = new HashSet<>();
        List<Digest.AlertMore> alertsMore = new ArrayList<>();
        for (Map.Entry<Alert, List<String>> m : matches.entrySet()) {
            int more = 0;
            for (String id : m.getValue()) {
                if (edition.contains(id) && !sent.contains(id)) {
                    matched.add(id);
                    if (!shown.contains(id)) {
                        more++;
                    }
                }
            }
            if (more > 0) {
                alertsMore.add(new Digest.AlertMore(m.getKey(), more));
            }
        }
        int inCategories = 0;
        int categoriesMore = 0;
        int periodMore = 0;
        for (String id : edition.trending()) {
            if (sent.contains(id)) {
                continue;
            }
            boolean left = !shown.contains(id);
            if (!categories.isEmpty() && edition.inAny(id, categories)) {
                inCategories++;
                categoriesMore += left ? 1 : 0;
            }
            periodMore += left && trending ? 1 : 0;
        }
        return new Digest.Extent(matched.size(), inCategories, alertsMore, categoriesMore, periodMore);
    }

    private Edition edition(Period period) {
        return editions.computeIfAbsent(period, p -> Edition.load(feedStore, score, p));
    }

    /**
     * Keys of the periods a digest could have carried a paper of {@code period} in: a paper is
     * only ever sent in a digest whose period contains its listing day.
     */
    static List<String> overlapping(Period period) {
        Set<String> keys = new LinkedHashSet<>();
        for (LocalDate d = period.from(); !d.isAfter(period.to()); d = d.plusDays(1)) {
            keys.add(Period.day(d).key());
            keys.add(Period.weekOf(d).key());
        }
        return List.copyOf(keys);
    }
}
