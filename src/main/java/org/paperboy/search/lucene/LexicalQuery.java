package org.paperboy.search.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.paperboy.search.SearchSettings;

/**
 * A query text turned into a bag-of-words BM25 query: the text is analyzed exactly as the fields
 * were at index time and every resulting term becomes an optional term clause, boosted by how
 * often it occurs in the query (as Anserini's bag-of-words queries do). No query syntax is
 * parsed, so quotes, colons, wildcards, operators and backslashes are just characters the
 * tokenizer drops. {@code query} is {@code null} when nothing searchable is left.
 */
record LexicalQuery(Query query, Set<String> highlightTerms) {

    // Lucene refuses queries over 1,024 clauses; four fields per term stay under it.
    static final int MAX_TERMS = 250;

    static final LexicalQuery EMPTY = new LexicalQuery(null, Set.of());

    static LexicalQuery of(String text, Analyzer analyzer, SearchSettings settings) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        Map<String, Integer> words = terms(analyzer, PaperSchema.TEXT, text);
        if (words.isEmpty()) {
            // Only stop words and punctuation: the names analyzer keeps stop words, but "AND" or
            // "the" alone should not match authors.
            return EMPTY;
        }
        Map<String, Integer> names =
                settings.authorsWeight() > 0 ? terms(analyzer, PaperSchema.AUTHORS, text) : Map.of();
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        add(builder, PaperSchema.TEXT, words, settings.textWeight());
        add(builder, PaperSchema.TITLE, words, settings.titleWeight());
        add(builder, PaperSchema.ABSTRACT, words, settings.abstractWeight());
        add(builder, PaperSchema.AUTHORS, names, settings.authorsWeight());
        return new LexicalQuery(builder.build(), Set.copyOf(words.keySet()));
    }

    private static void add(BooleanQuery.Builder builder, String field, Map<String, Integer> terms, double weight) {
        if (weight <= 0) {
            return;
        }
        for (Map.Entry<String, Integer> t : terms.entrySet()) {
            Query term = new TermQuery(new Term(field, t.getKey()));
            builder.add(new BoostQuery(term, (float) (weight * t.getValue())), Occur.SHOULD);
        }
    }

    /** The distinct searchable terms of {@code text} in the title-and-abstract field, in order. */
    static Set<String> textTerms(String text, Analyzer analyzer) {
        return text == null || text.isBlank()
                ? Set.of()
                : new java.util.LinkedHashSet<>(
                        terms(analyzer, PaperSchema.TEXT, text).keySet());
    }

    /**
     * The neighbouring word pairs of {@code text} as the title-and-abstract field analyzes it: two
     * terms next to each other with no stop word between ("large language", "language model" of
     * "quantization of large language models"), distinct, in order, at most {@link #MAX_TERMS}.
     */
    static java.util.List<java.util.List<String>> textPairs(String text, Analyzer analyzer) {
        java.util.Set<java.util.List<String>> pairs = new java.util.LinkedHashSet<>();
        if (text == null || text.isBlank()) {
            return java.util.List.of();
        }
        try (TokenStream stream = analyzer.tokenStream(PaperSchema.TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute step = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            String previous = null;
            while (stream.incrementToken() && pairs.size() < MAX_TERMS) {
                String t = term.toString();
                if (previous != null && step.getPositionIncrement() == 1 && !previous.equals(t)) {
                    pairs.add(java.util.List.of(previous, t));
                }
                previous = t;
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return java.util.List.copyOf(pairs);
    }

    /** The distinct terms of {@code text} as {@code field} is analyzed, with their counts. */
    private static Map<String, Integer> terms(Analyzer analyzer, String field, String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String t = term.toString();
                if (counts.containsKey(t) || counts.size() < MAX_TERMS) {
                    counts.merge(t, 1, Integer::sum);
                }
            }
            stream.end();
        } catch (IOException e) {
            // Analysis reads a String: an IOException here is a bug, not bad input.
            throw new UncheckedIOException(e);
        }
        return counts;
    }
}
