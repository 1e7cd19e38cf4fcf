package org.paperboy.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Links;
import org.paperboy.paper.Paper;

/**
 * A daily arXiv listing record (id, title, authors[], categories[], summary, comment, abs, pdf,
 * listed_on): the shape of {@code shared/data/papers/arxiv-cs-daily}.
 */
final class ArxivListingFormat {
    private ArxivListingFormat() {}

    static Paper map(JsonNode r) {
        ArxivId id = ArxivId.parse(JsonFields.text(r, "id"));
        String abs = JsonFields.text(r, "abs");
        int version = id.version();
        if (version == 0 && abs != null && ArxivId.isValid(abs)) {
            version = ArxivId.parse(abs).version();
        }
        String pdf = JsonFields.text(r, "pdf");
        return Paper.builder(id.id())
                .version(version)
                .title(JsonFields.text(r, "title"))
                .abstractText(JsonFields.text(r, "summary"))
                .authorNames(JsonFields.strings(r, "authors"))
                .categories(JsonFields.strings(r, "categories"))
                .listedOn(JsonFields.date(r, "listed_on"))
                .links(new Links(abs == null ? id.absUrl() : abs, pdf == null ? id.pdfUrl() : pdf, null, null))
                .comment(JsonFields.text(r, "comment"))
                .build();
    }
}
