package org.paperboy.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.InvalidRecordException;
import org.paperboy.paper.Links;
import org.paperboy.paper.Paper;

/**
 * One item of the Hugging Face {@code /api/daily_papers} response ({@code {paper: {...},
 * publishedAt, title, ...}}), or a bare {@code paper} object. Keeps upvotes, the GitHub
 * repository, the project page and the day the paper was submitted to the daily page.
 */
final class HfDailyFormat {
    private HfDailyFormat() {}

    static Paper map(JsonNode item) {
        JsonNode paper = JsonFields.object(item, "paper");
        if (paper == null) {
            paper = item;
        }
        ArxivId id = ArxivId.parse(JsonFields.text(paper, "id"));
        String title = JsonFields.text(item, "title");
        if (title == null || title.isBlank()) {
            title = JsonFields.text(paper, "title");
        }
        LocalDate listed = JsonFields.date(paper, "submittedOnDailyAt");
        if (listed == null && paper != item) {
            listed = JsonFields.date(item, "publishedAt");
        }
        return Paper.builder(id.id())
                .version(id.version())
                .title(title)
                .abstractText(JsonFields.text(paper, "summary"))
                .authorNames(authors(paper))
                .published(JsonFields.date(paper, "publishedAt"))
                .listedOn(listed)
                .upvotes(JsonFields.count(paper, "upvotes"))
                .links(new Links(
                        id.absUrl(),
                        id.pdfUrl(),
                        JsonFields.text(paper, "githubRepo"),
                        JsonFields.text(paper, "projectPage")))
                .build();
    }

    private static List<String> authors(JsonNode paper) {
        JsonNode list = JsonFields.array(paper, "authors");
        List<String> names = new ArrayList<>();
        if (list == null) {
            return names;
        }
        for (JsonNode a : list) {
            if (!a.isObject()) {
                throw JsonFields.wrongType("authors", "an array of {name} objects", a);
            }
            String name = JsonFields.text(a, "name");
            if (name == null) {
                throw new InvalidRecordException("authors", "an author has no name");
            }
            names.add(name);
        }
        return names;
    }
}
