package org.paperboy.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.paperboy.paper.Links;
import org.paperboy.paper.Paper;

/**
 * Paperboy's own JSON Lines form of a paper, written by {@code export} and read back by
 * {@code import}: every stored field, so an export re-imports with nothing changed.
 */
public final class PaperboyJsonFormat {
    private PaperboyJsonFormat() {}

    static Paper map(JsonNode r) {
        JsonNode links = JsonFields.object(r, "links");
        Links l = links == null
                ? Links.NONE
                : new Links(
                        JsonFields.text(links, "abs"),
                        JsonFields.text(links, "pdf"),
                        JsonFields.text(links, "code"),
                        JsonFields.text(links, "project"));
        return Paper.builder(JsonFields.text(r, "id"))
                .version(JsonFields.count(r, "version"))
                .title(JsonFields.text(r, "title"))
                .abstractText(JsonFields.text(r, "abstract"))
                .authorNames(JsonFields.strings(r, "authors"))
                .categories(JsonFields.strings(r, "categories"))
                .published(JsonFields.date(r, "published"))
                .updated(JsonFields.date(r, "updated"))
                .listedOn(JsonFields.date(r, "listed_on"))
                .links(l)
                .comment(JsonFields.text(r, "comment"))
                .journalRef(JsonFields.text(r, "journal_ref"))
                .doi(JsonFields.text(r, "doi"))
                .license(JsonFields.text(r, "license"))
                .upvotes(JsonFields.count(r, "upvotes"))
                .build();
    }

    /** The export form of {@code p}; {@link #map} reads it back to an equal paper. */
    public static ObjectNode toJson(ObjectMapper json, Paper p) {
        ObjectNode o = json.createObjectNode();
        o.put("id", p.id());
        o.put("version", p.version());
        o.put("title", p.title());
        o.put("abstract", p.abstractText());
        ArrayNode authors = o.putArray("authors");
        p.authors().forEach(a -> authors.add(a.name()));
        ArrayNode categories = o.putArray("categories");
        p.categories().forEach(categories::add);
        o.put("published", p.published() == null ? null : p.published().toString());
        o.put("updated", p.updated() == null ? null : p.updated().toString());
        o.put("listed_on", p.listedOn() == null ? null : p.listedOn().toString());
        ObjectNode links = o.putObject("links");
        links.put("abs", p.links().abs());
        links.put("pdf", p.links().pdf());
        links.put("code", p.links().code());
        links.put("project", p.links().project());
        o.put("comment", p.comment());
        o.put("journal_ref", p.journalRef());
        o.put("doi", p.doi());
        o.put("license", p.license());
        o.put("upvotes", p.upvotes());
        return o;
    }
}
