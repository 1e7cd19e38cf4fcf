package org.paperboy.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperboy.ingest.ImportFormat;
import org.paperboy.ingest.Importer;
import org.paperboy.search.IndexLockedException;
import org.paperboy.search.IndexService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code paperboy import}: papers from files into the store. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Import papers from files (gzip is read transparently; the format is detected from the content).",
            "Bad records are rejected with file:line and reason into the rejects table and DATA/rejects/run-N.jsonl;",
            "every good record is still imported. Prints last: imported=N updated=N unchanged=N rejected=N"
        })
final class ImportCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Files to import.")
    List<Path> files = new ArrayList<>();

    @Option(
            names = "--format",
            defaultValue = "auto",
            paramLabel = "FORMAT",
            description = "auto (default), arxiv-snapshot, arxiv-listing, hf-daily, beir, oai, atom or paperboy "
                    + "(the export format).")
    String format;

    @Option(
            names = "--no-index",
            description = "Store only; the search index catches up at the next import, " + "reindex or serve.")
    boolean noIndex;

    @Option(names = "--retry-rejected", description = "Replay the stored rejects (after a fix) before any FILEs.")
    boolean retryRejected;

    @Override
    public Integer call() {
        if (files.isEmpty() && !retryRejected) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "give at least one FILE (or --retry-rejected)");
        }
        ImportFormat chosen;
        try {
            chosen = "auto".equalsIgnoreCase(format) ? null : ImportFormat.byName(format);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintStream out = System.out;
        PrintStream err = System.err;
        // A file that cannot be read stops the command before anything is stored or indexed.
        List<String> unreadable = Importer.unreadable(files);
        if (!unreadable.isEmpty()) {
            unreadable.forEach(problem -> err.println("paperboy: " + problem));
            err.println("paperboy: nothing imported");
            return 1;
        }
        try (GracefulStop stop = GracefulStop.install(err);
                Services s = new Services(main.config(Map.of()))) {
            long totalBytes = files.stream().mapToLong(ImportCommand::size).sum();
            int exit = 0;
            long imported = 0, updated = 0, unchanged = 0, rejected = 0;
            if (retryRejected) {
                Progress progress = new Progress(err, 0);
                Importer.Run run = s.importer().retryRejected(progress);
                progress.finish();
                err.println("retried rejects: " + run.report().summary());
                imported += run.report().imported();
                updated += run.report().updated();
                unchanged += run.report().unchanged();
                rejected += run.report().rejected();
            }
            if (!files.isEmpty()) {
                Progress progress = new Progress(err, totalBytes);
                long started = System.nanoTime();
                Importer.Run run = s.importer().importFiles(files, chosen, progress);
                double seconds = (System.nanoTime() - started) / 1e9;
                progress.finish();
                err.printf(
                        java.util.Locale.ROOT,
                        "%d records in %.1f s (%,.0f records/s)%n",
                        run.report().records(),
                        seconds,
                        run.report().records() / Math.max(seconds, 1e-3));
                if (run.rejectsFile() != null) {
                    err.println("rejected records with reasons: " + run.rejectsFile());
                } else if (run.report().rejected() > 0) {
                    err.println("paperboy: the rejects of run " + run.id() + " could not be written to "
                            + s.config().rejectsDir().toAbsolutePath()
                            + " (the disk is full); they are kept in the database: import --retry-rejected"
                            + " replays them");
                }
                if (!run.report().failures().isEmpty()) {
                    exit = 1;
                }
                List<Path> notStored = run.report().notStoredForLackOfSpace();
                if (!notStored.isEmpty()) {
                    String again = String.join(
                            " ", notStored.stream().map(Path::toString).toList());
                    err.println("paperboy: the disk of the data directory "
                            + s.config().dataDir().toAbsolutePath() + " is full: free space there, then import "
                            + again + " again (what was imported before is stored, rejects included)");
                }
                imported += run.report().imported();
                updated += run.report().updated();
                unchanged += run.report().unchanged();
                rejected += run.report().rejected();
            }
            out.println("imported=" + imported + " updated=" + updated + " unchanged=" + unchanged + " rejected="
                    + rejected);
            out.flush();
            if (exit != 0) {
                err.println("index: not updated, since a file failed; "
                        + "the next import, reindex or serve brings it up to date");
            } else if (!noIndex) {
                updateIndex(s, err, stop);
            }
            return exit;
        }
    }

    /**
     * Brings the search index up to date: documents first (BM25 works from then on), then the
     * vectors, newest listing day first, with progress. A signal stops it between batches with
     * what is done committed (see {@link GracefulStop}); the next import, reindex or serve goes on.
     */
    static void updateIndex(Services s, PrintStream err, GracefulStop stop) {
        if (!stop.holdExit()) {
            return;
        }
        CountProgress progress = new CountProgress(err);
        IndexService index;
        try {
            index = s.indexService();
        } catch (IndexLockedException e) {
            // Not a failure: everything is stored, and whoever holds the lock indexes what is stale.
            err.println("index: left to the paperboy process writing " + e.directory()
                    + " (a running serve indexes these papers within seconds; otherwise the next import,"
                    + " reindex or serve does)");
            return;
        }
        long documents = index.syncDocuments(progress, stop::requested);
        long vectors = index.buildVectors(progress, stop::requested);
        progress.finish();
        if (stop.requested()) {
            err.printf(
                    Locale.ROOT,
                    "paperboy: stopped with %,d documents and %,d vectors committed; run `paperboy reindex"
                            + " --continue` (or the next import or serve) to go on where it stopped%n",
                    documents,
                    vectors);
            return;
        }
        index.compact();
        err.printf("index: %d documents and %d vectors updated%n", documents, vectors);
    }

    private static long size(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
