package org.paperboy.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.paperboy.search.Hit;

/** Search hits as JSON objects, the same for the HTTP API and {@code paperboy search --json}. */
public final class SearchJson {
    private SearchJson() {}

    /** Appends one object per hit: id, score, title, highlighted title and snippet (HTML), authors, ... */
    public static void addHits(ArrayNode array, List<Hit> hits) {
        for (Hit h : hits) {
            ObjectNode o = array.addObject();
            o.put("id", h.id());
            o.put("score", h.score());
            o.put("title", h.title());
            o.put("titleHighlighted", h.titleHighlighted());
            o.put("snippet", h.snippetHighlighted());
            h.authors().forEach(o.putArray("authors")::add);
            h.categories().forEach(o.putArray("categories")::add);
            o.put("listedOn", h.listedOn() == null ? null : h.listedOn().toString());
            o.put("published", h.published() == null ? null : h.published().toString());
            o.put("codeUrl", h.codeUrl());
        }
    }
}
