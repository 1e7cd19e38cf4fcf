package org.paperboy.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.paperboy.store.PaperRepository;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code paperboy stats}: what the store holds. */
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description =
                "Show papers, listed days, date range, import runs, rejects, the search index and top categories.")
final class StatsCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    Main main;

    @Option(
            names = "--top",
            defaultValue = "10",
            paramLabel = "N",
            description = "Top categories to list (default 10).")
    int top;

    @Override
    public Integer call() {
        if (top < 0) {
            throw new IllegalArgumentException("--top must be 0 or more, got " + top);
        }
        try (Services s = new Services(main.config(Map.of()))) {
            PaperRepository.Stats st = s.papers().stats(top);
            System.out.println("database:       " + s.database().displayUrl());
            System.out.println("papers:         " + st.papers());
            System.out.println("listed days:    " + st.listedDays());
            System.out.println(
                    "date range:     " + (st.firstDay() == null ? "-" : st.firstDay() + " .. " + st.lastDay()));
            System.out.println("import runs:    " + s.runs().count());
            System.out.println("rejects:        " + s.rejects().countUnresolved() + " unresolved");
            long waiting = s.indexState().countStaleDocuments();
            try {
                var index = s.readIndex();
                System.out.printf(
                        "search index:   %d documents, %d with vectors, %.1f MB on disk, %d papers waiting%n",
                        index.count(), index.countWithVector(), index.sizeOnDisk() / 1e6, waiting);
            } catch (java.io.UncheckedIOException e) {
                System.out.println("search index:   none yet; " + waiting + " papers waiting");
            }
            try {
                s.searchCluster()
                        .ifPresent(c -> System.out.printf(
                                "search cluster: %d live nodes, %d shards, %d/%d replicas active%s%s%n",
                                c.liveNodes().size(),
                                c.shards(),
                                c.activeReplicas(),
                                c.replicas(),
                                c.target().equals(c.collection())
                                        ? ""
                                        : " (alias " + c.collection() + " of " + c.target() + ")",
                                c.healthy() ? "" : "; " + String.join("; ", c.problems())));
            } catch (RuntimeException e) {
                System.out.println("search cluster: does not answer: " + e.getMessage());
            }
            System.out.println("top categories (primary):");
            st.topPrimaryCategories().forEach((c, n) -> System.out.printf("  %-16s %d%n", c, n));
            return 0;
        }
    }
}
