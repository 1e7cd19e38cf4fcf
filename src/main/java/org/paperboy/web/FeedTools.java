package org.paperboy.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paperboy.store.FeedRepository.CategoryCount;

/**
 * The bar above a feed: category chips (the period's most common categories with their paper
 * counts, the chosen one marked, and "All" to clear the choice) and the switch between cards
 * and the compact list. {@code category} is the chosen category ({@code null}: all).
 */
public record FeedTools(List<Chip> chips, String allHref, String category, List<Link> layouts, boolean compact) {

    /** How many categories the chips offer: enough for a field's main lists, few enough for one or two rows. */
    static final int CHIPS = 10;

    /** One category chip: where it leads, the category, how many papers of the period carry it. */
    public record Chip(String href, String category, int papers, boolean current) {
        /** {@code "page"} for the chosen chip's {@code aria-current}, else {@code null}. */
        public String ariaCurrent() {
            return current ? "page" : null;
        }
    }

    public FeedTools {
        chips = List.copyOf(chips);
        layouts = List.copyOf(layouts);
    }

    /**
     * The tools of the feed at {@code path} with query {@code params} (such as trending's
     * window), offering {@code counts}; the chosen category is offered even when the period has
     * none of it, so it can be seen and cleared.
     */
    static FeedTools of(String path, Map<String, String> params, List<CategoryCount> counts, FeedPreferences chosen) {
        String selected = chosen.category();
        List<Chip> chips = new ArrayList<>(counts.size() + 1);
        boolean found = false;
        for (CategoryCount c : counts) {
            boolean current = c.category().equalsIgnoreCase(selected);
            if (current) {
                // Shown as the period's papers spell it: cs.cl chosen, cs.CL shown.
                found = true;
                selected = c.category();
            }
            chips.add(new Chip(href(path, params, "category", c.category()), c.category(), c.papers(), current));
        }
        if (selected != null && !found) {
            chips.add(0, new Chip(href(path, params, "category", selected), selected, 0, true));
        }
        List<Link> layouts = List.of(
                new Link(href(path, params, "view", FeedPreferences.CARDS), "Cards", !chosen.compact()),
                new Link(href(path, params, "view", FeedPreferences.COMPACT), "Compact", chosen.compact()));
        return new FeedTools(
                chips, href(path, params, "category", FeedPreferences.ALL), selected, layouts, chosen.compact());
    }

    private static String href(String path, Map<String, String> params, String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put(name, value);
        return Pagination.withQuery(path, all);
    }

    /** True when a category is chosen. */
    public boolean filtered() {
        return category != null;
    }
}
