package org.paperboy.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.paperboy.embed.Embedder;
import org.paperboy.embed.Embedders;
import org.paperboy.embed.StudentEmbedder;
import org.paperboy.embed.StudentTrainer;
import org.paperboy.paper.Paper;

/**
 * Trains the student embedder of a fresh install in the background of {@code serve}: when
 * {@code PAPERBOY_EMBEDDER=student} names a model that does not exist yet, the index holds
 * documents only (BM25 answers at once) while this waits for enough papers, embeds a sample of
 * them with the teacher (MiniLM; cached, so a restart resumes), trains the student as {@code
 * train-embedder} does with its defaults, and writes the model file in one move. Then {@code
 * trained} is told, and the indexer embeds every paper with the student.
 */
final class StudentBootstrap implements AutoCloseable {

    /** Papers the store must hold before training: fewer make a student with too small a vocabulary. */
    static final int MIN_PAPERS = 1_000;

    private static final Duration RECHECK = Duration.ofMinutes(1);
    private static final Duration AFTER_FAILURE = Duration.ofMinutes(10);

    private final Services services;
    private final int minPapers;
    private final int samplePapers;
    private final Runnable trained;
    private final PrintStream log;
    private final Object wake = new Object();
    private volatile boolean stopping;
    private volatile String state = "not started";
    private Thread thread;

    /**
     * @param minPapers papers the store must hold before training starts
     * @param samplePapers papers the student is trained on (a seeded sample when there are more)
     * @param trained told once the model file is in place
     * @param log where progress goes (serve's stderr)
     */
    StudentBootstrap(Services services, int minPapers, int samplePapers, Runnable trained, PrintStream log) {
        this.services = Objects.requireNonNull(services, "services");
        if (minPapers < 1 || samplePapers < 1) {
            throw new IllegalArgumentException("minPapers and samplePapers must be at least 1");
        }
        this.minPapers = minPapers;
        this.samplePapers = samplePapers;
        this.trained = Objects.requireNonNull(trained, "trained");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Starts the training thread, or does nothing when the install has its model (or names another embedder). */
    synchronized StudentBootstrap start() {
        if (thread != null || !services.studentPending()) {
            return this;
        }
        thread = Thread.ofPlatform().name("student-bootstrap").daemon().start(this::run);
        return this;
    }

    /** What it is doing, for logs and tests. */
    String state() {
        return state;
    }

    /** Papers were stored: look again whether there are enough now. */
    void changed() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** Stops waiting; a training run under way ends with the process (nothing half-written stays). */
    @Override
    public void close() {
        stopping = true;
        changed();
    }

    private void run() {
        while (!stopping && services.studentPending()) {
            long stored = services.papers().count();
            if (stored < minPapers) {
                state = String.format(Locale.ROOT, "waiting for %,d papers (%,d stored)", minPapers, stored);
                pause(RECHECK);
                continue;
            }
            try {
                if (!train()) {
                    return; // stopped
                }
                state = "trained";
                trained.run();
                return;
            } catch (RuntimeException e) {
                if (stopping) {
                    return; // the store closed under a shutdown
                }
                state = "failed: " + e.getMessage();
                log.println("paperboy: training the student embedder failed, retrying in " + AFTER_FAILURE.toMinutes()
                        + " minutes: " + e.getMessage());
                pause(AFTER_FAILURE);
            }
        }
    }

    /** Trains and writes the model; false when stopped before the model was written. */
    private boolean train() {
        Path file = Embedders.studentModel(services.config().dataDir());
        StudentTrainer.Settings settings = StudentTrainer.Settings.DEFAULT;
        long t0 = System.nanoTime();
        List<Paper> sample = TrainEmbedderCommand.sample(services, samplePapers, settings.seed());
        state = String.format(Locale.ROOT, "training on %,d papers", sample.size());
        log.printf(
                Locale.ROOT,
                "paperboy: training the student embedder on %,d papers (teacher: %s), searching by words meanwhile%n",
                sample.size(),
                Embedders.MINILM);
        try (Embedder teacher =
                Embedders.create(Embedders.MINILM, services.config().dataDir())) {
            List<StudentTrainer.Paper> examples = StudentOptions.withTeacherVectors(services, teacher, sample, log);
            StudentEmbedder model = StudentOptions.train(
                    examples,
                    StudentOptions.anchorTeacher(services, teacher, log),
                    teacher.modelId(),
                    settings,
                    log,
                    log);
            if (stopping) {
                return false;
            }
            model.save(file);
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the student model was not written to " + file);
        }
        log.printf(
                Locale.ROOT,
                "paperboy: wrote the student embedder %s in %.0f s; embedding every paper with it%n",
                file,
                (System.nanoTime() - t0) / 1e9);
        return true;
    }

    private void pause(Duration duration) {
        synchronized (wake) {
            if (stopping) {
                return;
            }
            try {
                wake.wait(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }
    }
}
