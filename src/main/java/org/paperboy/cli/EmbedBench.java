package org.paperboy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperboy.embed.Embedder;
import org.paperboy.embed.Embedders;
import org.paperboy.embed.EmbeddingException;
import org.paperboy.ingest.PaperFiles;
import org.paperboy.paper.Paper;
import org.paperboy.search.IndexService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code paperboy bench embed}: the same papers embedded by every available embedder in one run,
 * so their speeds compare on one machine at one time. The student is measured when a model file
 * exists and skipped with one line on stderr when none does.
 */
@Command(
        name = "embed",
        mixinStandardHelpOptions = true,
        description = {
            "Embed the same papers (title and abstract, as the index does; default the first 1,000 of the store",
            "of --data in id order, or those of FILEs in any import format) with minilm, bge-small and the",
            "student (DATA/student.model or --student FILE, when there is one). Prints one JSON line each:",
            "{\"bench\":\"embed\",\"embedder\":E,\"docs\":..,\"seconds\":..,\"docs_per_s\":..,\"ratio_to_minilm\":..,",
            "\"query_ms\":..}. Model loading and a warm-up batch are not timed; query_ms is the mean time of one",
            "query (a title) embedded alone."
        })
final class EmbedBench implements Callable<Integer> {

    @CommandLine.ParentCommand
    BenchCommand bench;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Paper files to embed instead of the store.")
    List<Path> files = new ArrayList<>();

    @Option(
            names = "--docs",
            defaultValue = "1000",
            paramLabel = "N",
            description = "How many papers (default ${DEFAULT-VALUE}).")
    int docs;

    @Option(names = "--queries", defaultValue = "200", paramLabel = "N", description = "Single queries timed.")
    int queries;

    @Option(names = "--student", paramLabel = "FILE", description = "The student model (default DATA/student.model).")
    Path student;

    @Override
    public Integer call() throws Exception {
        if (docs < 1 || queries < 1) {
            throw new CommandLine.ParameterException(
                    bench.spec.commandLine(), "--docs and --queries must be at least 1");
        }
        Services services = new Services(bench.main.config(Map.of()));
        List<Paper> papers;
        Path dataDir;
        try (services) {
            dataDir = services.config().dataDir();
            papers = files.isEmpty()
                    ? services.papers().first(docs)
                    : PaperFiles.read(files).papers().stream().limit(docs).toList();
        }
        if (papers.isEmpty()) {
            throw new IllegalArgumentException(
                    files.isEmpty()
                            ? "the store of " + dataDir.toAbsolutePath() + " has no papers; import some or "
                                    + "give paper FILEs"
                            : "the FILEs hold no papers");
        }
        List<String> texts = papers.stream().map(IndexService::embeddingText).toList();
        List<String> titles = papers.stream().map(Paper::title).limit(queries).toList();
        Path studentFile = student != null ? student : Embedders.studentModel(dataDir);

        double minilmRate = Double.NaN;
        int failures = 0;
        for (String name : Embedders.NAMES) {
            boolean isStudent = name.equals(Embedders.STUDENT);
            if (isStudent && !Files.isRegularFile(studentFile)) {
                System.err.println("bench embed: no student model at " + studentFile.toAbsolutePath()
                        + "; student skipped (run paperboy train-embedder, or give --student FILE)");
                continue;
            }
            Embedder embedder;
            try {
                embedder = isStudent ? Embedders.student(studentFile) : Embedders.create(name, dataDir);
            } catch (EmbeddingException e) {
                System.err.println("bench embed: " + name + " failed: " + e.getMessage());
                failures++;
                continue;
            }
            try (embedder) {
                ObjectNode line = measure(name, embedder, texts, titles, minilmRate);
                if (name.equals(Embedders.MINILM)) {
                    minilmRate = line.path("docs_per_s").asDouble();
                }
                System.out.println(line);
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private static ObjectNode measure(
            String name, Embedder embedder, List<String> texts, List<String> titles, double minilmRate) {
        embedder.embedPassages(texts.subList(0, Math.min(32, texts.size()))); // warm-up, not timed
        long t0 = System.nanoTime();
        embedder.embedPassages(texts);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long q0 = System.nanoTime();
        for (String title : titles) {
            embedder.embedQuery(title);
        }
        double queryMs = (System.nanoTime() - q0) / 1e6 / titles.size();
        double rate = texts.size() / seconds;
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("bench", "embed");
        o.put("embedder", name);
        o.put("model", embedder.modelId());
        o.put("docs", texts.size());
        o.put("seconds", Math.round(seconds * 100) / 100.0);
        o.put("docs_per_s", Math.round(rate * 10) / 10.0);
        double base = name.equals(Embedders.MINILM) ? rate : minilmRate;
        if (!Double.isNaN(base)) {
            o.put("ratio_to_minilm", Math.round(rate / base * 100) / 100.0);
        }
        o.put("query_ms", Math.round(queryMs * 1000) / 1000.0);
        o.put("cores", Runtime.getRuntime().availableProcessors());
        return o;
    }
}
