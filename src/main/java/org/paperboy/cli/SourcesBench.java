package org.paperboy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.sources.HfDailySource;
import org.paperboy.sources.SourceCatalog;
import org.paperboy.sources.SourceRunner;
import org.paperboy.store.SourceStateRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code paperboy bench sources}: a local stand-in for Hugging Face's daily papers built at run time
 * from arXiv listing files (each listed day becomes a day of items, upvotes made up), a backfill of
 * the last N days into a fresh store, then one steady-state run (the hourly re-read of 3 days).
 */
@Command(
        name = "sources",
        mixinStandardHelpOptions = true,
        description = {
            "Backfill N days from a local fake Hugging Face daily-papers API built from arXiv listing files",
            "(fresh SQLite store in a temporary directory), then one steady-state hourly run. Prints one JSON",
            "line: papers, seconds and papers/s of the backfill, wall and CPU seconds of the steady run."
        })
final class SourcesBench implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "arXiv listing files (JSONL, .gz).")
    List<Path> files;

    @Option(names = "--days", defaultValue = "30", description = "Days to backfill (default ${DEFAULT-VALUE}).")
    int days;

    @Override
    public Integer call() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<LocalDate, ArrayNode> byDay = new HashMap<>();
        LocalDate last = null;
        for (Path f : files) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    f.toString().endsWith(".gz")
                            ? new GZIPInputStream(Files.newInputStream(f))
                            : Files.newInputStream(f),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    JsonNode rec = json.readTree(line);
                    LocalDate day = LocalDate.parse(rec.path("listed_on").asText());
                    byDay.computeIfAbsent(day, d -> json.createArrayNode()).add(item(json, rec, day));
                    last = last == null || day.isAfter(last) ? day : last;
                }
            }
        }
        if (last == null) {
            throw new IllegalArgumentException("no records in the files given");
        }
        Map<LocalDate, byte[][]> pages = new HashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        server.createContext("/api/daily_papers", exchange -> {
            Map<String, String> q = new HashMap<>();
            for (String part : exchange.getRequestURI().getRawQuery().split("&")) {
                String[] kv = part.split("=", 2);
                q.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
            ArrayNode all = byDay.getOrDefault(LocalDate.parse(q.get("date")), json.createArrayNode());
            int p = Integer.parseInt(q.getOrDefault("p", "0"));
            int limit = Integer.parseInt(q.getOrDefault("limit", "50"));
            ArrayNode slice = json.createArrayNode();
            for (int i = p * limit; i < Math.min(all.size(), (p + 1) * limit); i++) {
                slice.add(all.get(i));
            }
            byte[] body = json.writeValueAsBytes(slice);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        Path dir = Files.createTempDirectory("paperboy-bench-sources");
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            Map<String, String> flags = new HashMap<>();
            flags.put(PaperboyConfig.DATA, dir.toString());
            flags.put(PaperboyConfig.SOURCES, "none");
            flags.put(PaperboyConfig.SOURCES_BACKFILL_DAYS, Integer.toString(days - 1));
            PaperboyConfig config = PaperboyConfig.load(flags, Map.of());
            Instant noon = last.atTime(12, 0).toInstant(ZoneOffset.UTC);
            try (Services s = new Services(config)) {
                HfDailySource source = new HfDailySource(
                        endpoint, Duration.ofHours(1), SourceCatalog.client(s.http(), Clock.systemUTC()));
                long t0 = System.nanoTime();
                SourceStateRepository.Run backfill = ran(s.sourceRunner(Clock.fixed(noon, ZoneOffset.UTC), () -> {})
                        .run(source, SourceRunner.Cause.CLI, true, null, null, () -> false));
                double seconds = (System.nanoTime() - t0) / 1e9;
                var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                long cpu0 = os.getProcessCpuTime();
                long t1 = System.nanoTime();
                SourceStateRepository.Run steady =
                        ran(s.sourceRunner(Clock.fixed(noon.plus(Duration.ofHours(1)), ZoneOffset.UTC), () -> {})
                                .run(source, SourceRunner.Cause.CLI, true, null, null, () -> false));
                double steadyWall = (System.nanoTime() - t1) / 1e9;
                double steadyCpu = (os.getProcessCpuTime() - cpu0) / 1e9;
                System.out.printf(
                        Locale.ROOT,
                        "{\"days\":%d,\"papers\":%d,\"seconds\":%.2f,\"papersPerSecond\":%.0f,\"steadyDays\":%d,"
                                + "\"steadyItems\":%d,\"steadyWallSeconds\":%.3f,\"steadyCpuSeconds\":%.3f}%n",
                        backfill.daysDone(),
                        backfill.imported(),
                        seconds,
                        backfill.imported() / seconds,
                        steady.daysDone(),
                        steady.imported() + steady.updated() + steady.unchanged(),
                        steadyWall,
                        steadyCpu);
            }
        } finally {
            server.stop(0);
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    private static SourceStateRepository.Run ran(SourceRunner.Outcome o) {
        if (o instanceof SourceRunner.Outcome.Ran r && r.run().error() == null) {
            return r.run();
        }
        throw new IllegalStateException("the run failed: " + o);
    }

    /** One listing record as a Hugging Face daily item, with made-up upvotes and comments. */
    private static ObjectNode item(ObjectMapper json, JsonNode rec, LocalDate day) {
        ObjectNode paper = json.createObjectNode();
        String id = rec.path("id").asText();
        paper.put("id", id);
        ArrayNode authors = paper.putArray("authors");
        List<String> names = new ArrayList<>();
        rec.path("authors").forEach(a -> names.add(a.asText()));
        names.forEach(n -> authors.addObject().put("name", n));
        paper.put("publishedAt", day + "T00:00:00.000Z");
        paper.put("submittedOnDailyAt", day + "T06:00:00.000Z");
        paper.put("title", rec.path("title").asText());
        paper.put("summary", rec.path("summary").asText());
        int upvotes = Math.floorMod(id.hashCode(), 97);
        paper.put("upvotes", upvotes);
        ObjectNode item = json.createObjectNode();
        item.set("paper", paper);
        item.put("publishedAt", day + "T06:00:00.000Z");
        item.put("title", rec.path("title").asText());
        item.put("thumbnail", "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/" + id + ".png");
        item.put("numComments", upvotes % 5);
        return item;
    }
}
