package org.paperboy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperboy.search.Filters;
import org.paperboy.search.Fusion;
import org.paperboy.search.Hit;
import org.paperboy.search.SearchMode;
import org.paperboy.search.SearchRequest;
import org.paperboy.search.SearchResults;
import org.paperboy.web.SearchJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code paperboy search}: ranked papers for a query. */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = {
            "Search the papers by words (bm25), by meaning (dense) or both (hybrid, the default).",
            "Lucene syntax is taken as plain words; queries over 1,000 characters are cut with a notice."
        })
final class SearchCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "QUERY", arity = "1..*", description = "The query (several words are joined).")
    List<String> words;

    @Option(
            names = "--mode",
            defaultValue = "hybrid",
            paramLabel = "MODE",
            description = "bm25, dense or hybrid (default).")
    String mode;

    @Option(names = "--limit", defaultValue = "10", paramLabel = "N", description = "Results per page (default 10).")
    int limit;

    @Option(names = "--offset", defaultValue = "0", paramLabel = "N", description = "Results to skip (default 0).")
    int offset;

    @Option(names = "--category", paramLabel = "C", description = "Only papers in category C (e.g. cs.CL).")
    String category;

    @Option(names = "--primary", description = "With --category: only papers whose primary category is C.")
    boolean primary;

    @Option(names = "--since", paramLabel = "DATE", description = "Listed on or after DATE (YYYY-MM-DD).")
    LocalDate since;

    @Option(names = "--until", paramLabel = "DATE", description = "Listed on or before DATE (YYYY-MM-DD).")
    LocalDate until;

    @Option(names = "--author", paramLabel = "NAME", description = "Only papers by this author.")
    String author;

    @Option(names = "--has-code", description = "Only papers with a code link.")
    boolean hasCode;

    @Option(names = "--fusion", defaultValue = "min-max", paramLabel = "F", description = "min-max (default) or rrf.")
    String fusion;

    @Option(names = "--alpha", paramLabel = "A", description = "Weight of dense in min-max fusion, 0..1.")
    Double alpha;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        String query = String.join(" ", words).strip();
        if (query.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the query is empty");
        }
        SearchMode searchMode = parseMode(spec, mode);
        Fusion fusionMode;
        try {
            fusionMode = Fusion.parse(fusion);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try (Services s = new Services(main.config(Map.of()))) {
            float[] vector = searchMode == SearchMode.BM25 ? null : s.embedder().embedQuery(query);
            Filters filters = Filters.NONE
                    .withCategory(category, primary)
                    .withListedBetween(since, until)
                    .withAuthor(author)
                    .withHasCode(hasCode ? Boolean.TRUE : null);
            SearchRequest request;
            try {
                request = new SearchRequest(
                        query,
                        vector,
                        searchMode,
                        fusionMode,
                        alpha == null ? s.searchAlpha() : alpha,
                        filters,
                        offset,
                        limit,
                        false);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            SearchResults results = s.searcher().search(request);
            print(System.out, results, offset, json);
            return 0;
        }
    }

    static SearchMode parseMode(CommandLine.Model.CommandSpec spec, String mode) {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "bm25" -> SearchMode.BM25;
            case "dense" -> SearchMode.DENSE;
            case "hybrid" -> SearchMode.HYBRID;
            default ->
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--mode: '" + mode + "' is not one of bm25, dense, hybrid");
        };
    }

    /** Prints results as numbered text (marks shown as *word*) or as JSON. */
    static void print(PrintStream out, SearchResults results, int offset, boolean json) throws Exception {
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("total", results.totalHits());
            root.put("totalExact", results.totalHitsExact());
            SearchJson.addHits(root.putArray("hits"), results.hits());
            results.notices().forEach(root.putArray("notices")::add);
            out.println(mapper.writeValueAsString(root));
            return;
        }
        results.notices().forEach(n -> System.err.println("note: " + n));
        if (results.hits().isEmpty()) {
            out.println("no results");
            return;
        }
        int rank = offset;
        for (Hit h : results.hits()) {
            rank++;
            out.printf(Locale.ROOT, "%3d. %-12s %s  (%.4f)%n", rank, h.id(), plain(h.titleHighlighted()), h.score());
            String authors = h.authors().size() > 3
                    ? String.join(", ", h.authors().subList(0, 3)) + " +"
                            + (h.authors().size() - 3)
                    : String.join(", ", h.authors());
            out.printf(
                    "     %s · %s · %s%n",
                    authors, String.join(", ", h.categories()), h.listedOn() == null ? "-" : h.listedOn());
            if (h.snippetHighlighted() != null && !h.snippetHighlighted().isBlank()) {
                out.println("     " + plain(h.snippetHighlighted()));
            }
        }
        out.printf("%s%d results%n", results.totalHitsExact() ? "" : "about ", results.totalHits());
    }

    /** The highlighted HTML as terminal text: marks become *word*, entities are decoded. */
    static String plain(String html) {
        if (html == null) {
            return "";
        }
        return html.replace("<mark>", "*")
                .replace("</mark>", "*")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&#x27;", "'")
                .replace("&amp;", "&");
    }
}
