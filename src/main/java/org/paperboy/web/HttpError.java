package org.paperboy.web;

import java.util.List;

/**
 * An HTTP error a handler throws; {@link WebServer} renders it once, as RFC 9457 problem JSON
 * under {@code /api} and as an HTML page elsewhere. {@code errors} lists field errors, each with
 * a stable field name, the rejected value and the reason.
 */
public final class HttpError extends RuntimeException {

    /** One rejected field: its name, the value given (shortened) and why it was refused. */
    public record FieldError(String field, String value, String reason) {}

    private final int status;
    private final String title;
    private final List<FieldError> errors;
    private final Long retryAfterSeconds;

    public HttpError(int status, String title, String detail, List<FieldError> errors, Long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static HttpError badRequest(String detail) {
        return new HttpError(400, "Bad Request", detail, List.of(), null);
    }

    /** A 400 naming one field, the value given and the reason; detail reads "field: reason". */
    public static HttpError badField(String field, String value, String reason) {
        return new HttpError(
                400,
                "Bad Request",
                field + ": " + reason,
                List.of(new FieldError(field, shorten(value), reason)),
                null);
    }

    public static HttpError notFound(String detail) {
        return new HttpError(404, "Not Found", detail, List.of(), null);
    }

    public static HttpError unauthorized(String detail) {
        return new HttpError(401, "Unauthorized", detail, List.of(), null);
    }

    public static HttpError forbidden(String detail) {
        return new HttpError(403, "Forbidden", detail, List.of(), null);
    }

    public static HttpError tooManyRequests(String detail, long retryAfterSeconds) {
        return new HttpError(429, "Too Many Requests", detail, List.of(), retryAfterSeconds);
    }

    public static HttpError unavailable(String detail) {
        return new HttpError(503, "Service Unavailable", detail, List.of(), null);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Seconds for a {@code Retry-After} header, or {@code null}. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    static String shorten(String v) {
        if (v == null) {
            return null;
        }
        return v.length() > 80 ? v.substring(0, 80) + "..." : v;
    }
}
