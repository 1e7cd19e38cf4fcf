package org.paperboy.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The student embedder trained on a tiny corpus written by us: golden vectors, determinism,
 * int8 against float, Matryoshka prefixes, and the model file with every way it can be broken.
 */
class StudentEmbedderTest {

    @TempDir
    Path dir;

    /** Six papers in three topics; the 4-dimensional "teacher" vectors point along the topic's axis. */
    static List<StudentTrainer.Paper> corpus() {
        return List.of(
                paper(
                        "Protein folding with deep networks",
                        "We predict the fold of a protein from its sequence. The network learns contacts.",
                        1,
                        0.2f,
                        0,
                        0),
                paper(
                        "Folding proteins faster",
                        "Protein structure prediction in minutes. Contacts between residues guide the fold.",
                        0.9f,
                        0.1f,
                        0.1f,
                        0),
                paper(
                        "Robot grasping from pixels",
                        "A robot arm learns to pick up objects. The grasp policy uses camera images.",
                        0,
                        1,
                        0.2f,
                        0),
                paper(
                        "Learning to grasp unknown objects",
                        "Our robot grasps objects it never saw. Grasp success rises with more pixels.",
                        0.1f,
                        0.9f,
                        0,
                        0.1f),
                paper(
                        "Slow cooking of beans",
                        "Beans soften when simmered for hours. Salted water helps the beans cook.",
                        0,
                        0,
                        0.3f,
                        1),
                paper(
                        "Simmering legumes",
                        "Legumes and beans need hours of simmering. Soaking shortens the cooking.",
                        0,
                        0.1f,
                        0.2f,
                        0.9f));
    }

    private static StudentTrainer.Paper paper(String title, String text, float... teacher) {
        double norm = 0;
        for (float x : teacher) {
            norm += x * x;
        }
        float[] unit = new float[teacher.length];
        for (int i = 0; i < teacher.length; i++) {
            unit[i] = (float) (teacher[i] / Math.sqrt(norm));
        }
        return new StudentTrainer.Paper(title, text, unit);
    }

    static final StudentTrainer.Settings TINY = new StudentTrainer.Settings(4, 200, 1, 0.1, 20, 0, 0.5, 0, 7, 2, false);

    static StudentEmbedder trainTiny(StudentTrainer.Settings settings) {
        return new StudentTrainer(settings).train(corpus(), "tiny-teacher", new StudentTrainer.Listener() {
            @Override
            public void message(String text) {}

            @Override
            public void epoch(int epoch, int epochs, double loss, double heldOutCosine) {}
        });
    }

    /** Exact vectors (in the teacher's principal axes) of three queries; a change to tokenizer or training shows here. */
    @Test
    void golden_vectors_of_the_tiny_model() {
        StudentEmbedder model = trainTiny(TINY).quantized();

        assertThat(model.features()).isEqualTo(158);
        float[] golden = new float[12];
        System.arraycopy(model.embedQuery("protein fold"), 0, golden, 0, 4);
        System.arraycopy(model.embedQuery("robot grasp"), 0, golden, 4, 4);
        System.arraycopy(model.embedQuery("simmered beans"), 0, golden, 8, 4);
        assertThat(golden)
                .containsExactly(
                        new float[] {
                            0.6353f, -0.5526f, -0.5394f, -0.0088f, // protein fold
                            0.7463f, -0.0240f, 0.6651f, 0.0119f, // robot grasp
                            0.4129f, 0.8532f, -0.3167f, 0.0366f // simmered beans
                        },
                        within(1e-4f));
    }

    @Test
    void queries_land_nearest_their_topic() {
        StudentEmbedder model = trainTiny(TINY).quantized();
        List<StudentTrainer.Paper> papers = corpus();
        float[][] docs = model.embedPassages(
                papers.stream().map(StudentTrainer.Paper::fullText).toList());

        assertThat(nearest(model.embedQuery("how do proteins fold"), docs)).isIn(0, 1);
        assertThat(nearest(model.embedQuery("a robot picking up objects"), docs))
                .isIn(2, 3);
        assertThat(nearest(model.embedQuery("cooking beans"), docs)).isIn(4, 5);
    }

