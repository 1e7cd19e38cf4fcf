package org.paperboy.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.paperboy.paper.InvalidRecordException;

/**
 * Typed reads of one JSON record's fields: a missing or {@code null} field reads as
 * {@code null}, a field of the wrong type is an {@link InvalidRecordException} naming it.
 */
final class JsonFields {
    private JsonFields() {}

    static JsonNode object(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw wrongType(field, "an object", v);
        }
        return v;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw wrongType(field, "a string", v);
        }
        return v.textValue();
    }

    static int count(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
            throw wrongType(field, "a non-negative integer", v);
        }
        return v.intValue();
    }

    static List<String> strings(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw wrongType(field, "an array of strings", v);
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw wrongType(field, "an array of strings", e);
            }
            out.add(e.textValue());
        }
        return out;
    }

    static JsonNode array(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw wrongType(field, "an array", v);
        }
        return v;
    }

    /** A {@code YYYY-MM-DD} day, or the day of an ISO-8601 timestamp. */
    static LocalDate date(JsonNode node, String field) {
        return date(field, text(node, field));
    }

    static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v);
            }
            return OffsetDateTime.parse(v).toLocalDate();
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException(
                    field, "'" + shorten(v) + "' is not a date (expected YYYY-MM-DD or an " + "ISO-8601 timestamp)");
        }
    }

    static InvalidRecordException wrongType(String field, String expected, JsonNode got) {
        return new InvalidRecordException(field, "expected " + expected + ", got " + kind(got));
    }

    static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "the number " + shorten(n.asText());
            case BOOLEAN -> "the boolean " + n.asText();
            case NULL -> "null";
            default -> n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
