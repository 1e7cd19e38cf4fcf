package org.paperboy.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UserModelTest {

    @Test
    void scores_a_vector_as_the_weighted_sum_plus_the_bias() {
        UserModel m = new UserModel(new float[] {0.5f, -0.25f, 2f}, 0.125f);

        assertThat(m.score(new float[] {1, 2, 0.5f})).isEqualTo(1.125);
        assertThat(m.score(new float[] {9, 1, 2, 0.5f, 9}, 1)).isEqualTo(1.125);
        assertThat(m.score(new float[] {0, 0, 0})).isEqualTo(0.125);
    }

    @Test
    void a_model_of_384_dimensions_is_stored_in_780_bytes_and_reads_back_in_half_precision() {
        float[] w = new float[384];
        for (int i = 0; i < w.length; i++) {
            w[i] = (i % 7 - 3) / 8f; // exact in float16
        }
        UserModel m = new UserModel(w, -0.75f);

        byte[] bytes = m.bytes();

        assertThat(bytes).hasSize(780);
        assertThat(bytes.length).isLessThanOrEqualTo(UserModel.MAX_BYTES);
        assertThat(UserModel.parse(bytes)).isEqualTo(m);
    }

    @Test
    void weights_are_rounded_to_float16_when_stored() {
        UserModel m = new UserModel(new float[] {0.1f}, 0f);

        assertThat(UserModel.parse(m.bytes()).weights()[0]).isEqualTo(0.099975586f);
    }

    @Test
    void refuses_bytes_that_are_no_stored_model() {
        assertThatThrownBy(() -> UserModel.parse(new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a stored user model");
        byte[] cut = new UserModel(new float[] {1, 2}, 0).bytes();
        assertThatThrownBy(() -> UserModel.parse(java.util.Arrays.copyOf(cut, cut.length - 1)))
                .hasMessage("stored user model of 15 bytes claims 2 dimensions");
    }

    @Test
    void refuses_a_model_over_4_kilobytes() {
        assertThatThrownBy(() -> new UserModel(new float[2043], 0))
                .hasMessage("a model of 2043 dimensions does not fit in 4096 bytes");
    }
}
