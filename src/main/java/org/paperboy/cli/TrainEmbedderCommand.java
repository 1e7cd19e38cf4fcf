package org.paperboy.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.embed.StudentEmbedder;
import org.paperboy.embed.StudentTrainer;
import org.paperboy.paper.Paper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code paperboy train-embedder}: distils the fast student embedder from the store's papers. */
@Command(
        name = "train-embedder",
        mixinStandardHelpOptions = true,
        description = {
            "Train the student embedder (docs/embedders.md) on the store's papers: their teacher vectors",
            "come from the embedding cache (computed and cached when missing), then each epoch prints its",
            "loss and the cosine to the teacher on held-out papers. The model is written to a temporary",
            "file and moved in place at the end, so a stopped run never replaces a working model."
        })
final class TrainEmbedderCommand implements Callable<Integer> {

    /** Papers sampled by default: enough for a good vocabulary, trained in minutes on 2 cores. */
    static final int DEFAULT_PAPERS = 20_000;

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    StudentOptions student = new StudentOptions();

    @Option(
            names = "--papers",
            paramLabel = "N",
            description = "Train on a seeded sample of N of the store's papers (default " + DEFAULT_PAPERS + ").")
    int papers = DEFAULT_PAPERS;

    @Option(names = "--out", paramLabel = "FILE", description = "Model file (default DATA/student.model).")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (papers < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--papers must be at least 1, got " + papers);
        }
        StudentTrainer.Settings settings = student.settings(spec);
        // The services' embedder is the teacher, whatever PAPERBOY_EMBEDDER names.
        try (Services s = new Services(main.config(Map.of(PaperboyConfig.EMBEDDER, student.teacher)))) {
            Path file = out != null ? out : s.config().dataDir().resolve("student.model");
            List<Paper> sample = sample(s, papers, settings.seed());
            if (sample.isEmpty()) {
                System.err.println(
                        "paperboy: the store at " + s.config().dataDir().toAbsolutePath()
                                + " has no papers to train the student embedder on; import some first");
                return 1;
            }
            long t0 = System.nanoTime();
            List<StudentTrainer.Paper> examples =
                    StudentOptions.withTeacherVectors(s, s.embedder(), sample, System.err);
            StudentEmbedder model = StudentOptions.train(
                    examples,
                    StudentOptions.anchorTeacher(s, s.embedder(), System.err),
                    s.embedder().modelId(),
                    settings,
                    System.out,
                    System.err);
            model.save(file);
            StudentEmbedder saved = StudentEmbedder.load(file);
            System.out.printf(
                    Locale.ROOT,
                    "wrote %s: %s, %,d features x %d dimensions, %.1f MB, trained on %,d papers in %.1f s%n",
                    file,
                    saved.modelId(),
                    saved.features(),
                    saved.width(),
                    Files.size(file) / 1e6,
                    sample.size(),
                    (System.nanoTime() - t0) / 1e9);
            return 0;
        }
    }

    /** A seeded uniform sample of {@code n} stored papers (all when there are fewer), in id order. */
    static List<Paper> sample(Services s, int n, long seed) {
        List<Paper> chosen = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        long[] seen = {0};
        s.papers()
                .forEach(
                        p -> { // reservoir sampling (Vitter's algorithm R)
                            seen[0]++;
                            if (chosen.size() < n) {
                                chosen.add(p);
                            } else {
                                long j = random.nextLong(seen[0]);
                                if (j < n) {
                                    chosen.set((int) j, p);
                                }
                            }
                        });
        chosen.sort(java.util.Comparator.comparing(Paper::id));
        return chosen;
    }
}