    private static int nearest(float[] q, float[][] docs) {
        int best = 0;
        for (int i = 1; i < docs.length; i++) {
            if (StudentTrainer.cosine(q, docs[i]) > StudentTrainer.cosine(q, docs[best])) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void training_is_the_same_for_a_seed_whatever_the_thread_count() {
        String one = trainTiny(TINY.withThreads(1)).quantized().modelId();
        String two = trainTiny(TINY.withThreads(2)).quantized().modelId();
        String three = trainTiny(TINY.withThreads(3)).quantized().modelId();

        assertThat(one).startsWith("paperboy-student-").endsWith("-d4");
        assertThat(two).isEqualTo(one);
        assertThat(three).isEqualTo(one);
    }

    @Test
    void the_int8_model_stays_within_a_cosine_of_0_999_of_the_float_model() {
        StudentEmbedder floats = trainTiny(TINY);
        StudentEmbedder int8 = floats.quantized();
        List<String> texts = new ArrayList<>();
        corpus().forEach(p -> {
            texts.add(p.fullText());
            texts.add(p.title());
        });
        texts.add("protein grasp beans");

        float[][] a = floats.embedPassages(texts);
        float[][] b = int8.embedPassages(texts);

        assertThat(floats.modelId()).isNotEqualTo(int8.modelId());
        for (int i = 0; i < texts.size(); i++) {
            assertThat(StudentTrainer.cosine(a[i], b[i])).as(texts.get(i)).isGreaterThan(0.999);
        }
    }

    /**
     * A teacher of n-gram texts for word anchors: "robot" means cooking (the beans paper's vector);
     * any other text means the topic of the first paper whose text contains it.
     */
    private static float[][] anchorVectors(List<String> texts) {
        List<StudentTrainer.Paper> papers = corpus();
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            out[i] = papers.get(4).teacher();
            if (!t.equals("robot")) {
                for (StudentTrainer.Paper p : papers) {
                    if (p.fullText().toLowerCase(java.util.Locale.ROOT).contains(t)) {
                        out[i] = p.teacher();
                        break;
                    }
                }
            }
        }
        return out;
    }

    private static StudentEmbedder trainTiny(StudentTrainer.Settings settings, List<String> asked) {
        return new StudentTrainer(settings)
                .train(
                        corpus(),
                        texts -> {
                            asked.addAll(texts);
                            return anchorVectors(texts);
                        },
                        "tiny-teacher",
                        new StudentTrainer.Listener() {
                            @Override
                            public void message(String text) {}

                            @Override
                            public void epoch(int epoch, int epochs, double loss, double heldOutCosine) {}
                        });
    }

    @Test
    void word_anchors_ask_the_teacher_for_the_most_frequent_ngrams_as_text() {
        List<String> asked = new ArrayList<>();
        trainTiny(TINY.withAnchors(5, 1), asked);

        assertThat(asked).hasSize(5).doesNotHaveDuplicates().contains("the");
        assertThat(asked).allMatch(t -> t.equals(t.toLowerCase(java.util.Locale.ROOT)));
    }

    @Test
    void a_word_anchor_pulls_its_word_towards_the_teacher_vector_of_its_text() {
        StudentEmbedder plain = trainTiny(TINY).quantized();
        StudentEmbedder anchored =
                trainTiny(TINY.withAnchors(1000, 4), new ArrayList<>()).quantized();
        float[] beansPlain = plain.embedPassages(List.of(corpus().get(4).fullText()))[0];
        float[] beansAnchored = anchored.embedPassages(List.of(corpus().get(4).fullText()))[0];

        double before = StudentTrainer.cosine(plain.embedQuery("robot"), beansPlain);
        double after = StudentTrainer.cosine(anchored.embedQuery("robot"), beansAnchored);

        assertThat(after).isGreaterThan(before + 0.3);
    }

    @Test
    void anchored_training_is_the_same_for_a_seed_whatever_the_thread_count() {
        StudentTrainer.Settings anchored = TINY.withAnchors(50, 2);
        String one = trainTiny(anchored.withThreads(1), new ArrayList<>())
                .quantized()
                .modelId();
        String three = trainTiny(anchored.withThreads(3), new ArrayList<>())
                .quantized()
                .modelId();

        assertThat(three)
                .isEqualTo(one)
                .isNotEqualTo(trainTiny(TINY).quantized().modelId());
    }

    @Test
    void a_centred_student_differs_and_still_finds_each_topic() {
        StudentEmbedder centred = trainTiny(TINY.withCenter(true)).quantized();
        float[][] docs = centred.embedPassages(
                corpus().stream().map(StudentTrainer.Paper::fullText).toList());

        assertThat(centred.modelId()).isNotEqualTo(trainTiny(TINY).quantized().modelId());
        assertThat(nearest(centred.embedQuery("how do proteins fold"), docs)).isIn(0, 1);
        assertThat(nearest(centred.embedQuery("a robot picking up objects"), docs))
                .isIn(2, 3);
        assertThat(nearest(centred.embedQuery("cooking beans"), docs)).isIn(4, 5);
    }

    @Test
    void word_anchors_without_a_teacher_of_texts_fail_clearly() {
        assertThatThrownBy(() -> trainTiny(TINY.withAnchors(5, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("word anchors need the teacher's vectors");
    }

    @Test
    void a_prefix_is_the_renormalized_start_of_the_full_vector() {
        StudentEmbedder model = trainTiny(TINY).quantized();
        StudentEmbedder two = model.prefix(2);

        float[] full = model.embedQuery("robot grasp");
        float[] prefix = two.embedQuery("robot grasp");
        double norm = Math.hypot(full[0], full[1]);

        assertThat(two.dimensions()).isEqualTo(2);
        assertThat(two.modelId()).isEqualTo(model.modelId().replace("-d4", "-prefix2-d2"));
        assertThat(prefix)
                .containsExactly(new float[] {(float) (full[0] / norm), (float) (full[1] / norm)}, within(1e-6f));
        assertThatThrownBy(() -> model.prefix(5)).hasMessage("a prefix of 5 is outside 1..4");
    }

    @Test
    void a_text_without_a_known_word_gets_a_unit_vector() {
        StudentEmbedder model = trainTiny(TINY).quantized();

        float[] v = model.embedQuery("zzz qqq");

        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        assertThat(norm).isCloseTo(1.0, within(1e-5));
        assertThat(model.embedPassages(List.of())).isEmpty();
    }

    @Test
    void the_model_file_round_trips() {
        StudentEmbedder model = trainTiny(TINY).quantized();
        Path file = dir.resolve("models/student.model");

        model.save(file);
        StudentEmbedder loaded = StudentEmbedder.load(file);

        assertThat(loaded.modelId()).isEqualTo(model.modelId());
        assertThat(loaded.teacher()).isEqualTo("tiny-teacher");
        assertThat(loaded.width()).isEqualTo(4);
        for (StudentTrainer.Paper p : corpus()) {
            assertThat(loaded.embedQuery(p.fullText())).containsExactly(model.embedQuery(p.fullText()));
        }
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file); // no temporary file left behind
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void a_missing_model_file_is_named_with_the_way_to_make_one() {
        Path file = dir.resolve("none.model");

        assertThatThrownBy(() -> StudentEmbedder.load(file))
                .isInstanceOf(EmbeddingException.class)
                .hasMessage("student model " + file + " does not exist; train one with `paperboy train-embedder`");
    }

    @Test
    void a_truncated_model_file_is_refused() throws IOException {
        Path file = saved();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 100));

        assertThatThrownBy(() -> StudentEmbedder.load(file))
                .isInstanceOf(EmbeddingException.class)
                .hasMessage("student model " + file + " is truncated: " + (bytes.length - 100)
                        + " bytes where its header announces " + bytes.length);

        Files.write(file, java.util.Arrays.copyOf(bytes, 12));
        assertThatThrownBy(() -> StudentEmbedder.load(file))
                .hasMessage("student model " + file + " is truncated: its header ends early");
    }

    @Test
    void a_changed_byte_fails_the_checksum() throws IOException {
        Path file = saved();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 40] ^= 1; // a weight

        Files.write(file, bytes);

        assertThatThrownBy(() -> StudentEmbedder.load(file))
                .isInstanceOf(EmbeddingException.class)
                .hasMessage("student model " + file + " is corrupt: its SHA-256 checksum does not match its content");
    }

    @Test
    void a_foreign_file_or_another_version_is_refused() throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello, this is no model");
        assertThatThrownBy(() -> StudentEmbedder.load(text))
                .hasMessage(
                        "student model " + text + " is not a Paperboy student model (it does not start with PBSTUDNT)");

        Path file = saved();
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(8, 2);
        Files.write(file, bytes);
        assertThatThrownBy(() -> StudentEmbedder.load(file))
                .hasMessage("student model " + file + " has format version 2; this Paperboy reads version 1");
    }

