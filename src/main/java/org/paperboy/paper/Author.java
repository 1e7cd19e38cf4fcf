package org.paperboy.paper;

/** One author as written in the source, in the paper's author order. */
public record Author(String name) {
    public Author {
        name = Paper.normalizeWhitespace(name);
        if (name == null || name.isEmpty()) {
            throw new InvalidRecordException("authors", "an author name is empty");
        }
    }
}
