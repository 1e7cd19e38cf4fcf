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

    @Option(
            names = "--alias",
            paramLabel = "NAME",
            description = {
                "SolrCloud only: build the collection PAPERBOY_SOLR_COLLECTION names, then point the alias NAME",
                "at it (nodes that search NAME switch at once; see docs/deploy.md). Serving nodes stop writing",
                "while it runs and go on searching."
            })
    String alias;

    private void pointAlias(Services s) {
        if (alias != null) {
            String before = s.pointAlias(alias);
            System.err.println("paperboy: alias " + alias + " now names "
                    + s.config().solr().collection()
                    + (before == null ? "" : " (it named " + before + ", which stays until you delete it)"));
        }
    }

    @Override
    public Integer call() {
        try (GracefulStop stop = GracefulStop.install(System.err);
                Services s = new Services(main.config(Map.of()));
                SearchBackend.Hold writers = s.holdIndexWrites(System.err)) {
            if (alias != null && !alias.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException(
                        "--alias " + alias + ": a Solr name is letters, digits, '.', '_' and '-'");
            }
            if (resume) {
                ImportCommand.updateIndex(s, System.err, stop);
                if (stop.requested()) {
                    return 1;
                }
                pointAlias(s);
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
            pointAlias(s);
            System.out.printf(Locale.ROOT, "%d papers indexed in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
            return 0;
        }
    }
}
