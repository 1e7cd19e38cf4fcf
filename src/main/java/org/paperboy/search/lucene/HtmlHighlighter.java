package org.paperboy.search.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.paperboy.paper.HtmlEscape;
import org.paperboy.paper.TexText;

/**
 * Marks the query's words in a paper's text for HTML. The text is analyzed as the index analyzed
 * it, so a query for "retrieve" marks "retrieval" (same stem) and never marks a stop word. All
 * text is HTML-escaped before it is joined with the {@code <mark>} tags, so a title containing
 * {@code <script>} comes out inert.
 *
 * <p>Marking was a quarter of a search's work when every word of 20 abstracts was stemmed, so the
 * text goes through {@link PaperSchema#analyzer()}'s English chain with one more filter: a word
 * whose first letter starts no query term is dropped before the stop list and the stemmer. Porter
 * stemming only rewrites endings and keeps a word's first letter, so no dropped word could have
 * matched; the tests compare the marks with those of the index's own analyzer.
 */
final class HtmlHighlighter {

    static final String OPEN = TexText.MARK;
    static final String CLOSE = TexText.MARK_END;
    static final String ELLIPSIS = "\u2026";

    // Words of context kept before the first match of a snippet that does not start the text.
    private static final int LEAD_CHARS = 40;

    private final int snippetChars;
    /** The filter of the calling thread's token stream, set when the analyzer builds the stream. */
    private final ThreadLocal<FirstLetterFilter> firstLetters = new ThreadLocal<>();

    private final Analyzer analyzer = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            // EnglishAnalyzer's chain (PaperSchema's text fields) with the first-letter filter.
            StandardTokenizer source = new StandardTokenizer();
            FirstLetterFilter letters = new FirstLetterFilter(new LowerCaseFilter(new EnglishPossessiveFilter(source)));
            firstLetters.set(letters);
            TokenStream stream = new StopFilter(letters, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
            return new TokenStreamComponents(source, new PorterStemFilter(stream));
        }
    };

    HtmlHighlighter(int snippetChars) {
        this.snippetChars = snippetChars;
    }

    /** Keeps the (lower-cased) words whose first character is the first of a query term. */
    private static final class FirstLetterFilter extends FilteringTokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private char[] firsts = new char[0];

        FirstLetterFilter(TokenStream in) {
            super(in);
        }

        void keep(CharArraySet terms) {
            StringBuilder s = new StringBuilder();
            for (Object t : terms) {
                char[] chars = (char[]) t;
                if (chars.length > 0 && s.indexOf(String.valueOf(chars[0])) < 0) {
                    s.append(chars[0]);
                }
            }
            firsts = s.toString().toCharArray();
        }

        @Override
        protected boolean accept() {
            if (term.length() == 0) {
                return false;
            }
            char c = term.buffer()[0];
            for (char f : firsts) {
                if (f == c) {
                    return true;
                }
            }
            return false;
        }
    }

    /** All of {@code text}, escaped, with every match of {@code terms} (see {@link #charSet}) marked. */
    String whole(String text, CharArraySet terms) {
        return mark(text, 0, text.length(), matches(text, terms));
    }

    /** The query's terms in the form the highlighter looks tokens up in without copying them; make it once per page. */
    static CharArraySet charSet(Set<String> terms) {
        return CharArraySet.unmodifiableSet(new CharArraySet(terms, false));
    }

    /**
     * About {@code snippetChars} of {@code text}: the window with the most distinct query words
     * (then the most matches, then the earliest), cut at spaces and never inside a formula, with an
     * ellipsis where text was left out. Without matches, the start of the text.
     */
    String snippet(String text, CharArraySet terms) {
        List<Match> matches = matches(text, terms);
        if (text.length() <= snippetChars) {
            return mark(text, 0, text.length(), matches);
        }
        int bestStart = 0;
        long bestScore = score(matches, 0);
        for (Match m : matches) {
            int start = wordStart(text, Math.max(0, m.start() - LEAD_CHARS));
            long score = score(matches, start);
            if (score > bestScore) {
                bestScore = score;
                bestStart = start;
            }
        }
        // Never inside a formula: half a formula shows as raw TeX.
        bestStart = TexText.cut(text, bestStart, -1);
        int end = TexText.cut(text, windowEnd(text, bestStart), bestStart);
        while (end > bestStart && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        StringBuilder out = new StringBuilder();
        if (bestStart > 0) {
            out.append(ELLIPSIS);
        }
        out.append(mark(text, bestStart, end, matches));
        if (end < text.length()) {
            out.append(ELLIPSIS);
        }
        return out.toString();
    }

    /** Distinct words in the window from {@code start}, then matches, packed into one number. */
    private long score(List<Match> matches, int start) {
        Set<String> distinct = new HashSet<>();
        int count = 0;
        for (Match m : matches) {
            if (m.start() >= start && m.end() <= start + snippetChars) {
                distinct.add(m.term());
                count++;
            }
        }
        return (long) distinct.size() << 32 | count;
    }

    private static int wordStart(String text, int from) {
        int i = from;
        while (i > 0 && !Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private int windowEnd(String text, int start) {
        int limit = start + snippetChars;
        if (limit >= text.length()) {
            return text.length();
        }
        int end = limit;
        while (end > start && !Character.isWhitespace(text.charAt(end))) {
            end--;
        }
        if (end == start) {
            // One word longer than the window: cut inside it, but never between a surrogate pair.
            end = Character.isLowSurrogate(text.charAt(limit)) ? limit - 1 : limit;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static String mark(String text, int from, int to, List<Match> matches) {
        StringBuilder out = new StringBuilder(to - from + 32);
        int at = from;
        for (Match m : matches) {
            if (m.start() < at || m.end() > to) {
                continue;
            }
            HtmlEscape.escape(text, at, m.start(), out);
            out.append(OPEN);
            HtmlEscape.escape(text, m.start(), m.end(), out);
            out.append(CLOSE);
            at = m.end();
        }
        HtmlEscape.escape(text, at, to, out);
        return out.toString();
    }

    private record Match(int start, int end, String term) {}

    private List<Match> matches(String text, CharArraySet terms) {
        List<Match> out = new ArrayList<>();
        if (terms.isEmpty()) {
            return out;
        }
        try (TokenStream stream = analyzer.tokenStream(PaperSchema.TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            firstLetters.get().keep(terms);
            stream.reset();
            while (stream.incrementToken()) {
                if (terms.contains(term.buffer(), 0, term.length())) {
                    out.add(new Match(offset.startOffset(), offset.endOffset(), term.toString()));
                }
            }
            stream.end();
        } catch (IOException e) {
            // Analysis reads a String: an IOException here is a bug, not bad input.
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
