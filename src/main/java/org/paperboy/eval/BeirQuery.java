package org.paperboy.eval;

import java.util.Objects;

/** One query of a BEIR dataset: its id as written in {@code queries.jsonl} and its text. */
public record BeirQuery(String id, String text) {
    public BeirQuery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }
}
