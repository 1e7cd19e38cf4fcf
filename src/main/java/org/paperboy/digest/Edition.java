package org.paperboy.digest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.paperboy.feed.Period;
import org.paperboy.feed.TrendingScore;
import org.paperboy.paper.Paper;
import org.paperboy.store.FeedRepository;
import org.paperboy.store.FeedRepository.Ranked;

/**
 * What one period offers every subscriber: its visible papers in trending order (upvotes decayed
 * by age as of the end of the period, as on the trending page), with their categories. Loaded
 * once per period and run, shared by all digests of that period; immutable.
 */
final class Edition {

    private final Period period;
    private final List<String> trending;
    private final Map<String, Paper> papers;
    private final Map<String, Integer> upvotes;
    private final Map<String, Set<String>> categories;

    private Edition(Period period, List<String> trending, Map<String, Paper> papers, Map<String, Integer> upvotes) {
        this.period = period;
        this.trending = List.copyOf(trending);
        this.papers = Map.copyOf(papers);
        this.upvotes = Map.copyOf(upvotes);
        Map<String, Set<String>> cats = new HashMap<>();
        papers.forEach((id, p) -> {
            Set<String> lower = new HashSet<>();
            p.categories().forEach(c -> lower.add(c.toLowerCase(Locale.ROOT)));
            cats.put(id, lower);
        });
        this.categories = cats;
    }

    /** The visible papers listed in {@code period}, from the store. */
    static Edition load(FeedRepository feedStore, TrendingScore score, Period period) {
        Instant asOf = period.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Ranked> ranked = new ArrayList<>(feedStore.listed(period.from(), period.to(), 0));
        ranked.sort(Comparator.comparingDouble((Ranked r) -> -score.score(r.upstream(), r.votes(), r.listedOn(), asOf))
                .thenComparing(Ranked::listedOn, Comparator.reverseOrder())
                .thenComparing(Ranked::id, Comparator.reverseOrder()));
        Map<String, Paper> papers = new HashMap<>();
        List<String> ids = ranked.stream().map(Ranked::id).toList();
        for (int i = 0; i < ids.size(); i += 500) {
            papers.putAll(feedStore.papers(ids.subList(i, Math.min(ids.size(), i + 500))));
        }
        Map<String, Integer> upvotes = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (Ranked r : ranked) {
            if (papers.containsKey(r.id())) {
                order.add(r.id());
                upvotes.put(r.id(), r.upvotes());
            }
        }
        return new Edition(period, order, papers, upvotes);
    }

    Period period() {
        return period;
    }

    /** Every visible paper of the period, hottest first. */
    List<String> trending() {
        return trending;
    }

    boolean contains(String id) {
        return papers.containsKey(id);
    }

    /** Whether the paper is in any of {@code lowerCaseCategories}. */
    boolean inAny(String id, Set<String> lowerCaseCategories) {
        Set<String> mine = categories.get(id);
        if (mine == null) {
            return false;
        }
        for (String c : lowerCaseCategories) {
            if (mine.contains(c)) {
                return true;
            }
        }
        return false;
    }

    Paper paper(String id) {
        return papers.get(id);
    }

    int upvotes(String id) {
        return upvotes.getOrDefault(id, 0);
    }

    int size() {
        return trending.size();
    }
}
