package org.paperboy.search.solr;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.response.AnalysisResponseBase;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.paperboy.search.QueryEvidence;

/**
 * {@link org.paperboy.search.Searcher#evidence} on a collection, equal to the embedded index's:
 * the query's terms and their positions from the collection's own analysis, each term's BM25
 * weight from its document frequency (a term query's count), the terms each paper has (term
 * queries among the papers), its neighbouring word pairs near each other (phrase queries with
 * slop 3 on the query's own words, which re-analyze to the pair's terms) and which papers have a
 * vector. Two requests per term and one per pair: for alerts, not for every search. Thread-safe.
 */
final class SolrEvidence {

    // As the embedded index: how far apart a query's word pair may stand and still count as near,
    // and at most this many distinct terms and pairs of a query are weighed.
    static final int PAIR_SLOP = 3;
    static final int MAX_TERMS = 250;

    private final SolrPaperIndex index;

    SolrEvidence(SolrPaperIndex index) {
        this.index = index;
    }

    /** The evidence of {@code text} (already cut to its searchable length) about the papers {@code ids}. */
    QueryEvidence of(String text, Collection<String> ids) {
        List<AnalysisResponseBase.TokenInfo> tokens =
                text == null || text.isBlank() ? List.of() : index.analyzeQuery(text);
        Set<String> terms = new LinkedHashSet<>();
        // A neighbouring pair as the query wrote it: its two words re-analyze to the pair's terms.
        Map<List<String>, String> pairs = new LinkedHashMap<>();
        AnalysisResponseBase.TokenInfo previous = null;
        for (AnalysisResponseBase.TokenInfo t : tokens) {
            if (terms.size() < MAX_TERMS) {
                terms.add(t.getText());
            }
            if (previous != null
                    && pairs.size() < MAX_TERMS
                    && t.getPosition() - previous.getPosition() == 1
                    && !previous.getText().equals(t.getText())) {
                pairs.putIfAbsent(
                        List.of(previous.getText(), t.getText()),
                        SolrQueries.plainWords(text.substring(previous.getStart(), previous.getEnd()) + " "
                                + text.substring(t.getStart(), t.getEnd())));
            }
            previous = t;
        }
        if (ids.isEmpty()) {
            return QueryEvidence.NONE;
        }
        List<String> among = ids.stream().distinct().toList();
        long docs = index.count();
        Map<String, Double> weights = new LinkedHashMap<>();
        Map<String, Set<String>> found = new HashMap<>();
        for (String term : terms) {
            String withTerm = SolrSchema.term(SolrSchema.TEXT, term);
            long df = matching(withTerm, List.of(), 0).total();
            // BM25's inverse document frequency, as Lucene's BM25Similarity computes it.
            weights.put(term, Math.log(1 + (docs - df + 0.5) / (df + 0.5)));
            for (String id : matching(withTerm, among, among.size()).ids()) {
                found.computeIfAbsent(id, k -> new HashSet<>()).add(term);
            }
        }
        Map<String, Integer> near = new HashMap<>();
        for (String words : pairs.values()) {
            String phrase = "{!lucene df=" + SolrSchema.TEXT + " q.op=AND}\"" + words + "\"~" + PAIR_SLOP;
            for (String id : matching(phrase, among, among.size()).ids()) {
                near.merge(id, 1, Integer::sum);
            }
        }
        Set<String> withVector =
                Set.copyOf(matching(SolrSchema.term(SolrSchema.HAS_VECTOR, "true"), among, among.size())
                        .ids());
        for (String id : matching(SolrSchema.PAPERS, among, among.size()).ids()) {
            found.putIfAbsent(id, Set.of());
        }
        return new QueryEvidence(weights, found, pairs.size(), near, withVector);
    }

    /** Ids (at most {@code n}) of the papers among {@code among} (all papers when empty) that {@code query} matches. */
    private Matches matching(String query, List<String> among, int n) {
        SolrQuery q = new SolrQuery(query);
        q.addFilterQuery(SolrSchema.PAPERS);
        if (!among.isEmpty()) {
            q.addFilterQuery(SolrSchema.ids(among));
        }
        q.setFields(SolrSchema.ID);
        q.setRows(n);
        QueryResponse response = index.query(q);
        List<String> found = new ArrayList<>();
        for (SolrDocument doc : response.getResults()) {
            found.add((String) doc.getFieldValue(SolrSchema.ID));
        }
        return new Matches(found, response.getResults().getNumFound());
    }

    private record Matches(List<String> ids, long total) {}
}
