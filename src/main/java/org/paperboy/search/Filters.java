package org.paperboy.search;

import java.time.LocalDate;

/**
 * Restrictions on which papers a search may return; every {@code null} means "any". A category
 * matches the primary category only when {@code primaryOnly}, else any of the paper's categories
 * (case-insensitively, so {@code cs.cl} finds {@code cs.CL}); an unknown category simply matches
 * nothing. {@code since} and {@code until} bound the listed day, both inclusive, and exclude papers
 * with no listed day. {@code author} matches one author's whole name after
 * {@link PaperSchema#authorKey normalization} (case, accents and punctuation ignored).
 */
public record Filters(
        String category, boolean primaryOnly, LocalDate since, LocalDate until, String author, Boolean hasCode) {

    /** No restriction. */
    public static final Filters NONE = new Filters(null, false, null, null, null, null);

    public Filters {
        category = blankToNull(category);
        author = blankToNull(author);
    }

    public static Filters category(String category, boolean primaryOnly) {
        return NONE.withCategory(category, primaryOnly);
    }

    public Filters withCategory(String category, boolean primaryOnly) {
        return new Filters(category, primaryOnly, since, until, author, hasCode);
    }

    public Filters withListedBetween(LocalDate since, LocalDate until) {
        return new Filters(category, primaryOnly, since, until, author, hasCode);
    }

    public Filters withAuthor(String author) {
        return new Filters(category, primaryOnly, since, until, author, hasCode);
    }

    public Filters withHasCode(Boolean hasCode) {
        return new Filters(category, primaryOnly, since, until, author, hasCode);
    }

    /** True when this restricts nothing. */
    public boolean isEmpty() {
        return category == null && since == null && until == null && author == null && hasCode == null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
