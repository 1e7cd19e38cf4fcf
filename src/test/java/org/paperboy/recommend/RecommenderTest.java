package org.paperboy.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paperboy.store.LibraryRepository.Saved;
import org.paperboy.store.SignalRepository.Feedback;
import org.paperboy.store.SignalRepository.Follow;
import org.paperboy.store.SignalRepository.FollowKind;
import org.paperboy.store.SignalRepository.Seed;
import org.paperboy.store.SignalRepository.Signals;

class RecommenderTest {

    static final LocalDate DAY = LocalDate.of(2026, 7, 1);

    static Catalog catalog() {
        return Catalog.of(
                List.of(
                        new Catalog.Entry(
                                "p1",
                                DAY,
                                "Dense retrieval with hard negatives",
                                List.of("cs.IR"),
                                List.of("Ada Lovelace"),
                                new float[] {1, 0}),
                        new Catalog.Entry(
                                "p2", DAY, "Dense retrieval for code", List.of("cs.IR"), List.of("Bo Li"), new float[] {
                                    0.8f, 0.6f
                                }),
                        new Catalog.Entry(
                                "p3",
                                DAY.minusDays(1),
                                "Robot grasping",
                                List.of("cs.RO"),
                                List.of("Cy Twombly"),
                                new float[] {0, 1}),
                        new Catalog.Entry(
                                "p4", null, "Old paper", List.of("cs.IR"), List.of("Ada Lovelace"), new float[] {
                                    0.6f, 0.8f
                                })),
                2);
    }

    @Test
    void less_like_this_takes_score_from_papers_by_their_cosine_to_it() {
        float x = 0.35f;
        float y = (float) Math.sqrt(1 - x * x);
        Catalog c = Catalog.of(
                List.of(
                        new Catalog.Entry("less", DAY, "Robot grasping", List.of(), List.of(), new float[] {1, 0}),
                        new Catalog.Entry("near", DAY, "Robot hands", List.of(), List.of(), new float[] {0.6f, 0.8f}),
                        new Catalog.Entry("half", DAY, "Robot arms", List.of(), List.of(), new float[] {x, y}),
                        new Catalog.Entry("far", DAY, "Proteins", List.of(), List.of(), new float[] {0.1f, 0.995f})),
                2);
        List<Integer> disliked = List.of(c.row("less").getAsInt());

        // Cosine 0.6 is past 0.5: all of it; 0.35 is half way from 0.2 to 0.5; 0.1 is below 0.2.
        assertThat(Recommender.lessPenalty(c, c.row("near").getAsInt(), disliked))
                .isEqualTo(2.0);
        assertThat(Recommender.lessPenalty(c, c.row("half").getAsInt(), disliked))
                .isCloseTo(1.0, within(1e-6));
        assertThat(Recommender.lessPenalty(c, c.row("far").getAsInt(), disliked))
                .isZero();
        assertThat(Recommender.lessPenalty(c, c.row("near").getAsInt(), List.of()))
                .isZero();
    }

    @Test
    void standardises_scores_to_mean_zero_and_unit_deviation() {
        double[] z = Recommender.standardised(new double[] {1, 2, 3});

        assertThat(z[0]).isCloseTo(-Math.sqrt(1.5), within(1e-12));
        assertThat(z[1]).isEqualTo(0);
        assertThat(z[2]).isCloseTo(Math.sqrt(1.5), within(1e-12));
        assertThat(Recommender.standardised(new double[] {4, 4})).containsExactly(0, 0);
    }

    @Test
    void blends_taste_and_popularity_by_the_readers_setting() {
        double[] b = Recommender.blend(new double[] {1, 3}, new double[] {10, 0}, 0.25);

        assertThat(b[0]).isCloseTo(0.75 * -1 + 0.25 * 1, within(1e-12));
        assertThat(b[1]).isCloseTo(0.75 * 1 + 0.25 * -1, within(1e-12));
    }

    @Test
    void a_window_is_the_run_of_rows_listed_in_it_and_undated_papers_are_in_none() {
        Catalog c = catalog();

        int[] w = c.window(DAY, DAY);
        assertThat(w[1] - w[0]).isEqualTo(2);
        assertThat(List.of(c.id(w[0]), c.id(w[0] + 1))).containsExactly("p1", "p2");
        int[] both = c.window(DAY.minusDays(1), DAY);
        assertThat(both[1] - both[0]).isEqualTo(3);
    }

