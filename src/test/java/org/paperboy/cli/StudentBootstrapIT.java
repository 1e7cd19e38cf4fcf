package org.paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.embed.Embedder;
import org.paperboy.search.BackgroundIndexer;
import org.paperboy.search.Filters;
import org.paperboy.search.Hit;
import org.paperboy.search.IndexingStatus;
import org.paperboy.search.SearchMode;
import org.paperboy.search.SearchRequest;
import org.paperboy.search.SharedIndex;

/**
 * A fresh install with {@code PAPERBOY_EMBEDDER=student} and no model, as {@code serve} runs it:
 * the index holds documents at once (BM25 answers, no vectors), the bootstrap waits for enough
 * papers, trains the student from the real MiniLM teacher, and the indexer then embeds every
 * paper with the student, whose vectors find papers by meaning.
 */
class StudentBootstrapIT {

    private static final BackgroundIndexer.Timing FAST = new BackgroundIndexer.Timing(
            Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMillis(300), Duration.ofMillis(100));

    /** Three topics, each paper a different pairing of a topic's phrases. */
    private static final String[][] TOPICS = {
        {
            "protein folding",
            "amino acid sequences",
            "structure prediction",
            "molecular dynamics",
            "binding sites",
            "enzyme function"
        },
        {
            "robot grasping",
            "motion planning",
            "robot arm control",
            "tactile sensing",
            "legged locomotion",
            "manipulation policies"
        },
        {
            "speech recognition",
            "acoustic models",
            "spoken language",
            "audio transcription",
            "voice activity detection",
            "speaker diarization"
        }
    };

    @TempDir
    Path dir;

    @Test
    void serves_words_at_once_then_trains_the_student_and_embeds_every_paper_with_it() throws Exception {
        Path data = dir.resolve("data");
        List<String> lines = papers();
        int first = 20;
        importPapers(lines.subList(0, first), data, "first.jsonl");

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        AtomicReference<Embedder> model = new AtomicReference<>();
        Map<String, String> env =
                Map.of("PAPERBOY_DATA", data.toString(), "PAPERBOY_SOURCES", "none", "PAPERBOY_EMBEDDER", "student");
        try (Services s = new Services(PaperboyConfig.load(Map.of(), env))) {
            assertThat(s.studentPending()).isTrue();
            SharedIndex index = s.sharedIndex();
            try (BackgroundIndexer indexer = s.backgroundIndexer(FAST, BackgroundIndexer.Passes.NONE, model::set)
                            .start();
                    StudentBootstrap student = new StudentBootstrap(
                                    s,
                                    lines.size(),
                                    1_000,
                                    indexer::changed,
                                    new PrintStream(log, true, StandardCharsets.UTF_8))
                            .start()) {
                await(() -> indexer.status().state() == IndexingStatus.State.UP_TO_DATE && index.count() == first);
                assertThat(index.countWithVector()).isZero();
                assertThat(model.get()).isNull();
                assertThat(ids(s, "grasping", null, SearchMode.BM25)).isNotEmpty();
                await(() -> student.state().startsWith("waiting for"));
                assertThat(student.state()).isEqualTo("waiting for " + lines.size() + " papers (" + first + " stored)");
                assertThat(Files.exists(data.resolve("student.model"))).isFalse();

                importPapers(lines.subList(first, lines.size()), data, "rest.jsonl");
                student.changed();
                await(() -> model.get() != null && index.countWithVector() == lines.size());

                assertThat(student.state()).isEqualTo("trained");
                assertThat(s.studentPending()).isFalse();
                assertThat(model.get().modelId()).startsWith("paperboy-student-");
                assertThat(index.embeddingModel()).contains(model.get().modelId());
                // The student's vectors put the topic's papers first.
                List<String> dense = ids(s, null, model.get().embedQuery("speaker diarization"), SearchMode.DENSE);
                assertThat(dense.subList(0, 5)).allMatch(id -> topicOf(id) == 2);
            }
        }
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("paperboy: training the student embedder on " + lines.size() + " papers (teacher: minilm)")
                .contains("paperboy: wrote the student embedder ");
    }

    /** Papers of the three topics: 36 in all, ids 2501.00001.. in topic order by id modulo 3. */
    private static List<String> papers() {
        List<String> out = new ArrayList<>();
        int n = 0;
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 2; j++) {
                for (int t = 0; t < TOPICS.length; t++) {
                    String[] words = TOPICS[t];
                    String a = words[i];
                    String b = words[(i + 1 + j) % words.length];
                    String c = words[(i + 3 + j) % words.length];
                    n++;
                    out.add(String.format(
                            java.util.Locale.ROOT,
                            "{\"id\": \"2501.%05d\", \"title\": \"A study of %s and %s\", \"authors\": [\"Ada Lovelace\"], "
                                    + "\"categories\": [\"cs.LG\"], \"summary\": \"We study %s with %s, and compare "
                                    + "it with %s on a new benchmark.\", \"abs\": \"https://arxiv.org/abs/2501.%05d\", "
                                    + "\"pdf\": \"https://arxiv.org/pdf/2501.%05d\", \"listed_on\": \"2025-01-02\"}",
                            n,
                            a,
                            b,
                            a,
                            c,
                            b,
                            n,
                            n));
                }
            }
        }
        return out;
    }

    private static int topicOf(String id) {
        return (Integer.parseInt(id.substring(id.indexOf('.') + 1)) - 1) % TOPICS.length;
    }

    private void importPapers(List<String> lines, Path data, String name) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, lines, StandardCharsets.UTF_8);
        assertThat(Main.run(
                        new String[] {"import", "--no-index", file.toString()},
                        Map.of("PAPERBOY_DATA", data.toString(), "PAPERBOY_SOURCES", "none")))
                .isEqualTo(0);
    }

    private static List<String> ids(Services s, String query, float[] vector, SearchMode mode) {
        return s
                .searcher()
                .search(new SearchRequest(query, vector, mode, null, 0.4, Filters.NONE, 0, 10, true))
                .hits()
                .stream()
                .map(Hit::id)
                .toList();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 180 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
