package org.paperboy.recommend;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.paperboy.store.FeedRepository;
import org.paperboy.store.ForYouRepository;
import org.paperboy.store.ForYouRepository.StoredModel;
import org.paperboy.store.SignalRepository;
import org.paperboy.store.SignalRepository.Follow;
import org.paperboy.store.SignalRepository.FollowKind;
import org.paperboy.store.SignalRepository.Signals;

/**
 * A reader's "for you" list for a window of listed days. The reader's model is retrained (warm,
 * in milliseconds) when a signal arrived since it was stored; every paper of the window is then
 * scored exactly; followed authors and categories add to the model's score and papers near one
 * marked "less like this" lose some ({@link #lessPenalty}); the result is blended
 * with popularity and recency by the reader's setting; {@link Diversifier} orders the page; and
 * each pick gets one line saying why ({@link Explainer}). Without liked papers the ranking rests
 * on follows, and without those on the window's trending papers. Thread-safe.
 */
public final class Recommender {

    /**
     * Weight of the dense model's standardised score beside the lexical profile's (weight 1): the
     * words carry the offline evaluation (docs/recommend.md); the vectors carry "less like this" and
     * papers that share meaning but few words.
     */
    static final double DENSE_WEIGHT = 0.25;

    /** Score added for a followed author (in standard deviations of the window's taste scores). */
    static final double AUTHOR_BOOST = 2.0;

    /** Score added for a followed category. */
    static final double CATEGORY_BOOST = 1.0;

    /**
     * Most score taken from a paper close to one the reader marked "less like this" (as much as
     * a followed author adds): one negative example barely moves a
     * class-balanced model among many sampled negatives, so the reader would not see the topic go.
     */
    static final double LESS_PENALTY = 2.0;

    /** Cosine to a "less like this" paper from which the penalty starts (MiniLM: other topics lie below). */
    static final double LESS_FROM = 0.2;

    /** Cosine from which the full penalty applies (as near as {@link Explainer}'s "because you ..."). */
    static final double LESS_FULL = 0.5;

    /** The newest "less like this" papers that take score from their neighbours: a bound on the work per paper. */
    static final int LESS_NEWEST = 5;

    /** Windows of at least this many papers are scored in parallel (a day's 500 are not worth the hand-off). */
    static final int PARALLEL_FROM = 2_000;

    /** Papers from the top of the blended ranking that diversification chooses among, per pick. */
    static final int POOL_PER_PICK = 5;

    private final Supplier<Catalog> catalog;
    private final SignalRepository signals;
    private final ForYouRepository settings;
    private final FeedRepository feedStore;
    private final Trainer trainer;
    private final Diversifier diversifier;

    public Recommender(
            Supplier<Catalog> catalog,
            SignalRepository signals,
            ForYouRepository settings,
            FeedRepository feedStore,
            Trainer trainer,
            Diversifier diversifier) {
        this.catalog = catalog;
        this.signals = signals;
        this.settings = settings;
        this.feedStore = feedStore;
        this.trainer = trainer;
        this.diversifier = diversifier;
    }

    /** The signals of {@code userId} (for pages that show them). */
    public Signals signals(long userId) {
        return signals.all(userId);
    }

