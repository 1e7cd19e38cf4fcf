package org.paperboy.search.solr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.paperboy.paper.HtmlEscape;
import org.paperboy.paper.TexText;
import org.paperboy.search.Hit;
import org.paperboy.search.ScoredId;

/**
 * Search results read back from Solr's responses: the stored fields of each paper and its
 * highlighted title and snippet, or, where the highlighter marked nothing, the HTML-escaped title
 * and the start of the abstract (about {@code snippetChars}, cut at a space), as the embedded
 * index shows an unmatched paper. Immutable.
 */
final class SolrHits {

    private static final String ELLIPSIS = "\u2026";

    private final int snippetChars;

    SolrHits(int snippetChars) {
        this.snippetChars = snippetChars;
    }

    /** The hits of {@code response} in its order, each scored by {@code score}. */
    List<Hit> inOrder(QueryResponse response, ToDoubleFunction<SolrDocument> score) {
        Map<String, Map<String, List<String>>> highlighting = highlighting(response);
        List<Hit> hits = new ArrayList<>();
        for (SolrDocument doc : response.getResults()) {
            SolrSchema.StoredPaper p = SolrSchema.StoredPaper.of(doc);
            hits.add(hit(p, score.applyAsDouble(doc), highlighting.getOrDefault(p.id(), Map.of())));
        }
        return hits;
    }

    /** The hits of {@code shown}, in that order with those scores, from a response holding their papers. */
    List<Hit> ranked(QueryResponse response, List<ScoredId> shown) {
        Map<String, SolrSchema.StoredPaper> byId = new HashMap<>();
        for (SolrDocument doc : response.getResults()) {
            SolrSchema.StoredPaper p = SolrSchema.StoredPaper.of(doc);
            byId.put(p.id(), p);
        }
        Map<String, Map<String, List<String>>> highlighting = highlighting(response);
        List<Hit> hits = new ArrayList<>();
        for (ScoredId s : shown) {
            SolrSchema.StoredPaper p = byId.get(s.id());
            if (p != null) { // deleted between ranking and fetching
                hits.add(hit(p, s.score(), highlighting.getOrDefault(s.id(), Map.of())));
            }
        }
        return hits;
    }

    private static Map<String, Map<String, List<String>>> highlighting(QueryResponse response) {
        return response.getHighlighting() == null ? Map.of() : response.getHighlighting();
    }

    private Hit hit(SolrSchema.StoredPaper p, double score, Map<String, List<String>> highlights) {
        String title = first(highlights.get(SolrSchema.TITLE));
        String snippet = first(highlights.get(SolrSchema.ABSTRACT));
        return new Hit(
                p.id(),
                score,
                p.title(),
                title != null ? title : HtmlEscape.escape(p.title()),
                snippet != null ? snippet : HtmlEscape.escape(start(p.abstractText())),
                p.abstractText(),
                p.authors(),
                p.categories(),
                p.listedOn(),
                p.published(),
                p.codeUrl());
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * About {@code snippetChars} of the start of {@code text}, cut at a space and never inside a
     * formula, with an ellipsis when cut.
     */
    String start(String text) {
        int limit = snippetChars;
        if (text.length() <= limit) {
            return text;
        }
        int end = limit;
        while (end > 0 && !Character.isWhitespace(text.charAt(end))) {
            end--;
        }
        if (end == 0) {
            end = Character.isLowSurrogate(text.charAt(limit)) ? limit - 1 : limit;
        }
        end = TexText.cut(text, end, 0);
        return text.substring(0, end).stripTrailing() + ELLIPSIS;
    }
}
