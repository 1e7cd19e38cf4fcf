package org.paperboy.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.paperboy.paper.ArxivId;
import org.paperboy.search.Filters;
import org.paperboy.search.SearchResults;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code paperboy similar}: the papers nearest to one paper by meaning. */
@Command(
        name = "similar",
        mixinStandardHelpOptions = true,
        description = "Papers nearest to paper ID by meaning (kNN on its vector; the paper itself excluded).")
final class SimilarCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(
            paramLabel = "ID",
            description = "A paper id (arXiv ids in any spelling: 2603.28800v2, arXiv:..., a URL).")
    String id;

    @Option(names = "--limit", defaultValue = "10", paramLabel = "N", description = "How many (default 10).")
    int limit;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (limit < 1 || limit > 1000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be 1..1000, got " + limit);
        }
        String key = ArxivId.isValid(id) ? ArxivId.parse(id).id() : id.strip();
        try (Services s = new Services(main.config(Map.of()))) {
            if (s.papers().find(key).isEmpty()) {
                System.err.println("paperboy: no paper with id '" + id + "'");
                return 1;
            }
            SearchResults results = s.searcher().similar(key, limit, Filters.NONE);
            SearchCommand.print(System.out, results, 0, json);
            return 0;
        }
    }
}