    /** Up to {@code limit} picks for {@code userId} among the papers listed from {@code from} to {@code to}. */
    public Recommendations recommend(long userId, LocalDate from, LocalDate to, int limit) {
        Catalog c = catalog.get();
        Signals s = signals.all(userId);
        Map<Integer, TrainingSet.Liked> liked = TrainingSet.liked(s, c);
        boolean retrained = false;
        UserModel model = null;
        if (!liked.isEmpty()) {
            Optional<StoredModel> stored = settings.model(userId);
            UserModel previous = stored.map(m -> parseOrNull(m.bytes())).orElse(null);
            if (stored.isPresent()
                    && stored.get().signalsVersion() == s.version()
                    && previous != null
                    && previous.dimensions() == c.dimensions()) {
                model = previous;
            } else {
                model = trainer.fit(TrainingSet.of(userId, liked.keySet(), s, c), previous);
                settings.storeModel(userId, s.version(), model.bytes());
                retrained = true;
            }
        }
        Recommendations.Basis basis = model != null
                ? Recommendations.Basis.MODEL
                : s.follows().isEmpty() ? Recommendations.Basis.TRENDING : Recommendations.Basis.FOLLOWS;
        Set<String> excluded = seen(s);
        int[] window = c.window(from, to);
        Map<String, Integer> upvotes = new HashMap<>();
        feedStore.listed(from, to, 1).forEach(r -> upvotes.put(r.id(), r.upvotes()));
        Follows follows = Follows.of(s.follows());
        List<Integer> disliked = new ArrayList<>();
        s.feedback().stream() // newest first
                .filter(f -> f.verdict() < 0)
                .limit(LESS_NEWEST)
                .forEach(f -> c.row(f.paperId()).ifPresent(disliked::add));
        List<Integer> rows = new ArrayList<>(window[1] - window[0]);
        for (int r = window[0]; r < window[1]; r++) {
            if (!excluded.contains(c.id(r))) {
                rows.add(r);
            }
        }
        int n = rows.size();
        double[] taste = taste(c, liked.keySet(), model, rows);
        double[] popular = new double[n];
        for (int i = 0; i < n; i++) {
            int r = rows.get(i);
            taste[i] += follows.boost(c, r);
            popular[i] = Math.log1p(upvotes.getOrDefault(c.id(r), 0))
                    - 0.1 * (to.toEpochDay() - c.listedOn(r).toEpochDay());
        }
        double blend = basis == Recommendations.Basis.TRENDING ? 1 : settings.blend(userId);
        double[] score = blend(taste, popular, blend);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Comparator<Integer> byScore = (a, b) -> {
            int cmp = Double.compare(score[b], score[a]);
            return cmp != 0 ? cmp : c.id(rows.get(b)).compareTo(c.id(rows.get(a)));
        };
        java.util.Arrays.sort(order, byScore);
        int pool = Math.min(n, Math.max(limit, limit * POOL_PER_PICK));
        // "Less like this" is in the taste's units, as the boosts: (1 - blend) / sd(taste) a unit.
        double perTaste = (1 - blend) / spread(taste);
        List<Integer> ranked = disliked.isEmpty()
                ? Arrays.asList(order).subList(0, pool)
                : lowered(order, score, pool, i -> perTaste * lessPenalty(c, rows.get(i), disliked), byScore);
        pool = ranked.size();
        int[] poolRows = new int[pool];
        double[] poolScores = new double[pool];
        Map<Integer, Double> scoreOf = new HashMap<>();
        for (int i = 0; i < pool; i++) {
            poolRows[i] = rows.get(ranked.get(i));
            poolScores[i] = score[ranked.get(i)];
            scoreOf.put(poolRows[i], poolScores[i]);
        }
        List<Integer> chosen = diversifier.select(c, poolRows, poolScores, limit);
        Explainer explainer = new Explainer(c, liked, follows, basis);
        List<Pick> picks = new ArrayList<>(chosen.size());
        for (int r : chosen) {
            picks.add(new Pick(c.id(r), scoreOf.get(r), explainer.why(r)));
        }
        return new Recommendations(picks, basis, s.size(), retrained);
    }

    /**
     * The model's part of the taste for {@code rows}: the lexical profile's score ({@link
     * TermVectors}) plus {@link #DENSE_WEIGHT} times the dense model's, each standardised over the
     * rows; all zero without liked papers or model. The offline evaluation scores this.
     */
    public static double[] taste(Catalog c, Collection<Integer> liked, UserModel model, List<Integer> rows) {
        int n = rows.size();
        double[] lexical = new double[n];
        double[] dense = new double[n];
        if (liked.isEmpty() || model == null || n == 0) {
            return lexical;
        }
        TermVectors terms = c.terms();
        TermVectors.Profile profile = terms.profile(liked);
        IntConsumer scoreOne = i -> {
            int r = rows.get(i);
            lexical[i] = terms.score(profile, r);
            dense[i] = model.score(c.vectors(), r * c.dimensions());
        };
        IntStream each = IntStream.range(0, n);
        // A month's papers are scored on every core: each paper's score is its own, so the result is the same.
        (n >= PARALLEL_FROM ? each.parallel() : each).forEach(scoreOne);
        double[] out = standardised(lexical);
        double[] z = standardised(dense);
        for (int i = 0; i < n; i++) {
            out[i] += DENSE_WEIGHT * z[i];
        }
        return out;
    }

