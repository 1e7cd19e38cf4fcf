package org.paperboy.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JudgedScoresTest {

    @TempDir
    Path dir;

    private JudgedSet set() throws Exception {
        Path file = dir.resolve("judged.jsonl");
        Files.writeString(file, """
                {"query":"rag","category":"cs.CL","from":"2026-06-29","to":"2026-07-05","relevant":["a","b"],"not_relevant":["x"]}
                {"query":"silence","from":"2026-06-29","to":"2026-07-05","relevant":[],"not_relevant":["y"]}
                """);
        return JudgedSet.load(file);
    }

    @Test
    void scores_alert_matches_as_sets_with_precision_of_the_first_five_and_recall() throws Exception {
        JudgedScores s = JudgedScores.matches(
                set(), "alerts", q -> q.query().equals("rag") ? List.of("a", "x", "z") : List.of("y"));

        assertThat(s.toJsonLine())
                .isEqualTo("{\"dataset\":\"judged\",\"mode\":\"alerts\",\"precision@5\":0.1667,\"recall\":0.5,"
                        + "\"micro_precision@5\":0.25,\"micro_recall\":0.5,\"matched\":4,\"silent\":0,\"unjudged\":1,"
                        + "\"queries\":2}");
    }

    @Test
    void scores_a_ranking_at_five_and_ten_over_queries_with_a_relevant_paper() throws Exception {
        JudgedScores s = JudgedScores.ranking(set(), "bm25", q -> List.of("x", "a", "b"));

        assertThat(s.toJsonLine())
                .isEqualTo("{\"dataset\":\"judged\",\"mode\":\"bm25\",\"p@5\":0.4,\"p@10\":0.2,\"ndcg@10\":0.6934,"
                        + "\"unjudged@10\":0,\"queries\":1}");
    }

    @Test
    void refuses_a_paper_judged_both_ways_naming_the_line() throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(
                file,
                "{\"query\":\"q\",\"from\":\"2026-06-29\",\"to\":\"2026-07-05\",\"relevant\":[\"a\"],"
                        + "\"not_relevant\":[\"a\"]}\n");

        assertThatThrownBy(() -> JudgedSet.load(file))
                .isInstanceOf(DatasetException.class)
                .hasMessage(file + ":1: 'a' is both relevant and not_relevant");
    }
}
