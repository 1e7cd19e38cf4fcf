package org.paperboy.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A BEIR-format dataset directory ({@code corpus.jsonl[.gz]}, {@code queries.jsonl}, {@code
 * qrels/<split>.tsv}) with one split selected. Loading validates every file, so a dataset that loads
 * is well-formed; only queries judged in the split are kept.
 *
 * <p>Queries and judgments are held in memory. The corpus is not: it is checked once at load and
 * re-read from disk by every {@link #corpus()} stream, so that indexing a 50,000-document corpus does
 * not hold all its text on the heap twice (SciFact's 5,183 documents would fit either way).
 */
public final class BeirDataset {

    /** What a BEIR directory must hold; quoted in the error for a missing file. */
    static final String LAYOUT = "a BEIR directory holds corpus.jsonl (or corpus.jsonl.gz) with _id, title, text;"
            + " queries.jsonl with _id, text; and qrels/<split>.tsv with the header"
            + " 'query-id corpus-id score'";

    private final Path directory;
    private final String name;
    private final String split;
    private final Path corpusFile;
    private final int corpusSize;
    private final List<BeirQuery> queries;
    private final Map<String, Map<String, Integer>> qrels;
    private final int judgments;

    private BeirDataset(
            Path directory,
            String split,
            Path corpusFile,
            int corpusSize,
            List<BeirQuery> queries,
            Map<String, Map<String, Integer>> qrels,
            int judgments) {
        this.directory = directory;
        Path fileName = directory.toAbsolutePath().normalize().getFileName();
        this.name = fileName == null ? directory.toString() : fileName.toString();
        this.split = split;
        this.corpusFile = corpusFile;
        this.corpusSize = corpusSize;
        this.queries = queries;
        this.qrels = qrels;
        this.judgments = judgments;
    }

    /**
     * Loads the dataset in {@code dir} for {@code split} (e.g. {@code test}, {@code train}).
     *
     * @throws DatasetException naming the file (and line) that is missing or malformed
     * @throws IOException when a file cannot be read
     */
    public static BeirDataset load(Path dir, String split) throws IOException {
        if (split.isBlank() || split.contains("/") || split.contains("\\") || split.startsWith(".")) {
            throw new IllegalArgumentException("split '" + split + "' is not a split name such as 'test' or 'train'");
        }
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(dir, "not a directory; " + LAYOUT);
        }
        Path qrelsFile = dir.resolve("qrels").resolve(split + ".tsv");
        if (!Files.isRegularFile(qrelsFile)) {
            throw new DatasetException(qrelsFile, "no such file; " + availableSplits(dir) + LAYOUT);
        }
        Path queriesFile = required(dir, "queries.jsonl");
        Path corpusFile = Files.isRegularFile(dir.resolve("corpus.jsonl"))
                ? dir.resolve("corpus.jsonl")
                : required(dir, "corpus.jsonl.gz");

        Qrels judged = readQrels(qrelsFile);
        List<BeirQuery> queries = readQueries(queriesFile, judged.byQuery().keySet());
        Set<String> found = new HashSet<>();
        queries.forEach(q -> found.add(q.id()));
        for (String queryId : judged.byQuery().keySet()) {
            if (!found.contains(queryId)) {
                throw new DatasetException(
                        qrelsFile,
                        judged.firstLine().get(queryId),
                        "query-id '" + queryId + "' is not in " + queriesFile.getFileName());
            }
        }
        int corpusSize = checkCorpus(corpusFile);
        return new BeirDataset(dir, split, corpusFile, corpusSize, queries, judged.byQuery(), judged.count());
    }

    /** The dataset's name: its directory's name, e.g. {@code scifact}. */
    public String name() {
        return name;
    }

    public String split() {
        return split;
    }

    public Path directory() {
        return directory;
    }

    /** The queries that have judgments in this split, in {@code queries.jsonl} order. */
    public List<BeirQuery> queries() {
        return queries;
    }

    /**
     * The split's judgments: query id to (document id to graded relevance), in file order. A grade of
     * 0 or less means judged non-relevant.
     */
    public Map<String, Map<String, Integer>> qrels() {
        return qrels;
    }

    /** The number of judgment lines in the split's qrels file. */
    public int judgments() {
        return judgments;
    }

    /** The number of documents in the corpus. */
    public int corpusSize() {
        return corpusSize;
    }

    /**
     * The corpus in file order, read lazily from disk. Close the stream (try-with-resources) as with
     * {@link Files#lines}; read errors surface as {@link UncheckedIOException}.
     */
    public Stream<BeirDoc> corpus() {
        LineFile file;
        try {
            file = LineFile.open(corpusFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Iterator<BeirDoc> docs = new Iterator<>() {
            private BeirDoc next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = nextDoc(file);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return next != null;
            }

            @Override
            public BeirDoc next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                BeirDoc doc = next;
                next = null;
                return doc;
            }
        };
        return StreamSupport.stream(
                        Spliterators.spliterator(docs, corpusSize, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> {
                    try {
                        file.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    @Override
    public String toString() {
        return name + "/" + split + ": " + queries.size() + " queries, " + judgments + " judgments, " + corpusSize
                + " documents";
    }

    private static Path required(Path dir, String file) throws DatasetException {
        Path path = dir.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new DatasetException(path, "no such file; " + LAYOUT);
        }
        return path;
    }

    private static String availableSplits(Path dir) throws IOException {
        Path qrelsDir = dir.resolve("qrels");
        if (!Files.isDirectory(qrelsDir)) {
            return "";
        }
        Set<String> splits = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(qrelsDir, "*.tsv")) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                splits.add(n.substring(0, n.length() - ".tsv".length()));
            }
        }
        return splits.isEmpty() ? "" : "splits here: " + String.join(", ", splits) + "; ";
    }

    private record Qrels(Map<String, Map<String, Integer>> byQuery, Map<String, Long> firstLine, int count) {}

    private static Qrels readQrels(Path path) throws IOException {
        Map<String, Map<String, Integer>> byQuery = new LinkedHashMap<>();
        Map<String, Long> firstLine = new LinkedHashMap<>();
        int count = 0;
        try (LineFile file = LineFile.open(path)) {
            String line;
            while ((line = file.nextLine()) != null) {
                if (line.isBlank() || (file.lineNumber() == 1 && line.startsWith("query-id"))) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length != 3) {
                    throw file.error(
                            "expected 3 tab-separated fields (query-id, corpus-id, score), found " + fields.length);
                }
                String queryId = fields[0].strip();
                String docId = fields[1].strip();
                file.checkId("query-id", queryId);
                file.checkId("corpus-id", docId);
                int score;
                try {
                    score = Integer.parseInt(fields[2].strip());
                } catch (NumberFormatException e) {
                    throw file.error("score '" + fields[2] + "' is not an integer");
                }
                Map<String, Integer> judged = byQuery.computeIfAbsent(queryId, q -> new LinkedHashMap<>());
                firstLine.putIfAbsent(queryId, file.lineNumber());
                Integer previous = judged.putIfAbsent(docId, score);
                if (previous == null) {
                    count++;
                } else if (previous != score) {
                    throw file.error("query-id '" + queryId + "' corpus-id '" + docId + "' is judged again with score "
                            + score + " after " + previous);
                }
            }
            if (count == 0) {
                throw new DatasetException(path, "no judgments");
            }
        }
        byQuery.replaceAll((q, judged) -> Collections.unmodifiableMap(judged));
        return new Qrels(Collections.unmodifiableMap(byQuery), firstLine, count);
    }

    private static List<BeirQuery> readQueries(Path path, Set<String> judged) throws IOException {
        List<BeirQuery> queries = new ArrayList<>();
        Map<String, Long> seen = new LinkedHashMap<>();
        try (LineFile file = LineFile.open(path)) {
            JsonNode object;
            while ((object = file.nextObject()) != null) {
                String id = file.id(object, "_id");
                String text = file.text(object, "text", true);
                Long earlier = seen.putIfAbsent(id, file.lineNumber());
                if (earlier != null) {
                    throw file.error("_id '" + id + "' repeats the query on line " + earlier);
                }
                if (judged.contains(id)) {
                    queries.add(new BeirQuery(id, text));
                }
            }
        }
        return List.copyOf(queries);
    }

    private static int checkCorpus(Path path) throws IOException {
        Map<String, Long> seen = new HashMap<>();
        try (LineFile file = LineFile.open(path)) {
            BeirDoc doc;
            while ((doc = nextDoc(file)) != null) {
                Long earlier = seen.putIfAbsent(doc.id(), file.lineNumber());
                if (earlier != null) {
                    throw file.error("_id '" + doc.id() + "' repeats the document on line " + earlier);
                }
            }
        }
        if (seen.isEmpty()) {
            throw new DatasetException(path, "no documents");
        }
        return seen.size();
    }

    /**
     * The next document: {@code _id} and {@code text} are required (a corpus whose text sits under
     * another key would otherwise index as empty), {@code title} may be missing or empty.
     */
    private static BeirDoc nextDoc(LineFile file) throws IOException {
        JsonNode object = file.nextObject();
        if (object == null) {
            return null;
        }
        return new BeirDoc(file.id(object, "_id"), file.text(object, "title", false), file.text(object, "text", true));
    }
}
