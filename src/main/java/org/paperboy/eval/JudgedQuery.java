package org.paperboy.eval;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * One judged alert-like query: its text, the category it is limited to ({@code null}: any), the
 * listing days it searches ({@code from}..{@code to}, inclusive), and the papers a person judged
 * relevant or not relevant to it by reading their titles and abstracts. Papers not judged are
 * unknown, not relevant.
 */
public record JudgedQuery(
        String query, String category, LocalDate from, LocalDate to, Set<String> relevant, Set<String> notRelevant) {

    public JudgedQuery {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        relevant = Set.copyOf(relevant);
        notRelevant = Set.copyOf(notRelevant);
    }

    /** Whether {@code id} was judged, either way. */
    public boolean judged(String id) {
        return relevant.contains(id) || notRelevant.contains(id);
    }
}
