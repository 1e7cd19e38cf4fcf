package org.paperboy.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A file of judged queries, one JSON object a line:
 * {@code {"query":..,"category":..,"from":"YYYY-MM-DD","to":"YYYY-MM-DD","relevant":[ids],"not_relevant":[ids]}}
 * ({@code category} may be absent). Ids and labels only, never paper text. A malformed line is a
 * {@link DatasetException} naming the file, the line and the field.
 */
public record JudgedSet(Path file, List<JudgedQuery> queries) {

    public JudgedSet {
        queries = List.copyOf(queries);
    }

    /** Reads {@code file}. */
    public static JudgedSet load(Path file) throws IOException {
        List<JudgedQuery> queries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (LineFile lines = LineFile.open(file)) {
            for (JsonNode o = lines.nextObject(); o != null; o = lines.nextObject()) {
                long line = lines.lineNumber();
                String query = text(file, line, o, "query", true);
                String category = text(file, line, o, "category", false);
                LocalDate from = day(file, line, o, "from");
                LocalDate to = day(file, line, o, "to");
                if (to.isBefore(from)) {
                    throw new DatasetException(file, line, "to: " + to + " is before from: " + from);
                }
                Set<String> relevant = ids(file, line, o, "relevant");
                Set<String> notRelevant = ids(file, line, o, "not_relevant");
                for (String id : relevant) {
                    if (notRelevant.contains(id)) {
                        throw new DatasetException(file, line, "'" + id + "' is both relevant and not_relevant");
                    }
                }
                if (!seen.add(query + "\u0000" + category + "\u0000" + from + "\u0000" + to)) {
                    throw new DatasetException(file, line, "query: '" + query + "' is judged twice for the same days");
                }
                queries.add(new JudgedQuery(query, category, from, to, relevant, notRelevant));
            }
        }
        if (queries.isEmpty()) {
            throw new DatasetException(file, "holds no judged query");
        }
        return new JudgedSet(file, queries);
    }

    private static String text(Path file, long line, JsonNode o, String field, boolean required)
            throws DatasetException {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new DatasetException(file, line, field + ": missing");
            }
            return null;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new DatasetException(file, line, field + ": expected a non-empty string, got " + n);
        }
        return n.asText().strip();
    }

    private static LocalDate day(Path file, long line, JsonNode o, String field) throws DatasetException {
        String v = text(file, line, o, field, true);
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new DatasetException(file, line, field + ": '" + v + "' is not a day YYYY-MM-DD");
        }
    }

    private static Set<String> ids(Path file, long line, JsonNode o, String field) throws DatasetException {
        JsonNode n = o.get(field);
        Set<String> out = new LinkedHashSet<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw new DatasetException(file, line, field + ": expected an array of paper ids, got " + n);
        }
        for (JsonNode id : n) {
            if (!id.isTextual() || id.asText().isBlank()) {
                throw new DatasetException(file, line, field + ": expected paper ids as strings, got " + id);
            }
            out.add(id.asText().strip());
        }
        return out;
    }
}
