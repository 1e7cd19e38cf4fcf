package org.paperboy.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The query parameters of one request, read with every bad one collected: read them all, then
 * {@link #check()} throws one 400 listing each field, the value given and the reason. A missing
 * or blank parameter takes its default.
 */
final class QueryParams {

    private final Context ctx;
    private final List<HttpError.FieldError> errors = new ArrayList<>();

    QueryParams(Context ctx) {
        this.ctx = ctx;
    }

    /** The parameter, stripped, or {@code null} when absent or blank. */
    String text(String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** A whole number from {@code min} to {@code max}. */
    int integer(String name, int fallback, int min, int max) {
        String v = text(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        reject(name, v, String.format(Locale.ROOT, "'%s' is not a whole number from %d to %d", shorten(v), min, max));
        return fallback;
    }

    /**
     * The parameter read by {@code parser}, whose {@link IllegalArgumentException} message is the
     * reason; {@code null} when absent.
     */
    <T> T parsed(String name, Function<String, T> parser) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            return parser.apply(v);
        } catch (IllegalArgumentException e) {
            reject(name, v, e.getMessage());
            return null;
        }
    }

    /** Records a bad value of {@code name}. */
    void reject(String name, String value, String reason) {
        errors.add(new HttpError.FieldError(name, HttpError.shorten(value), reason));
    }

    /** Throws a 400 naming every bad parameter read so far; does nothing when all were good. */
    void check() {
        if (errors.isEmpty()) {
            return;
        }
        if (errors.size() == 1) {
            HttpError.FieldError f = errors.get(0);
            throw HttpError.badField(f.field(), f.value(), f.reason());
        }
        StringBuilder detail = new StringBuilder();
        for (HttpError.FieldError f : errors) {
            detail.append(detail.isEmpty() ? "" : "; ")
                    .append(f.field())
                    .append(": ")
                    .append(f.reason());
        }
        throw new HttpError(400, "Bad Request", detail.toString(), errors, null);
    }

    private static String shorten(String v) {
        return v.length() > 40 ? v.substring(0, 40) + "..." : v;
    }
}
