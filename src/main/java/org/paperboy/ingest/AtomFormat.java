package org.paperboy.ingest;

import java.util.ArrayList;
import java.util.List;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.InvalidRecordException;
import org.paperboy.paper.Links;
import org.paperboy.paper.Paper;

/**
 * One {@code <entry>} of an arXiv API (Atom 1.0) response. An entry that reports an API error
 * (its id points at {@code /api/errors}) is rejected with the error text.
 */
final class AtomFormat {
    private AtomFormat() {}

    static Paper map(XmlElement entry) {
        String rawId = entry.childText("id");
        if (rawId != null && rawId.contains("/api/errors")) {
            throw new InvalidRecordException("id", "arXiv API error: " + entry.childText("summary"));
        }
        ArxivId id = ArxivId.parse(rawId);
        List<String> authors = new ArrayList<>();
        for (XmlElement a : entry.all("author")) {
            String name = a.childText("name");
            if (name != null && !name.isBlank()) {
                authors.add(name);
            }
        }
        List<String> categories = new ArrayList<>();
        XmlElement primary = entry.child("primary_category");
        if (primary != null && primary.attribute("term") != null) {
            categories.add(primary.attribute("term"));
        }
        for (XmlElement c : entry.all("category")) {
            String term = c.attribute("term");
            if (term != null && !categories.contains(term)) {
                categories.add(term);
            }
        }
        String abs = null;
        String pdf = null;
        for (XmlElement link : entry.all("link")) {
            if ("pdf".equals(link.attribute("title"))) {
                pdf = link.attribute("href");
            } else if ("alternate".equals(link.attribute("rel"))) {
                abs = link.attribute("href");
            }
        }
        var published = JsonFields.date("published", entry.childText("published"));
        return Paper.builder(id.id())
                .version(id.version())
                .title(entry.childText("title"))
                .abstractText(entry.childText("summary"))
                .authorNames(authors)
                .categories(categories)
                .published(published)
                .updated(JsonFields.date("updated", entry.childText("updated")))
                .listedOn(published)
                .links(new Links(
                        abs == null ? id.absUrl() : https(abs), pdf == null ? id.pdfUrl() : https(pdf), null, null))
                .comment(entry.childText("comment"))
                .journalRef(entry.childText("journal_ref"))
                .doi(entry.childText("doi"))
                .build();
    }

    /** arXiv's API still answers with http:// links; the site is https. */
    private static String https(String url) {
        return url.startsWith("http://arxiv.org/") ? "https://" + url.substring("http://".length()) : url;
    }
}
