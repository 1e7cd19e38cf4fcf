package org.paperboy.cli;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperboy.search.IndexService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code paperboy reindex}: rebuild the search index from the store. */
@Command(
        name = "reindex",
        mixinStandardHelpOptions = true,
        description = {
            "Rebuild the search index (DATA/index) from the store. Vectors come from the embedding cache",
            "when the text was embedded before, so only new or changed texts are embedded again.",
            "Ctrl-C or SIGTERM stops between batches with the work done committed; --continue goes on.",
            "Prints last: the number of papers indexed and the seconds it took."
        })
final class ReindexCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    Main main;

    @Option(names = "--no-vectors", description = "Index the documents only (BM25); vectors are added later.")
    boolean noVectors;

    @Option(
            names = "--continue",
            description = "Do not rebuild: index only what is missing or stale (after a stopped import or reindex).")
    boolean resume;

    @Override
    public Integer call() {
        try (GracefulStop stop = GracefulStop.install(System.err);
                Services s = new Services(main.config(Map.of()))) {
            if (resume) {
                ImportCommand.updateIndex(s, System.err, stop);
                return 0;
            }
            if (!stop.holdExit()) {
                return 1;
            }
            long t0 = System.nanoTime();
            CountProgress progress = new CountProgress(System.err);
            IndexService index = s.indexService();
            long n = index.rebuild(progress, () -> noVectors || stop.requested());
            progress.finish();
            if (stop.requested()) {
                System.err.println("paperboy: stopped with the work done committed; run `paperboy reindex --continue`"
                        + " (or the next import or serve) to go on where it stopped");
                return 1;
            }
            index.compact();
            System.out.printf(Locale.ROOT, "%d papers indexed in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
            return 0;
        }
    }
}
