package org.paperboy.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.paperboy.eval.RecsEvaluation;
import org.paperboy.eval.RecsRegressions;
import org.paperboy.eval.SimulatedUsers;
import org.paperboy.ingest.ImportException;
import org.paperboy.ingest.PaperFiles;
import org.paperboy.paper.Paper;
import org.paperboy.search.IndexService;

/**
 * {@code paperboy eval --recs FILE...}: reads the papers, builds the simulated users, takes the
 * papers' vectors from the data directory's embedding cache (embedding, with a progress line, any
 * that are missing), and prints one JSON line per method; {@code --verify} compares them with the
 * expected figures.
 */
final class RecsEvalRun {

    private final Main main;
    private final List<Path> files;
    private final LocalDate cutoff;
    private final List<String> methods;
    private final boolean verify;

    RecsEvalRun(Main main, List<Path> files, LocalDate cutoff, List<String> methods, boolean verify) {
        this.main = main;
        this.files = files;
        this.cutoff = cutoff;
        this.methods = methods == null || methods.isEmpty() ? RecsEvaluation.METHODS : methods;
        this.verify = verify;
    }

    int call() {
        for (String m : methods) {
            if (!RecsEvaluation.METHODS.contains(m) && !RecsEvaluation.EXPERIMENTS.contains(m)) {
                throw new IllegalArgumentException(
                        "--method: '" + m + "' is not one of " + String.join(", ", RecsEvaluation.METHODS)
                                + " (or the experiments " + String.join(", ", RecsEvaluation.EXPERIMENTS) + ")");
            }
        }
        List<Paper> papers;
        try {
            papers = PaperFiles.read(files).papers();
        } catch (ImportException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        LocalDate day = cutoff != null ? cutoff : SimulatedUsers.defaultCutoff(papers);
        SimulatedUsers task = SimulatedUsers.of(papers, day);
        System.err.printf(
                "recs: %d papers, cut-off %s, %d before it, %d candidates, %d users%n",
                task.papers().size(),
                day,
                task.history().size(),
                task.candidates().size(),
                task.users().size());
        if (task.users().isEmpty()) {
            throw new IllegalArgumentException("no author has 5 papers before " + day
                    + " and 2 in the 4 weeks from it: " + "give more files or another --cutoff");
        }
        int failures = 0;
        try (Services s = new Services(main.config(Map.of()))) {
            List<Paper> needed = new ArrayList<>();
            for (List<Integer> part : List.of(task.history(), task.candidates())) {
                part.forEach(i -> needed.add(task.papers().get(i)));
            }
            Map<String, float[]> vectors = Map.of();
            if (methods.stream()
                    .anyMatch(m -> m.equals("centroid") || m.contains("adapter") || m.startsWith("paperboy"))) {
                vectors = vectors(s, needed);
            }
            RecsEvaluation eval = new RecsEvaluation(task, vectors, 2);
            Map<String, RecsEvaluation.Result> results = new java.util.LinkedHashMap<>();
            for (String m : methods) {
                RecsEvaluation.Result r = eval.run(m);
                results.put(m, r);
                System.out.println(r.toJsonLine());
                System.out.flush();
                if (verify) {
                    List<String> problems = RecsRegressions.builtIn().verify(task, r);
                    problems.forEach(p -> System.err.println("verify: " + p));
                    failures += problems.size();
                }
            }
            RecsEvaluation.Result svm = results.get("tfidf-svm");
            for (RecsEvaluation.Result r : results.values()) {
                if (svm != null && r.method().startsWith("paperboy")) {
                    System.out.println(RecsEvaluation.gainLine(r, svm));
                }
            }
        }
        return failures == 0 ? 0 : 1;
    }

    /** Vectors from the cache; the missing ones are embedded (and cached) a batch at a time. */
    private static Map<String, float[]> vectors(Services s, List<Paper> papers) {
        Map<String, float[]> out = new java.util.HashMap<>();
        CountProgress progress = new CountProgress(System.err);
        for (int i = 0; i < papers.size(); i += 512) {
            List<Paper> batch = papers.subList(i, Math.min(papers.size(), i + 512));
            out.putAll(IndexService.vectors(s.indexState(), s.embedder(), batch, true));
            progress.progress("vectors", Math.min(papers.size(), i + 512), papers.size());
        }
        progress.finish();
        return out;
    }
}
