package org.paperboy.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResidualAdapterTest {

    @Test
    void untrainedIsTheIdentity() {
        ResidualAdapter a = ResidualAdapter.train(List.of(), 3, 2, 5, 0.1, 10, 1);
        assertThat(a.apply(new float[] {0.5f, -1, 2})).containsExactly(0.5f, -1, 2);
    }

    /**
     * Readers whose profile points along the first axis go on to like papers along the second: the
     * adapter learns to turn such a profile towards the second axis, which the plain profile scores 0.
     */
    @Test
    void learnsToTurnProfilesTowardsWhatWasLikedNext() {
        List<ResidualAdapter.Example> examples = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            examples.add(new ResidualAdapter.Example(
                    new float[] {1, 0, 0}, new float[] {0, 1, 0}, List.of(new float[] {0, 0, 1}, new float[] {1, 0, 0
                    })));
        }
        ResidualAdapter a = ResidualAdapter.train(examples, 3, 2, 20, 0.05, 5, 3);
        float[] q = a.apply(new float[] {1, 0, 0});
        assertThat(q[1]).isGreaterThan(q[2]).isGreaterThan(0.5f);
        assertThat(q[1]).isGreaterThan(q[0]); // liked next now beats the reader's old topic
        // Deterministic for a seed.
        assertThat(ResidualAdapter.train(examples, 3, 2, 20, 0.05, 5, 3).apply(new float[] {1, 0, 0}))
                .containsExactly(q);
    }
}
