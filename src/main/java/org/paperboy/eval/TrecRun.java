package org.paperboy.eval;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Run files in the TREC format read by trec_eval: one line {@code qid Q0 docid rank score tag} per
 * retrieved document. Ids and the tag must not contain whitespace, which separates the columns.
 */
public final class TrecRun {

    private TrecRun() {}

    /**
     * Writes {@code results} to {@code file}, replacing it atomically (written to a temporary file in
     * the same directory, then moved). Queries are written in id order and each query's documents in
     * trec_eval's order (score descending, then id descending) with ranks from 1, so that the rank
     * column agrees with how trec_eval reads the file. Scores are written in the shortest decimal form
     * that reads back as the same double.
     */
    public static void write(Path file, String runTag, Map<String, List<ScoredDoc>> results) throws IOException {
        requireToken("run tag", runTag);
        Path target = file.toAbsolutePath();
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                for (var query : new TreeMap<>(results).entrySet()) {
                    String queryId = query.getKey();
                    requireToken("query id", queryId);
                    List<ScoredDoc> docs = new ArrayList<>(query.getValue());
                    docs.sort(Metrics.TREC_ORDER);
                    int rank = 0;
                    for (ScoredDoc doc : docs) {
                        requireToken("document id", doc.id());
                        out.write(queryId + " Q0 " + doc.id() + " " + ++rank + " " + score(doc.score()) + " " + runTag);
                        out.write('\n');
                    }
                }
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Reads a run file: query id to its documents in file order, queries in order of first appearance.
     * The rank and tag columns are checked for form but otherwise ignored, as trec_eval does.
     *
     * @throws DatasetException naming the file and line of a malformed line
     */
    public static Map<String, List<ScoredDoc>> read(Path file) throws IOException {
        Map<String, List<ScoredDoc>> results = new LinkedHashMap<>();
        try (LineFile in = LineFile.open(file)) {
            String line;
            while ((line = in.nextLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] columns = line.strip().split("\\s+");
                if (columns.length != 6) {
                    throw in.error("expected 6 columns 'qid Q0 docid rank score tag', found " + columns.length);
                }
                double score;
                try {
                    Integer.parseInt(columns[3]);
                    score = Double.parseDouble(columns[4]);
                } catch (NumberFormatException e) {
                    throw in.error("rank '" + columns[3] + "' or score '" + columns[4] + "' is not a number");
                }
                if (!Double.isFinite(score)) {
                    throw in.error("score '" + columns[4] + "' is not a finite number");
                }
                results.computeIfAbsent(columns[0], q -> new ArrayList<>()).add(new ScoredDoc(columns[2], score));
            }
        }
        results.replaceAll((q, docs) -> List.copyOf(docs));
        return Collections.unmodifiableMap(results);
    }

    private static String score(double score) {
        return BigDecimal.valueOf(score).toPlainString();
    }

    private static void requireToken(String what, String value) {
        if (value.isEmpty() || value.codePoints().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(what + " '" + value + "' is empty or contains whitespace");
        }
    }
}
