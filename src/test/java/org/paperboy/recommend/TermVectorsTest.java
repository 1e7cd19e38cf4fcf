package org.paperboy.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TermVectorsTest {

    /**
     * Four papers: "graph", "networks" and "graph networks" are each in two, "protein" in two,
     * "folding" and "protein folding" in one (dropped: they can match nothing). So every kept term
     * has idf ln(5/3) + 1, the first two papers are (1, 1, 1)/sqrt(3), the last two (protein) 1, and
     * the mean of all four is 0.288675 on each graph term and 0.5 on protein: every paper's
     * dot product with the mean is 0.5.
     */
    static final List<String> TEXTS = List.of("Graph networks", "graph networks", "Protein folding", "the protein");

    @Test
    void termsAreWordsAndPairsWithoutStopWordsOrAccents() {
        assertThat(TermVectors.terms("The Café of graphs, and GNN-2 models"))
                .containsExactly("cafe", "graphs", "gnn", "models", "cafe graphs", "graphs gnn", "gnn models");
    }

    @Test
    void aProfileScoresItsDotProductLessTheGenericPart() {
        TermVectors t = TermVectors.of(TEXTS);
        assertThat(t.size()).isEqualTo(4);
        assertThat(t.terms(0)).isEqualTo(3);
        assertThat(t.terms(2)).isEqualTo(1);
        TermVectors.Profile liked = t.profile(List.of(0));
        assertThat(t.score(liked, 1)).isCloseTo(0.5, within(1e-6)); // 3 * (1/3) - 0.5
        assertThat(t.score(liked, 2)).isCloseTo(-0.5, within(1e-6)); // 0 - 0.5
        // The profile of two liked papers is their mean.
        TermVectors.Profile both = t.profile(List.of(0, 2));
        assertThat(t.score(both, 1)).isCloseTo(0.0, within(1e-6)); // 0.5 * 1 - 0.5
        assertThat(t.score(both, 3)).isCloseTo(0.0, within(1e-6)); // 0.5 * 1 - 0.5
    }

    @Test
    void aTermInMoreThanAFifthOfALargeCatalogIsDropped() {
        List<String> texts = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            texts.add((i < 13 ? "common " : "") + "word" + (i / 2)); // "common" in 13 > max(0.2 * 60, 10)
        }
        TermVectors t = TermVectors.of(texts);
        assertThat(t.terms(0)).isEqualTo(2); // word0 and "common word0", not "common"
        assertThat(t.terms(20)).isEqualTo(1);
    }

    @Test
    void tasteIsTheStandardisedLexicalScorePlusAQuarterOfTheDenseOne() {
        LocalDate day = LocalDate.of(2026, 7, 1);
        Catalog c = Catalog.of(
                List.of(
                        new Catalog.Entry("a", day, "Graph networks", List.of(), List.of(), new float[] {1, 0}),
                        new Catalog.Entry("b", day, "graph networks", List.of(), List.of(), new float[] {0, 1}),
                        new Catalog.Entry("c", day, "Protein folding", List.of(), List.of(), new float[] {1, 0}),
                        new Catalog.Entry("d", day, "the protein", List.of(), List.of(), new float[] {0, 1})),
                2);
        UserModel none = new UserModel(new float[] {0, 0}, 0);
        // Lexical scores of b, c, d: 0.5, -0.5, -0.5; standardised: sqrt(2), -1/sqrt(2), -1/sqrt(2).
        double[] t = Recommender.taste(c, List.of(0), none, List.of(1, 2, 3));
        assertThat(t).containsExactly(new double[] {Math.sqrt(2), -Math.sqrt(0.5), -Math.sqrt(0.5)}, within(1e-6));
        // A dense model preferring the first dimension adds 0.25 * z(dense): c gains, b and d lose.
        UserModel first = new UserModel(new float[] {1, 0}, 0);
        double[] u = Recommender.taste(c, List.of(0), first, List.of(1, 2, 3));
        assertThat(u)
                .containsExactly(
                        new double[] {
                            Math.sqrt(2) - 0.25 * Math.sqrt(0.5),
                            -Math.sqrt(0.5) + 0.25 * Math.sqrt(2),
                            -Math.sqrt(0.5) - 0.25 * Math.sqrt(0.5)
                        },
                        within(1e-6));
        assertThat(Recommender.taste(c, List.of(), first, List.of(1, 2, 3))).containsExactly(0, 0, 0);
    }
}
