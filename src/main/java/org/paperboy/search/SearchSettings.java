package org.paperboy.search;

/**
 * How a {@link Searcher} weighs and cuts. The BM25 query sums, for each query word, its
 * BM25 score in the combined title-and-abstract field, in the title, in the abstract and in the
 * author names, each multiplied by its weight here (0 leaves the field out). The candidate counts
 * are how deep each ranking goes before hybrid fusion: deeper is slower, and changes min-max
 * normalization, so evaluation and serving should use the same values.
 *
 * <p>The default weights were chosen on SciFact's train split (nDCG@10 0.7038 with the title at
 * 0.25, against 0.6974 for the combined field alone and 0.6244 for title 2 + abstract 1 as separate
 * fields); on the test split they give 0.6873.
 *
 * <p>Hybrid fusion takes the best 100 of each ranking. Deeper is a little better and much slower:
 * on SciFact test 1000 candidates gave nDCG@10 0.7378, 200 gave 0.7335 and 100 gives 0.7317,
 * while a hybrid search over the 74,728 arXiv papers took 13.8, 10.8 and 8.8 ms (p50); serving
 * speed won (BENCHMARKS.md).
 */
public record SearchSettings(
        double textWeight,
        double titleWeight,
        double abstractWeight,
        double authorsWeight,
        int lexicalCandidates,
        int denseCandidates,
        int snippetChars) {

    public static final SearchSettings DEFAULT = new SearchSettings(1.0, 0.25, 0.0, 0.5, 100, 100, 240);

    public SearchSettings {
        weight("textWeight", textWeight);
        weight("titleWeight", titleWeight);
        weight("abstractWeight", abstractWeight);
        weight("authorsWeight", authorsWeight);
        if (textWeight + titleWeight + abstractWeight == 0) {
            throw new IllegalArgumentException("textWeight, titleWeight, abstractWeight: all are 0, so BM25 "
                    + "would search no paper text; give at least one a positive weight");
        }
        positive("lexicalCandidates", lexicalCandidates);
        positive("denseCandidates", denseCandidates);
        if (snippetChars < 40) {
            throw new IllegalArgumentException("snippetChars: " + snippetChars + " is under 40");
        }
    }

    public SearchSettings withWeights(double text, double title, double abstractText, double authors) {
        return new SearchSettings(text, title, abstractText, authors, lexicalCandidates, denseCandidates, snippetChars);
    }

    public SearchSettings withCandidates(int lexical, int dense) {
        return new SearchSettings(textWeight, titleWeight, abstractWeight, authorsWeight, lexical, dense, snippetChars);
    }

    private static void weight(String name, double w) {
        if (!(w >= 0) || Double.isInfinite(w)) {
            throw new IllegalArgumentException(name + ": " + w + " is not a finite weight >= 0");
        }
    }

    private static void positive(String name, int n) {
        if (n < 1 || n > SearchRequest.MAX_WINDOW) {
            throw new IllegalArgumentException(name + ": " + n + " is not within 1.." + SearchRequest.MAX_WINDOW);
        }
    }
}
