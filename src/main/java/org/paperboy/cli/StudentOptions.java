package org.paperboy.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.paperboy.embed.Embedder;
import org.paperboy.embed.Embedders;
import org.paperboy.embed.StudentEmbedder;
import org.paperboy.embed.StudentTrainer;
import org.paperboy.paper.Paper;
import org.paperboy.search.IndexService;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of training a student embedder, shared by {@code train-embedder} and {@code eval
 * --embedder student}, and the training run itself: teacher vectors from the embedding cache
 * (computed and cached when missing), then {@link StudentTrainer}.
 */
final class StudentOptions {

    @Option(
            names = "--teacher",
            defaultValue = "minilm",
            paramLabel = "T",
            description = "Teacher model whose vectors the student learns: minilm (default) or bge-small.")
    String teacher;

    @Option(
            names = "--epochs",
            paramLabel = "E",
            description = "Training epochs: conjugate-gradient steps, each one pass over the texts (default 20).")
    Integer epochs;

    @Option(
            names = "--dims",
            paramLabel = "D",
            description = "Vector width, at most the teacher's; the first 32, 64, ... work alone (default 128).")
    Integer dims;

    @Option(
            names = "--features",
            paramLabel = "N",
            description =
                    "N-gram features kept, most frequent first; the model is about N x D bytes " + "(default 100000).")
    Integer features;

    @Option(names = "--lambda", paramLabel = "L", description = "Ridge penalty (default 1.0).")
    Double lambda;

    @Option(
            names = "--dropout-copies",
            paramLabel = "K",
            description = "Also learn from K copies of each paper with half its words dropped (default 0).")
    Integer dropoutCopies;

    @Option(
            names = "--anchors",
            paramLabel = "N",
            description = "Word anchors: the N most frequent n-grams also learn the teacher's vector of their own"
                    + " text (default 20000; 0: none).")
    Integer anchors;

    @Option(
            names = "--anchor-weight",
            paramLabel = "W",
            description = "Weight of one word-anchor row against one paper text in the squared error (default 3).")
    Double anchorWeight;

    @Option(
            names = "--center",
            negatable = true,
            description = "Learn the teacher's vectors minus their mean (--no-center: as they are).")
    Boolean center;

    @Option(names = "--bias", description = "Add the mean teacher vector to every student vector (default off).")
    boolean bias;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default 42).")
    Long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Training threads (default 2).")
    Integer threads;

    /** The settings these options give. */
    StudentTrainer.Settings settings(CommandLine.Model.CommandSpec spec) {
        StudentTrainer.Settings s = StudentTrainer.Settings.DEFAULT;
        try {
            if (epochs != null) {
                s = s.withEpochs(epochs);
            }
            if (dims != null) {
                s = s.withDims(dims);
            }
            if (features != null) {
                s = s.withMaxFeatures(features);
            }
            if (lambda != null) {
                s = s.withLambda(lambda);
            }
            if (dropoutCopies != null) {
                if (dropoutCopies < 0) {
                    throw new IllegalArgumentException("--dropout-copies " + dropoutCopies + " is negative");
                }
                s = s.withDropout(dropoutCopies, s.dropout());
            }
            if (anchors != null || anchorWeight != null) {
                s = s.withAnchors(
                        anchors != null ? anchors : s.anchors(),
                        anchorWeight != null ? anchorWeight : s.anchorWeight());
            }
            if (center != null) {
                s = s.withCenter(center);
            }
            s = s.withBias(bias);
            if (seed != null) {
                s = s.withSeed(seed);
            }
            if (threads != null) {
                s = s.withThreads(threads);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!teacher.equals(Embedders.MINILM) && !teacher.equals(Embedders.BGE_SMALL)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--teacher must be minilm or bge-small, got " + teacher);
        }
        return s;
    }

    /** The papers with their teacher vectors, from the cache or computed now (progress on {@code err}). */
    static List<StudentTrainer.Paper> withTeacherVectors(
            Services s, Embedder teacher, List<Paper> papers, PrintStream err) {
        CountProgress progress = new CountProgress(err);
        List<StudentTrainer.Paper> examples = new ArrayList<>(papers.size());
        for (int i = 0; i < papers.size(); i += 64) {
            List<Paper> batch = papers.subList(i, Math.min(papers.size(), i + 64));
            Map<String, float[]> vectors = IndexService.vectors(s.indexState(), teacher, batch, true);
            for (Paper p : batch) {
                examples.add(new StudentTrainer.Paper(p.title(), p.abstractText(), vectors.get(p.id())));
            }
            progress.progress("teacher vectors", i + batch.size(), papers.size());
        }
        progress.finish();
        return examples;
    }

    /**
     * The teacher's vectors of n-gram texts for word anchors: from the embedding cache (keyed by
     * the text, as a paper's vector is), the others embedded in batches and cached.
     */
    static StudentTrainer.AnchorTeacher anchorTeacher(Services s, Embedder teacher, PrintStream err) {
        return texts -> {
            CountProgress progress = new CountProgress(err);
            float[][] out = new float[texts.size()][];
            int batch = 512;
            for (int i = 0; i < texts.size(); i += batch) {
                List<String> part = texts.subList(i, Math.min(texts.size(), i + batch));
                List<String> keys = part.stream().map(IndexService::textKey).toList();
                Map<String, float[]> cached = s.indexState().cachedEmbeddings(teacher.modelId(), keys);
                List<Integer> missing = new ArrayList<>();
                for (int k = 0; k < part.size(); k++) {
                    float[] v = cached.get(keys.get(k));
                    if (v != null) {
                        out[i + k] = v;
                    } else {
                        missing.add(k);
                    }
                }
                if (!missing.isEmpty()) {
                    float[][] computed = teacher.embedPassages(
                            missing.stream().map(part::get).toList());
                    Map<String, float[]> fresh = new java.util.HashMap<>();
                    for (int m = 0; m < missing.size(); m++) {
                        out[i + missing.get(m)] = computed[m];
                        fresh.put(keys.get(missing.get(m)), computed[m]);
                    }
                    s.indexState().cacheEmbeddings(teacher.modelId(), fresh);
                }
                progress.progress("anchor vectors", i + part.size(), texts.size());
            }
            progress.finish();
            return out;
        };
    }

    /** Trains a student on {@code examples}, one line per epoch on {@code out}; returns the float model. */
    static StudentEmbedder train(
            List<StudentTrainer.Paper> examples,
            StudentTrainer.AnchorTeacher anchorTeacher,
            String teacher,
            StudentTrainer.Settings settings,
            PrintStream out,
            PrintStream err) {
        return new StudentTrainer(settings).train(examples, anchorTeacher, teacher, new StudentTrainer.Listener() {
            @Override
            public void message(String text) {
                err.println("train-embedder: " + text);
            }

            @Override
            public void epoch(int epoch, int epochs, double loss, double heldOutCosine) {
                out.printf(
                        Locale.ROOT,
                        "epoch %d/%d loss %.6f held-out cosine %s%n",
                        epoch,
                        epochs,
                        loss,
                        Double.isNaN(heldOutCosine) ? "-" : String.format(Locale.ROOT, "%.4f", heldOutCosine));
            }
        });
    }
}
