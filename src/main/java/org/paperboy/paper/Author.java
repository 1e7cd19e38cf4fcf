package org.paperboy.paper;

/** One author as written in the source, in the paper's author order. */
public record Author(String name) {
    public Author {
        name = Paper.normalizeWhitespace(name);
        if (name == null || name.isEmpty()) {
            throw new InvalidRecordException("authors", "an author name is empty");
        }
        // PostgreSQL text cannot hold NUL; Paper's other text fields refuse it the same way.
        if (name.indexOf('\0') >= 0) {
            throw new InvalidRecordException("authors", "an author name contains a NUL character");
        }
        if (Paper.hasUnpairedSurrogate(name)) {
            throw new InvalidRecordException("authors", "an author name " + Paper.UNPAIRED_SURROGATE);
        }
    }
}
