package org.paperboy.digest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.paperboy.embed.Embedder;
import org.paperboy.embed.OnnxEmbedder;
import org.paperboy.eval.BeirDataset;
import org.paperboy.eval.BeirQuery;
import org.paperboy.paper.Paper;
import org.paperboy.search.Filters;
import org.paperboy.search.Hit;
import org.paperboy.search.IndexService;
import org.paperboy.search.IndexedPaper;
import org.paperboy.search.SearchMode;
import org.paperboy.search.SearchRequest;
import org.paperboy.search.VectorEncoding;
import org.paperboy.search.lucene.LucenePaperIndex;
import org.paperboy.search.lucene.LuceneSearcher;

/**
 * How {@link AlertMatcher#MIN_COSINE} was chosen (docs/digest.md): over the hybrid top 10 of each
 * query, as an alert sees its candidates, how precision and recall of "cosine at least t" vary
 * with t, on SciFact's test split (claims, expert judgments) and on a week of arXiv cs listings
 * with short alert queries, judged by hand (src/test/resources/org/paperboy/digest/alert-judgments.tsv:
 * query, paper id, 1 or 0). Candidates not judged yet are printed. Not a test; run by hand:
 *
 * <pre>java -cp target/classes:target/test-classes:$(cat target/cp.txt) --add-modules jdk.incubator.vector \
 *   org.paperboy.digest.AlertThresholdProbe SCIFACT_DIR ARXIV_JSONL_GZ FROM_DAY TO_DAY [JUDGMENTS_TSV]</pre>
 */
public final class AlertThresholdProbe {

    /** Alerts as people write them: a few words naming a topic. */
    static final List<String> ALERTS = List.of(
            "retrieval-augmented generation",
            "vision-language models for robot manipulation",
            "diffusion models for image editing",
            "LLM agents for software engineering",
            "graph neural networks",
            "federated learning with differential privacy",
            "automatic speech recognition",
            "quantization of large language models",
            "code generation benchmarks",
            "autonomous driving perception",
            "reinforcement learning from human feedback",
            "time series forecasting");

