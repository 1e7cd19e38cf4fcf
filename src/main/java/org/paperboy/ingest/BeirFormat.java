package org.paperboy.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import org.paperboy.paper.InvalidRecordException;
import org.paperboy.paper.Paper;

/** A BEIR corpus document ({@code _id}, {@code title}, {@code text}); the id is kept as given. */
final class BeirFormat {
    private BeirFormat() {}

    static Paper map(JsonNode r) {
        JsonNode idNode = r.get("_id");
        String id;
        if (idNode == null || idNode.isNull()) {
            throw new InvalidRecordException("_id", "missing or empty");
        } else if (idNode.isTextual()) {
            id = idNode.textValue();
        } else if (idNode.isIntegralNumber()) {
            id = idNode.asText();
        } else {
            throw JsonFields.wrongType("_id", "a string", idNode);
        }
        if (id.isBlank() || id.chars().anyMatch(c -> c <= ' ')) {
            throw new InvalidRecordException("_id", "'" + JsonFields.shorten(id) + "' is empty or contains whitespace");
        }
        return Paper.builder(id)
                .title(JsonFields.text(r, "title"))
                .abstractText(JsonFields.text(r, "text"))
                .build();
    }
}
