package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperboy.paper.Paper;
import org.paperboy.store.Database;
import org.paperboy.store.ImportRunRepository;
import org.paperboy.store.PaperRepository;
import org.paperboy.store.RejectRepository;
import org.paperboy.store.TestPostgres;

/**
 * Feeds the importer thousands of randomly mutated records ({@link FuzzRecords}) and checks its
 * promises: no exception escapes, every record ends in exactly one outcome, and no good record is
 * lost. The seed is printed; rerun a failure with {@code -Dfuzz.seed=N}. Mutated records use ids
 * of another month (2412) than good ones (2501), so a mutation cannot overwrite a good record.
 */
class ImportFuzzIT {

    private static final long DEFAULT_SEED = 20_260_331L;
    private static final int RECORDS = 12_000;
    private static final double MUTATED_SHARE = 0.4;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-31T12:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private long seed;
    private FuzzRecords records;
    private Random random;
    private TestPostgres postgres;
    private Database db;
    private PaperRepository papers;
    private RejectRepository rejects;
    private Importer importer;

    @BeforeEach
    void seed() {
        seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        System.out.println("ImportFuzzIT seed=" + seed + " (rerun with -Dfuzz.seed=" + seed + ")");
        random = new Random(seed);
        records = new FuzzRecords(random);
    }

    private void open(Database.Dialect dialect) {
        if (dialect == Database.Dialect.POSTGRESQL) {
            postgres = TestPostgres.start();
            db = Database.open(postgres.jdbcUrl());
        } else {
            db = Database.open("jdbc:sqlite:" + dir.resolve("fuzz.db"));
        }
        papers = new PaperRepository(db, CLOCK);
        rejects = new RejectRepository(db, CLOCK);
        importer = new Importer(db, papers, rejects, new ImportRunRepository(db, CLOCK), dir.resolve("rejects"));
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Database.Dialect.class)
    void keeps_every_good_json_lines_record_and_gives_each_line_one_outcome(Database.Dialect dialect)
            throws IOException {
        open(dialect);
        Map<String, String> goodTitles = new HashMap<>();
        List<byte[]> mutated = new ArrayList<>();
        List<byte[]> lines = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            // The first line stays good: the file's first byte decides between JSON Lines and a
            // JSON array, so a first line starting with '[' would make the whole file an array.
            if (i > 0 && random.nextDouble() < MUTATED_SHARE) {
                byte[] line = records.mutateLine(records.listing(FuzzRecords.id("2412", i)));
                mutated.add(line);
                lines.add(line);
            } else {
                ObjectNode record = records.listing(FuzzRecords.id("2501", i));
                goodTitles.put(
                        record.get("id").textValue(),
                        Paper.normalizeWhitespace(record.get("title").textValue()));
                lines.add(JSON.writeValueAsBytes(record));
            }
        }
        records.swapSomeMutatedLines(lines, mutated);
        byte[] content = joinLines(lines);
        Path plain = dir.resolve("listing.jsonl");
        Files.write(plain, content);
        Path gzip = dir.resolve("listing.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write(content);
        }
        Map<Long, byte[]> expected = nonBlankLines(content);
        System.out.println("ImportFuzzIT: " + lines.size() + " records, " + mutated.size() + " mutated, "
                + expected.size() + " non-blank lines");

        Importer.Run first = importer.importFiles(List.of(plain), null, ImportListener.NONE);

        ImportReport report = first.report();
        assertThat(report.failures()).as("seed %d", seed).isEmpty();
        assertThat(report.records())
                .as("one outcome per non-blank line, seed %d", seed)
                .isEqualTo(expected.size());
        assertThat(report.rejected()).as("seed %d", seed).isPositive();
        assertRejectsAreTheirLines(first, plain, expected, report.rejected());
        Map<String, String> stored = storedTitles();
        assertThat(stored).as("seed %d", seed).hasSize((int) report.imported());
        assertGoodRecordsStored(goodTitles, stored);

        Importer.Run again = importer.importFiles(List.of(gzip), null, ImportListener.NONE);