    /**
     * What row {@code r} loses for its nearest paper among {@code disliked}: nothing below cosine
     * {@link #LESS_FROM}, all of {@link #LESS_PENALTY} from {@link #LESS_FULL}, linear in between.
     */
    static double lessPenalty(Catalog c, int r, List<Integer> disliked) {
        double nearest = Double.NEGATIVE_INFINITY;
        for (int d : disliked) {
            nearest = Math.max(nearest, c.similarity(r, d));
        }
        double share = (nearest - LESS_FROM) / (LESS_FULL - LESS_FROM);
        return LESS_PENALTY * Math.max(0, Math.min(1, share));
    }

    /** {@code (1 - blend) * z(taste) + blend * z(popular)}, each standardised over the window. */
    static double[] blend(double[] taste, double[] popular, double blend) {
        double[] a = standardised(taste);
        double[] b = standardised(popular);
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (1 - blend) * a[i] + blend * b[i];
        }
        return out;
    }

    /**
     * The {@code pool} best of {@code order} (sorted by {@code score}, best first) once each has
     * lost {@code loss} (never negative) from its score, in {@code byScore} order of the new
     * scores. A loss only lowers: walking down the ranking, a paper whose score before its loss
     * cannot beat the pool's worst so far ends the walk, so a few pools' worth of papers are
     * lowered instead of the whole window, with the same result. {@code score} is updated for the
     * papers lowered.
     */
    static List<Integer> lowered(
            Integer[] order,
            double[] score,
            int pool,
            java.util.function.IntToDoubleFunction loss,
            java.util.Comparator<Integer> byScore) {
        List<Integer> ranked = new ArrayList<>();
        java.util.PriorityQueue<Double> best = new java.util.PriorityQueue<>();
        for (int i : order) {
            if (best.size() == pool && score[i] <= best.peek()) {
                break;
            }
            score[i] -= loss.applyAsDouble(i);
            ranked.add(i);
            best.add(score[i]);
            if (best.size() > pool) {
                best.poll();
            }
        }
        ranked.sort(byScore);
        return ranked.subList(0, Math.min(pool, ranked.size()));
    }

    /** The standard deviation of {@code x}, or 1 when it is 0 (all equal: a unit is then a unit). */
    static double spread(double[] x) {
        double sd = meanAndDeviation(x)[1];
        return sd > 0 ? sd : 1;
    }

    static double[] standardised(double[] x) {
        double[] m = meanAndDeviation(x);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = m[1] > 0 ? (x[i] - m[0]) / m[1] : 0;
        }
        return out;
    }

    /** The mean and the (population) standard deviation of {@code x}; 0 and 0 when it is empty. */
    private static double[] meanAndDeviation(double[] x) {
        int n = x.length;
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= Math.max(1, n);
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean);
        }
        return new double[] {mean, Math.sqrt(var / Math.max(1, n))};
    }

    /** Papers the reader already acted on: never recommended again. */
    private static Set<String> seen(Signals s) {
        Set<String> out = new HashSet<>(s.upvoted());
        s.saved().forEach(x -> out.add(x.paperId()));
        s.feedback().forEach(x -> out.add(x.paperId()));
        s.seeds().forEach(x -> out.add(x.paperId()));
        return out;
    }

    private static UserModel parseOrNull(byte[] bytes) {
        try {
            return UserModel.parse(bytes);
        } catch (IllegalArgumentException e) {
            return null; // a model of an older format: retrained below
        }
    }

    /** Followed categories and authors, matched without regard to case. */
    record Follows(Set<String> categories, Set<String> authors) {

        static Follows of(List<Follow> follows) {
            Set<String> categories = new HashSet<>();
            Set<String> authors = new HashSet<>();
            for (Follow f : follows) {
                (f.kind() == FollowKind.CATEGORY ? categories : authors)
                        .add(f.target().toLowerCase(Locale.ROOT));
            }
            return new Follows(categories, authors);
        }

        double boost(Catalog c, int row) {
            double b = 0;
            if (!authors.isEmpty() && followedAuthor(c, row) != null) {
                b += AUTHOR_BOOST;
            }
            if (!categories.isEmpty() && followedCategory(c, row) != null) {
                b += CATEGORY_BOOST;
            }
            return b;
        }

        String followedAuthor(Catalog c, int row) {
            for (String a : c.authors(row)) {
                if (authors.contains(a.toLowerCase(Locale.ROOT))) {
                    return a;
                }
            }
            return null;
        }

        String followedCategory(Catalog c, int row) {
            for (String cat : c.categories(row)) {
                if (categories.contains(cat.toLowerCase(Locale.ROOT))) {
                    return cat;
                }
            }
            return null;
        }
    }
}
