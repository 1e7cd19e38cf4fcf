package org.paperboy.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.InvalidRecordException;
import org.paperboy.paper.Links;
import org.paperboy.paper.Paper;

/**
 * arXiv's bulk metadata snapshot (one JSON object per line: id, authors_parsed, title,
 * categories, abstract, versions, update_date ...). The latest version is the highest in
 * {@code versions}; the paper's listed day is the day of its first version.
 */
final class ArxivSnapshotFormat {
    private ArxivSnapshotFormat() {}

    static Paper map(JsonNode r) {
        ArxivId id = ArxivId.parse(JsonFields.text(r, "id"));
        int version = id.version();
        LocalDate published = null;
        JsonNode versions = JsonFields.array(r, "versions");
        if (versions != null) {
            for (JsonNode v : versions) {
                if (!v.isObject()) {
                    throw JsonFields.wrongType("versions", "an array of objects", v);
                }
                String name = JsonFields.text(v, "version");
                if (name != null) {
                    if (!name.matches("v[1-9][0-9]{0,3}")) {
                        throw new InvalidRecordException(
                                "versions", "'" + JsonFields.shorten(name) + "' is not a version such as v1");
                    }
                    version = Math.max(version, Integer.parseInt(name.substring(1)));
                }
                LocalDate created = rfc1123("versions.created", JsonFields.text(v, "created"));
                if (created != null && (published == null || created.isBefore(published))) {
                    published = created;
                }
            }
        }
        String categories = JsonFields.text(r, "categories");
        return Paper.builder(id.id())
                .version(version)
                .title(JsonFields.text(r, "title"))
                .abstractText(JsonFields.text(r, "abstract"))
                .authorNames(authors(r))
                .categories(
                        categories == null || categories.isBlank()
                                ? List.of()
                                : Arrays.asList(categories.strip().split("\\s+")))
                .published(published)
                .updated(JsonFields.date(r, "update_date"))
                .listedOn(published)
                .links(new Links(id.absUrl(), id.pdfUrl(), null, null))
                .comment(JsonFields.text(r, "comments"))
                .journalRef(JsonFields.text(r, "journal-ref"))
                .doi(JsonFields.text(r, "doi"))
                .license(JsonFields.text(r, "license"))
                .build();
    }

    /** Names from {@code authors_parsed} ([last, first, suffix]) or else the {@code authors} string. */
    private static List<String> authors(JsonNode r) {
        JsonNode parsed = JsonFields.array(r, "authors_parsed");
        List<String> names = new ArrayList<>();
        if (parsed != null && !parsed.isEmpty()) {
            for (JsonNode a : parsed) {
                if (!a.isArray()) {
                    throw JsonFields.wrongType("authors_parsed", "an array of [last, first, suffix] arrays", a);
                }
                String last = part(a, 0);
                String first = part(a, 1);
                String suffix = part(a, 2);
                String name = String.join(
                        " ",
                        java.util.stream.Stream.of(first, last, suffix)
                                .filter(s -> !s.isBlank())
                                .toList());
                if (!name.isBlank()) {
                    names.add(name);
                }
            }
            return names;
        }
        String text = JsonFields.text(r, "authors");
        if (text == null || text.isBlank()) {
            return names;
        }
        for (String part : text.split(",|\\band\\b")) {
            if (!part.isBlank()) {
                names.add(part);
            }
        }
        return names;
    }

    private static String part(JsonNode a, int i) {
        if (i >= a.size() || a.get(i).isNull()) {
            return "";
        }
        if (!a.get(i).isTextual()) {
            throw JsonFields.wrongType("authors_parsed", "strings", a.get(i));
        }
        return a.get(i).textValue();
    }

    private static LocalDate rfc1123(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toLocalDate();
        } catch (DateTimeParseException e) {
            return JsonFields.date(field, value);
        }
    }
}