        assertThat(again.report().failures()).as("seed %d", seed).isEmpty();
        assertThat(again.report().summary())
                .as("importing the same records again changes nothing, seed %d", seed)
                .isEqualTo("imported=0 updated=0 unchanged=" + (expected.size() - report.rejected()) + " rejected="
                        + report.rejected());
        assertRejectsAreTheirLines(again, gzip, expected, report.rejected());
        assertThat(storedTitles()).isEqualTo(stored);
    }

    @Test
    void keeps_every_good_element_of_a_json_array_and_gives_each_one_outcome() throws IOException {
        open(Database.Dialect.SQLITE);
        Map<String, String> goodTitles = new HashMap<>();
        Set<JsonNode> goodItems = new HashSet<>();
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        int mutated = 0;
        for (int i = 0; i < RECORDS; i++) {
            if (random.nextDouble() < MUTATED_SHARE) {
                items.add(records.mutateElement(records.hfItem(FuzzRecords.id("2412", i))));
                mutated++;
            } else {
                ObjectNode item = records.hfItem(FuzzRecords.id("2501", i));
                goodTitles.put(
                        item.get("paper").get("id").textValue(),
                        Paper.normalizeWhitespace(item.get("title").textValue()));
                goodItems.add(item);
                items.add(item);
            }
        }
        Path file = dir.resolve("daily.json");
        JSON.writeValue(file.toFile(), items);
        System.out.println("ImportFuzzIT: " + items.size() + " array elements, " + mutated + " mutated");

        Importer.Run run = importer.importFiles(List.of(file), ImportFormat.HF_DAILY, ImportListener.NONE);

        ImportReport report = run.report();
        assertThat(report.failures()).as("seed %d", seed).isEmpty();
        assertThat(report.records())
                .as("one outcome per element, seed %d", seed)
                .isEqualTo(items.size());
        assertThat(report.rejected()).as("seed %d", seed).isPositive();
        List<RejectRepository.Stored> stored = rejects.ofRun(run.id());
        assertThat(stored).as("seed %d", seed).hasSize((int) report.rejected());
        for (RejectRepository.Stored s : stored) {
            assertThat(s.reject().reason()).as("seed %d", seed).isNotBlank().hasSizeLessThan(1000);
            assertThat(JSON.readTree(s.reject().raw()))
                    .as("a rejected element was mutated, seed %d", seed)
                    .isNotIn(goodItems);
        }
        assertGoodRecordsStored(goodTitles, storedTitles());
    }

    private Map<String, String> storedTitles() {
        Map<String, String> titles = new HashMap<>();
        papers.forEach(p -> titles.put(p.id(), p.title()));
        return titles;
    }

    private void assertGoodRecordsStored(Map<String, String> goodTitles, Map<String, String> stored) {
        for (Map.Entry<String, String> good : goodTitles.entrySet()) {
            assertThat(stored.get(good.getKey()))
                    .as("title of good record %s, seed %d", good.getKey(), seed)
                    .isEqualTo(good.getValue());
        }
    }

    /** Each stored reject is one non-blank line, rejected once, with a reason and that line's bytes. */
    private void assertRejectsAreTheirLines(Importer.Run run, Path file, Map<Long, byte[]> lines, long rejected)
            throws IOException {
        List<RejectRepository.Stored> stored = rejects.ofRun(run.id());
        assertThat(stored).as("rejects rows, seed %d", seed).hasSize((int) rejected);
        Set<Long> seen = new HashSet<>();
        for (RejectRepository.Stored s : stored) {
            long line = s.reject().line();
            assertThat(seen.add(line))
                    .as("line %d rejected twice, seed %d", line, seed)
                    .isTrue();
            assertThat(s.reject().source()).isEqualTo(file.toString());
            assertThat(s.reject().format()).isEqualTo("arxiv-listing");
            assertThat(s.reject().reason())
                    .as("reason of line %d, seed %d", line, seed)
                    .isNotBlank()
                    .hasSizeLessThan(1000);
            assertThat(lines)
                    .as("line %d is a non-blank line, seed %d", line, seed)
                    .containsKey(line);
            assertThat(s.reject().raw())
                    .as("raw bytes of line %d, seed %d", line, seed)
                    .isEqualTo(lines.get(line));
            assertThat(new String(s.reject().raw(), StandardCharsets.ISO_8859_1))
                    .as("line %d is not a good record, seed %d", line, seed)
                    .doesNotContain("\"id\":\"2501.");
        }
        assertThat(Files.readAllLines(run.rejectsFile()))
                .as("rejects file, seed %d", seed)
                .hasSize((int) rejected);
    }

    /**
     * The lines the reader sees, by 1-based line number, as it keeps them: a byte order mark on the
     * first line and a trailing CR dropped, blank lines left out, over-long lines cut to 1 MB.
     */
    private static Map<Long, byte[]> nonBlankLines(byte[] file) {
        Map<Long, byte[]> out = new HashMap<>();
        long number = 0;
        int start = 0;
        while (start < file.length) {
            int end = start;
            while (end < file.length && file[end] != '\n') {
                end++;
            }
            number++;
            byte[] line = Arrays.copyOfRange(file, start, end);
            start = end + 1;
            if (line.length > JsonLinesReader.MAX_LINE_BYTES) {
                out.put(number, Arrays.copyOf(line, 1024 * 1024));
                continue;
            }
            int from = number == 1
                            && line.length >= 3
                            && (line[0] & 0xff) == 0xEF
                            && (line[1] & 0xff) == 0xBB
                            && (line[2] & 0xff) == 0xBF
                    ? 3
                    : 0;
            int to = line.length > from && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
            boolean blank = true;
            for (int i = from; i < to; i++) {
                if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r') {
                    blank = false;
                    break;
                }
            }
            if (!blank) {
                out.put(number, Arrays.copyOfRange(line, from, to));
            }
        }
        return out;
    }

    /** The lines joined with '\n', the last one without. */
    private static byte[] joinLines(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                out.write('\n');
            }
            out.writeBytes(lines.get(i));
        }
        return out.toByteArray();
    }
}
