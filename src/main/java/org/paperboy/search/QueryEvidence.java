package org.paperboy.search;

import java.util.Map;
import java.util.Set;

/**
 * What the index knows about some papers with respect to one query text: the weight (BM25 inverse
 * document frequency over the title-and-abstract field) of each searchable word of the query, as
 * the index analyzes it; which of those words each paper's title and abstract contain; how many of
 * the query's neighbouring word pairs ("large language", "language model") each paper has near
 * each other ({@code pairs} in all); and which of the papers have a vector yet. Papers not in the
 * index are absent from the maps.
 */
public record QueryEvidence(
        Map<String, Double> termWeights,
        Map<String, Set<String>> termsFound,
        int pairs,
        Map<String, Integer> pairsNear,
        Set<String> withVector) {

    public static final QueryEvidence NONE = new QueryEvidence(Map.of(), Map.of(), 0, Map.of(), Set.of());

    public QueryEvidence {
        termWeights = Map.copyOf(termWeights);
        termsFound = Map.copyOf(termsFound);
        pairsNear = Map.copyOf(pairsNear);
        withVector = Set.copyOf(withVector);
    }

    /**
     * The share of the query's neighbouring word pairs that paper {@code id} has near each other
     * (a few words apart, either order), in [0, 1]; 1 for a query of one word, where there is no
     * pair to look for.
     */
    public double proximity(String id) {
        return pairs == 0 ? 1 : pairsNear.getOrDefault(id, 0) / (double) pairs;
    }

    /**
     * Whether paper {@code id} contains every key word of the query: each word whose weight is at
     * least {@code share} times the heaviest word's (1: the rarest words only; 0: every word).
     */
    public boolean hasKeyTerms(String id, double share) {
        Set<String> has = termsFound.get(id);
        if (has == null) {
            return false;
        }
        double max = termWeights.values().stream()
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(0);
        for (Map.Entry<String, Double> e : termWeights.entrySet()) {
            if (e.getValue() >= share * max && !has.contains(e.getKey())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The share of the query's word weight that paper {@code id} contains, in [0, 1]; 0 for a
     * paper not in the index or a query without searchable words.
     */
    public double coverage(String id) {
        double total = 0;
        double found = 0;
        Set<String> has = termsFound.getOrDefault(id, Set.of());
        for (Map.Entry<String, Double> e : termWeights.entrySet()) {
            total += e.getValue();
            if (has.contains(e.getKey())) {
                found += e.getValue();
            }
        }
        return total == 0 ? 0 : found / total;
    }
}
