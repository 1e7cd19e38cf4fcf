package org.paperboy.search.solr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.solr.client.solrj.SolrQuery;
import org.paperboy.paper.TexText;
import org.paperboy.search.SearchSettings;

/**
 * The Solr requests of the search modes, weighed by one {@link SearchSettings}: the BM25 query
 * (extended dismax whose per-field scores are summed, {@code tie=1}: the embedded index's flat
 * query of weighted term clauses, term for term), the dense query ({@code {!knn}}, or every
 * vector compared for {@code exact}), and the highlighting of a page. Query text is never parsed
 * as syntax. Immutable.
 */
final class SolrQueries {

    // Characters the standard query parser reads as syntax; whitespace separates words and stays.
    private static final Pattern SYNTAX = Pattern.compile("[\\\\+\\-!():^\\[\\]\"{}~*?|&;/]");
    // Upper-case operators are words here: lower case makes them plain words (the text analysis
    // lower-cases anyway).
    private static final Pattern OPERATORS = Pattern.compile("\\b(AND|OR|NOT|TO)\\b");

    private final SearchSettings settings;

    SolrQueries(SearchSettings settings) {
        this.settings = settings;
    }

    /** The BM25 query of {@code text}, best first, then by id. */
    SolrQuery lexical(String text) {
        SolrQuery q = new SolrQuery(plainWords(text));
        q.set("defType", "edismax");
        lexicalParams(q);
        q.addSort("score", SolrQuery.ORDER.desc);
        q.addSort(SolrSchema.ID, SolrQuery.ORDER.asc);
        return q;
    }

    /** The fields and weights of the BM25 query, for the query itself or for highlighting. */
    void lexicalParams(SolrQuery q) {
        List<String> fields = new ArrayList<>();
        addField(fields, SolrSchema.TEXT, settings.textWeight());
        addField(fields, SolrSchema.TITLE, settings.titleWeight());
        addField(fields, SolrSchema.ABSTRACT, settings.abstractWeight());
        addField(fields, SolrSchema.AUTHORS, settings.authorsWeight());
        q.set("qf", String.join(" ", fields));
        // The sum of the fields' scores, as the embedded index's flat query of weighted terms.
        q.set("tie", "1.0");
        q.set("mm", "0%");
        q.set("q.op", "OR");
        q.set("sow", "false");
        q.set("lowercaseOperators", "false");
    }

    private static void addField(List<String> fields, String field, double weight) {
        if (weight > 0) {
            fields.add(field + "^" + weight);
        }
    }

    /** The top {@code k} vectors nearest to {@code vector} that pass {@code filters}, best first, then by id. */
    static SolrQuery dense(float[] vector, int k, List<String> filters, boolean exact) {
        String literal = literal(vector);
        SolrQuery q = new SolrQuery(
                exact
                        // Every stored vector compared: the exact ranking, for evaluation.
                        ? "{!func}vectorSimilarity(FLOAT32,DOT_PRODUCT," + SolrSchema.VECTOR + "," + literal + ")"
                        : "{!knn f=" + SolrSchema.VECTOR + " topK=" + k + "}" + literal);
        if (exact) {
            q.addFilterQuery(SolrSchema.term(SolrSchema.HAS_VECTOR, "true"));
        }
        filters.forEach(q::addFilterQuery);
        q.addSort("score", SolrQuery.ORDER.desc);
        q.addSort(SolrSchema.ID, SolrQuery.ORDER.asc);
        return q;
    }

    /**
     * Asks for the title and an abstract passage of about {@code snippetChars} with the words of
     * {@code text} marked in the HTML-escaped text (Solr's unified highlighter).
     */
    void highlight(SolrQuery q, String text) {
        lexicalParams(q);
        q.setHighlight(true);
        q.set("hl.q", plainWords(text));
        q.set("hl.qparser", "edismax");
        q.set("hl.method", "unified");
        q.set("hl.fl", SolrSchema.TITLE + "," + SolrSchema.ABSTRACT);
        q.set("hl.encoder", "html");
        q.set("hl.tag.pre", TexText.MARK);
        q.set("hl.tag.post", TexText.MARK_END);
        q.set("hl.snippets", 1);
        q.set("hl.defaultSummary", false);
        q.set("f." + SolrSchema.TITLE + ".hl.bs.type", "WHOLE");
        q.set("f." + SolrSchema.ABSTRACT + ".hl.fragsize", settings.snippetChars());
    }

    /** {@code text} with every character of query syntax escaped and operators made plain words. */
    static String plainWords(String text) {
        Matcher syntax = SYNTAX.matcher(text);
        String escaped = syntax.replaceAll(m -> Matcher.quoteReplacement("\\" + m.group()));
        return OPERATORS.matcher(escaped).replaceAll(m -> m.group().toLowerCase(Locale.ROOT));
    }

    private static String literal(float[] vector) {
        StringBuilder out = new StringBuilder(vector.length * 12).append('[');
        for (int i = 0; i < vector.length; i++) {
            out.append(i == 0 ? "" : ",").append(vector[i]);
        }
        return out.append(']').toString();
    }
}
