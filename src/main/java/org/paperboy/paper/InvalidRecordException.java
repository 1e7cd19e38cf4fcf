package org.paperboy.paper;

/**
 * A record that cannot become a {@link Paper}: names the field, the rejected value and the reason.
 * Importers turn it into a stored reject; it never escapes an import.
 */
public final class InvalidRecordException extends RuntimeException {
    private final String field;

    public InvalidRecordException(String field, String reason) {
        super(field == null ? reason : field + ": " + reason);
        this.field = field;
    }

    /** The offending field, or {@code null} when the record as a whole is bad. */
    public String field() {
        return field;
    }
}
