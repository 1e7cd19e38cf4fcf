package org.paperboy.search;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;

/**
 * Restrictions on which papers a search may return; every {@code null} means "any". A category
 * matches the primary category only when {@code primaryOnly}, else any of the paper's categories
 * (case-insensitively, so {@code cs.cl} finds {@code cs.CL}); an unknown category simply matches
 * nothing. {@code since} and {@code until} bound the listed day, both inclusive, and exclude papers
 * with no listed day. {@code author} matches one author's whole name after
 * {@link #authorKey normalization} (case, accents and punctuation ignored).
 * {@code excludedIds} are papers that must not be found (hidden by moderators): left out inside
 * the search, so totals and pages count only what may be shown.
 */
public record Filters(
        String category,
        boolean primaryOnly,
        LocalDate since,
        LocalDate until,
        String author,
        Boolean hasCode,
        Set<String> excludedIds) {

    /** No restriction. */
    public static final Filters NONE = new Filters(null, false, null, null, null, null);

    public Filters {
        category = blankToNull(category);
        author = blankToNull(author);
        excludedIds = excludedIds == null ? Set.of() : Set.copyOf(excludedIds);
    }

    /** Restrictions that exclude no paper by id. */
    public Filters(
            String category, boolean primaryOnly, LocalDate since, LocalDate until, String author, Boolean hasCode) {
        this(category, primaryOnly, since, until, author, hasCode, Set.of());
    }

    public static Filters category(String category, boolean primaryOnly) {
        return NONE.withCategory(category, primaryOnly);
    }

    public Filters withCategory(String category, boolean primaryOnly) {
        return new Filters(category, primaryOnly, since, until, author, hasCode, excludedIds);
    }

    public Filters withListedBetween(LocalDate since, LocalDate until) {
        return new Filters(category, primaryOnly, since, until, author, hasCode, excludedIds);
    }

    public Filters withAuthor(String author) {
        return new Filters(category, primaryOnly, since, until, author, hasCode, excludedIds);
    }

    public Filters withHasCode(Boolean hasCode) {
        return new Filters(category, primaryOnly, since, until, author, hasCode, excludedIds);
    }

    /** These restrictions, and papers {@code ids} left out. */
    public Filters withExcluded(Set<String> ids) {
        return new Filters(category, primaryOnly, since, until, author, hasCode, ids);
    }

    /** True when this restricts nothing. */
    public boolean isEmpty() {
        return category == null
                && since == null
                && until == null
                && author == null
                && hasCode == null
                && excludedIds.isEmpty();
    }

    /**
     * The key the author filter compares: lower case, accents removed, punctuation as spaces, runs
     * of spaces joined, so {@code "José  A. García-López"} and {@code "jose a garcia lopez"} agree.
     */
    public static String authorKey(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD);
        String letters =
                decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ");
        return letters.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
