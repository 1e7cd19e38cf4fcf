package org.paperboy.recommend;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one line on a recommended card that says why it is there, first of: the nearest liked paper
 * when it is close ("Because you saved “…”"), a followed author, a followed category, title words
 * shared with the liked papers, and, for a reader without signals, that the paper is trending.
 */
final class Explainer {

    /** Cosine from which a liked paper counts as "near" (MiniLM: same topic above about 0.5). */
    static final double NEAR = 0.5;

    private static final Set<String> STOP = Set.of(
            "a",
            "an",
            "and",
            "are",
            "as",
            "at",
            "based",
            "by",
            "for",
            "from",
            "in",
            "into",
            "is",
            "its",
            "of",
            "on",
            "or",
            "the",
            "to",
            "towards",
            "via",
            "with",
            "using",
            "we",
            "our",
            "new",
            "approach",
            "method",
            "model",
            "models",
            "learning",
            "study",
            "analysis",
            "can",
            "how",
            "what",
            "do",
            "does",
            "not",
            "through",
            "under");

    private final Catalog catalog;
    private final Map<Integer, TrainingSet.Liked> liked;
    private final Recommender.Follows follows;
    private final Recommendations.Basis basis;
    private Map<String, Integer> likedWords;

    Explainer(
            Catalog catalog,
            Map<Integer, TrainingSet.Liked> liked,
            Recommender.Follows follows,
            Recommendations.Basis basis) {
        this.catalog = catalog;
        this.liked = liked;
        this.follows = follows;
        this.basis = basis;
    }

    String why(int row) {
        int nearest = -1;
        double best = NEAR;
        for (int r : liked.keySet()) {
            double s = catalog.similarity(row, r);
            if (s >= best) {
                best = s;
                nearest = r;
            }
        }
        if (nearest >= 0) {
            return "Because you " + liked.get(nearest).verb + " “" + shorten(catalog.title(nearest)) + "”";
        }
        String author = follows.followedAuthor(catalog, row);
        if (author != null) {
            return "By " + author + ", whom you follow";
        }
        String category = follows.followedCategory(catalog, row);
        if (category != null) {
            return "In " + category + ", which you follow";
        }
        List<String> terms = sharedWords(row);
        if (!terms.isEmpty()) {
            return "Matches words from your papers: " + String.join(", ", terms);
        }
        if (basis != Recommendations.Basis.MODEL) {
            // No liked papers: outside the follows the order is popularity and recency.
            return "Trending now: save or upvote papers to make this list yours";
        }
        return "Close to your papers as a whole";
    }

    /** Up to three title words of {@code row} that the liked papers' titles use most. */
    private List<String> sharedWords(int row) {
        if (liked.isEmpty()) {
            return List.of();
        }
        if (likedWords == null) {
            likedWords = new HashMap<>();
            for (int r : liked.keySet()) {
                for (String w : words(catalog.title(r))) {
                    likedWords.merge(w, 1, Integer::sum);
                }
            }
        }
        List<String> shared = new ArrayList<>();
        for (String w : words(catalog.title(row))) {
            if (likedWords.containsKey(w) && !shared.contains(w)) {
                shared.add(w);
            }
        }
        shared.sort((a, b) -> likedWords.get(b) - likedWords.get(a));
        return shared.size() > 3 ? shared.subList(0, 3) : shared;
    }

    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}-]+")) {
            if (w.length() > 2 && !STOP.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    static String shorten(String title) {
        return title.length() <= 80
                ? title
                : title.substring(0, title.lastIndexOf(' ', 78) > 40 ? title.lastIndexOf(' ', 78) : 78) + "…";
    }
}
