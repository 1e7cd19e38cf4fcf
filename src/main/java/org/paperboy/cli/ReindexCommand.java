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
            "Prints last: the number of papers indexed and the seconds it took."
        })
final class ReindexCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    Main main;

    @Option(names = "--no-vectors", description = "Index the documents only (BM25); vectors are added later.")
    boolean noVectors;

    @Override
    public Integer call() {
        try (Main.Services s = new Main.Services(main.config(Map.of()))) {
            CountProgress progress = new CountProgress(System.err);
            long t0 = System.nanoTime();
            IndexService index = s.indexService();
            long n = index.rebuild(progress, () -> noVectors);
            progress.finish();
            index.compact();
            System.out.printf(Locale.ROOT, "%d papers indexed in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
            return 0;
        }
    }
}