    private record Judged(double cosine, boolean relevant) {}

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("alert-probe");
        try (Embedder embedder = OnnxEmbedder.allMiniLmL6V2()) {
            if (!args[0].equals("-")) {
                scifact(work, embedder, Path.of(args[0]));
            }

            LocalDate from = LocalDate.parse(args[2]);
            LocalDate to = LocalDate.parse(args[3]);
            List<Paper> week = arxiv(Path.of(args[1]), from, to);
            Map<String, Paper> byId = new HashMap<>();
            week.forEach(p -> byId.put(p.id(), p));
            Map<String, Boolean> judged = new HashMap<>();
            if (args.length > 4) {
                for (String line : Files.readAllLines(Path.of(args[4]))) {
                    String[] f = line.split("\t");
                    if (f.length >= 3 && !line.startsWith("#")) {
                        judged.put(f[0] + "\t" + f[1], f[2].equals("1"));
                    }
                }
            }
            List<Judged> arx = judge(work.resolve("arxiv"), embedder, week, ALERTS, (query, hit) -> {
                Boolean j = judged.get(query + "\t" + hit.id());
                if (j == null) {
                    Paper p = byId.get(hit.id());
                    String text = p.abstractText();
                    System.out.println("UNJUDGED\t" + query + "\t" + hit.id() + "\t" + p.title() + "\t"
                            + text.substring(0, Math.min(160, text.length())));
                }
                return j != null && j;
            });
            report(
                    "arXiv cs " + from + ".." + to + ", " + week.size() + " papers, " + ALERTS.size()
                            + " alert queries, hand-judged",
                    arx);
        }
    }

    private static void scifact(Path work, Embedder embedder, Path dir) throws Exception {
        BeirDataset scifact = BeirDataset.load(dir, "test");
        List<Paper> docs = new ArrayList<>();
        scifact.corpus()
                .forEach(d -> docs.add(Paper.builder(d.id())
                        .title(d.title().isBlank() ? "(untitled)" : d.title())
                        .abstractText(d.text().isBlank() ? "(empty)" : d.text())
                        .listedOn(LocalDate.of(2020, 1, 1))
                        .build()));
        Map<String, String> claims = new HashMap<>();
        for (BeirQuery q : scifact.queries()) {
            claims.put(q.text(), q.id());
        }
        List<Judged> sci = judge(
                work.resolve("scifact"),
                embedder,
                docs,
                new ArrayList<>(claims.keySet()),
                (query, hit) -> scifact.qrels()
                                .getOrDefault(claims.get(query), Map.of())
                                .getOrDefault(hit.id(), 0)
                        > 0);
        report("SciFact test, " + claims.size() + " claims", sci);
    }

    private interface Judge {
        boolean relevant(String query, Hit hit);
    }

    private static List<Judged> judge(
            Path dir, Embedder embedder, List<Paper> papers, List<String> queries, Judge judge) {
        List<Judged> out = new ArrayList<>();
        try (LucenePaperIndex index = LucenePaperIndex.create(dir, embedder.dimensions(), VectorEncoding.INT8)) {
            for (int i = 0; i < papers.size(); i += 64) {
                List<Paper> batch = papers.subList(i, Math.min(papers.size(), i + 64));
                float[][] v = embedder.embedPassages(
                        batch.stream().map(IndexService::embeddingText).toList());
                List<IndexedPaper> rows = new ArrayList<>();
                for (int j = 0; j < batch.size(); j++) {
                    rows.add(new IndexedPaper(batch.get(j), v[j]));
                }
                index.upsert(rows);
            }
            index.commit(Map.of());
            LuceneSearcher searcher = new LuceneSearcher(index);
            for (String q : queries) {
                float[] vector = embedder.embedQuery(q);
                Map<String, Double> cosine = new HashMap<>();
                searcher.search(new SearchRequest(
                                null, vector, SearchMode.DENSE, null, 0.4, Filters.NONE, 0, 200, true))
                        .hits()
                        .forEach(h -> cosine.put(h.id(), h.score()));
                for (Hit h : searcher.search(
                                new SearchRequest(q, vector, SearchMode.HYBRID, null, 0.4, Filters.NONE, 0, 10, true))
                        .hits()) {
                    out.add(new Judged(cosine.getOrDefault(h.id(), 0.0), judge.relevant(q, h)));
                }
            }
        }
        return out;
    }

    private static void report(String name, List<Judged> judged) {
        long relevant = judged.stream().filter(Judged::relevant).count();
        System.out.printf(
                Locale.ROOT, "%n%s: %d candidates (hybrid top 10), %d relevant%n", name, judged.size(), relevant);
        System.out.println("| min cosine | kept | precision | recall | F1 |");
        System.out.println("|---|---|---|---|---|");
        for (int t = 20; t <= 70; t += 5) {
            double tau = t / 100.0;
            long kept = judged.stream().filter(j -> j.cosine() >= tau).count();
            long hits = judged.stream()
                    .filter(j -> j.cosine() >= tau && j.relevant())
                    .count();
            double p = kept == 0 ? 0 : (double) hits / kept;
            double r = relevant == 0 ? 0 : (double) hits / relevant;
            double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
            System.out.printf(Locale.ROOT, "| %.2f | %d | %.3f | %.3f | %.3f |%n", tau, kept, p, r, f);
        }
    }

    private static List<Paper> arxiv(Path file, LocalDate from, LocalDate to) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Paper> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                JsonNode o = json.readTree(line);
                LocalDate day = LocalDate.parse(o.path("listed_on").asText());
                if (day.isBefore(from) || day.isAfter(to)) {
                    continue;
                }
                List<String> cats = new ArrayList<>();
                o.path("categories").forEach(c -> cats.add(c.asText()));
                out.add(Paper.builder(o.path("id").asText())
                        .title(o.path("title").asText())
                        .abstractText(o.path("summary").asText())
                        .categories(cats)
                        .listedOn(day)
                        .build());
            }
        }
        return out;
    }

    private AlertThresholdProbe() {}
}