    @Test
    void liked_papers_come_from_every_kind_of_signal_and_less_like_this_overrides_a_like() {
        Catalog c = catalog();
        Signals s = new Signals(
                1,
                List.of("p2"),
                List.of(new Saved("p1", List.of(), Instant.EPOCH), new Saved("p3", List.of(), Instant.EPOCH)),
                List.of(new Feedback("p3", -1)),
                List.of(),
                List.of(new Seed("p4", "id"), new Seed("unknown", "id")));

        Map<Integer, TrainingSet.Liked> liked = TrainingSet.liked(s, c);

        assertThat(liked)
                .containsOnly(
                        Map.entry(c.row("p1").getAsInt(), TrainingSet.Liked.SAVED),
                        Map.entry(c.row("p2").getAsInt(), TrainingSet.Liked.UPVOTED),
                        Map.entry(c.row("p4").getAsInt(), TrainingSet.Liked.SEED));
    }

    @Test
    void explains_with_the_nearest_liked_paper_then_follows_then_shared_words() {
        Catalog c = catalog();
        int p1 = c.row("p1").getAsInt();
        int p2 = c.row("p2").getAsInt();
        int p3 = c.row("p3").getAsInt();
        Recommender.Follows follows = Recommender.Follows.of(
                List.of(new Follow(FollowKind.AUTHOR, "cy twombly"), new Follow(FollowKind.CATEGORY, "cs.IR")));
        Explainer e = new Explainer(c, Map.of(p1, TrainingSet.Liked.SAVED), follows, Recommendations.Basis.MODEL);

        assertThat(e.why(p2)).isEqualTo("Because you saved “Dense retrieval with hard negatives”");
        assertThat(e.why(p3)).isEqualTo("By Cy Twombly, whom you follow");

        Explainer none = new Explainer(
                c, Map.of(p1, TrainingSet.Liked.SAVED), Recommender.Follows.of(List.of()), Recommendations.Basis.MODEL);
        assertThat(none.why(p3)).isEqualTo("Close to your papers as a whole");
    }

    @Test
    void a_reader_with_follows_and_no_liked_paper_is_not_told_of_their_papers() {
        Catalog c = catalog();
        Explainer e = new Explainer(
                c,
                Map.of(),
                Recommender.Follows.of(List.of(new Follow(FollowKind.CATEGORY, "cs.RO"))),
                Recommendations.Basis.FOLLOWS);

        assertThat(e.why(c.row("p3").getAsInt())).isEqualTo("In cs.RO, which you follow");
        assertThat(e.why(c.row("p1").getAsInt()))
                .isEqualTo("Trending now: save or upvote papers to make this list yours");
    }

    @Test
    void sampled_negatives_come_from_the_same_day_and_never_from_liked_papers() {
        Catalog c = catalog();
        int p1 = c.row("p1").getAsInt();
        Signals s = new Signals(1, List.of(), List.of(), List.of(), List.of(), List.of());

        Trainer.Examples ex = TrainingSet.of(7, java.util.Set.of(p1), s, c);

        // p1's day holds p1 and p2: the one negative is p2.
        assertThat(ex.size()).isEqualTo(2);
        assertThat(ex.positive()).containsExactly(true, false);
        assertThat(ex.data()).containsExactly(1, 0, 0.8f, 0.6f);
    }

    @Test
    void loweringOnlyTheTopOfTheRankingGivesTheSameOrderAsLoweringEveryPaper() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(60);
            int pool = 1 + random.nextInt(10);
            double[] score = new double[n];
            double[] loss = new double[n];
            for (int i = 0; i < n; i++) {
                score[i] = random.nextInt(20) / 4.0; // ties too
                loss[i] = random.nextInt(3) == 0 ? random.nextDouble() * 3 : 0;
            }
            double[] all = score.clone();
            java.util.Comparator<Integer> byAll = (a, b) -> {
                int cmp = Double.compare(all[b], all[a]);
                return cmp != 0 ? cmp : Integer.compare(b, a);
            };
            java.util.Comparator<Integer> byScore = (a, b) -> {
                int cmp = Double.compare(score[b], score[a]);
                return cmp != 0 ? cmp : Integer.compare(b, a);
            };
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
                all[i] -= loss[i];
            }
            java.util.Arrays.sort(order, byScore);
            List<Integer> brute = new java.util.ArrayList<>(java.util.Arrays.asList(order));
            brute.sort(byAll);
            List<Integer> lazy = Recommender.lowered(order, score, Math.min(pool, n), i -> loss[i], byScore);
            assertThat(lazy).isEqualTo(brute.subList(0, Math.min(pool, n)));
        }
    }
}