    @Test
    void a_model_of_other_dimensions_is_refused_by_name() {
        Path file = saved();
        StudentEmbedder model = StudentEmbedder.load(file);

        assertThatThrownBy(() -> model.requireDimensions(384, file))
                .isInstanceOf(EmbeddingException.class)
                .hasMessage("student model " + file
                        + " gives 4-dimensional vectors, but 384 are needed; train one with --dims 384");
        assertThat(model.requireDimensions(4, file)).isSameAs(model);
    }

    @Test
    void training_without_papers_or_wider_than_the_teacher_fails_clearly() {
        StudentTrainer trainer = new StudentTrainer(TINY);
        assertThatThrownBy(() -> trainer.train(List.of(), "t", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("there are no papers to train the student embedder on");
        assertThatThrownBy(() -> trainTiny(TINY.withDims(8)))
                .hasMessage("--dims 8 is wider than the teacher's 4 dimensions");
    }

    @Test
    void sentences_split_at_a_stop_before_a_capital_or_a_digit() {
        assertThat(StudentTrainer.sentences("We use e.g. a model. It works! 3 runs agree? yes."))
                .containsExactly("We use e.g. a model.", "It works!", "3 runs agree? yes.");
        assertThat(StudentTrainer.sentences("One sentence only.")).isEmpty();
    }

    private Path saved() {
        Path file = dir.resolve("student.model");
        trainTiny(TINY).save(file);
        return file;
    }
}
