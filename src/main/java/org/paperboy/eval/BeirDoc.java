package org.paperboy.eval;

import java.util.Objects;

/** One corpus document of a BEIR dataset; {@code title} may be empty, as BEIR allows. */
public record BeirDoc(String id, String title, String text) {
    public BeirDoc {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
    }
}
