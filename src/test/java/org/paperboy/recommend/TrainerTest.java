package org.paperboy.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TrainerTest {

    private static final Trainer.Settings PRECISE = new Trainer.Settings(0.1, 10_000, 1e-12);

    /** The root of {@code lambda * w = sigmoid(-w)} by bisection: the optimum of the symmetric 1-D case. */
    private static double symmetricOptimum(double lambda) {
        double lo = 0;
        double hi = 100;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (lambda * mid - 1 / (1 + Math.exp(mid)) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Test
    void finds_the_optimum_of_a_symmetric_one_dimensional_problem() {
        Trainer.Examples ex =
                new Trainer.Examples(new float[] {1, -1}, 1, new boolean[] {true, false}, new double[] {1, 1});

        UserModel m = new Trainer(PRECISE).fit(ex, null);

        // lambda = 0.1: 0.1 w = 1 / (1 + e^w) at w = 1.63351...; the bias is 0 by symmetry.
        assertThat((double) m.weights()[0]).isCloseTo(symmetricOptimum(0.1), within(1e-6));
        assertThat((double) m.weights()[0]).isCloseTo(1.63351, within(1e-5));
        assertThat((double) m.bias()).isCloseTo(0, within(1e-6));
        assertThat(m.score(new float[] {1})).isCloseTo(1.63351, within(1e-5));
    }

    @Test
    void balances_the_classes_so_repeating_negatives_changes_nothing() {
        Trainer trainer = new Trainer(PRECISE);
        UserModel once = trainer.fit(
                new Trainer.Examples(new float[] {1, 0, 0, 1}, 2, new boolean[] {true, false}, new double[] {1, 1}),
                null);
        UserModel thrice = trainer.fit(
                new Trainer.Examples(
                        new float[] {1, 0, 0, 1, 0, 1, 0, 1},
                        2,
                        new boolean[] {true, false, false, false},
                        new double[] {1, 1, 1, 1}),
                null);

        assertThat((double) thrice.weights()[0]).isCloseTo(once.weights()[0], within(1e-6));
        assertThat((double) thrice.weights()[1]).isCloseTo(once.weights()[1], within(1e-6));
        assertThat((double) thrice.bias()).isCloseTo(once.bias(), within(1e-6));
        assertThat(once.score(new float[] {1, 0})).isGreaterThan(0);
        assertThat(once.score(new float[] {0, 1})).isLessThan(0);
    }

    @Test
    void a_set_large_enough_to_be_summed_in_parts_gives_the_model_of_its_distinct_examples() {
        int d = 100;
        float[] two = new float[2 * d];
        two[0] = 1; // a positive along the first axis
        two[d + 1] = 1; // a negative along the second
        two[d + 2] = 0.5f;
        Trainer trainer = new Trainer(PRECISE);
        UserModel small =
                trainer.fit(new Trainer.Examples(two, d, new boolean[] {true, false}, new double[] {1, 1}), null);
        int n = 1000; // 1000 x 100 floats: summed in Trainer.CHUNKS parts
        assertThat((long) n * d).isGreaterThanOrEqualTo(Trainer.PARALLEL_FROM);
        float[] many = new float[n * d];
        boolean[] positive = new boolean[n];
        double[] weight = new double[n];
        for (int i = 0; i < n; i++) {
            positive[i] = i % 2 == 0;
            weight[i] = 1;
            System.arraycopy(two, positive[i] ? 0 : d, many, i * d, d);
        }
        UserModel large = trainer.fit(new Trainer.Examples(many, d, positive, weight), null);
        assertThat(large.bias()).isCloseTo(small.bias(), within(1e-4f));
        for (int j = 0; j < d; j++) {
            assertThat(large.weights()[j]).as("weight %d", j).isCloseTo(small.weights()[j], within(1e-4f));
        }
        assertThat(trainer.fit(new Trainer.Examples(many, d, positive, weight), null)
                        .weights())
                .containsExactly(large.weights());
    }

    @Test
    void a_heavier_negative_pulls_the_model_further_away_from_it() {
        Trainer trainer = new Trainer(PRECISE);
        float[] x = {1, 0, 0.6f, 0.8f, -1, 0};
        boolean[] y = {true, false, false};
        UserModel light = trainer.fit(new Trainer.Examples(x, 2, y, new double[] {1, 1, 1}), null);
        UserModel heavy = trainer.fit(new Trainer.Examples(x, 2, y, new double[] {1, 3, 1}), null);

        assertThat(heavy.score(new float[] {0.6f, 0.8f})).isLessThan(light.score(new float[] {0.6f, 0.8f}));
    }

    @Test
    void without_a_negative_there_is_nothing_to_learn_and_the_start_is_kept() {
        UserModel start = new UserModel(new float[] {0.5f}, 0.25f);

        UserModel m = new Trainer(PRECISE)
                .fit(new Trainer.Examples(new float[] {1}, 1, new boolean[] {true}, new double[] {1}), start);

        assertThat(m).isEqualTo(start);
    }

    @Test
    void a_warm_start_at_the_optimum_stops_at_once_with_the_same_model() {
        Trainer.Examples ex =
                new Trainer.Examples(new float[] {1, -1}, 1, new boolean[] {true, false}, new double[] {1, 1});
        UserModel optimum = new Trainer(PRECISE).fit(ex, null);

        UserModel again = new Trainer(new Trainer.Settings(0.1, 1, 1e-5)).fit(ex, optimum);

        assertThat(again).isEqualTo(optimum);
    }
}
