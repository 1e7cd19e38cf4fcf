package org.paperboy.search;

import java.util.List;

/**
 * One page of results. {@code totalHits} counts every match when {@code totalHitsExact}, and is
 * a lower bound otherwise (counting stops early for speed); for dense and hybrid searches it
 * counts the candidates retrieved. {@code notices} are sentences for the user about how the
 * query was handled (cut, no searchable words, vectors not ready), empty when there is nothing to say.
 */
public record SearchResults(long totalHits, boolean totalHitsExact, List<Hit> hits, List<String> notices) {
    public SearchResults {
        hits = List.copyOf(hits);
        notices = List.copyOf(notices);
    }

    public static SearchResults none(List<String> notices) {
        return new SearchResults(0, true, List.of(), notices);
    }
}
