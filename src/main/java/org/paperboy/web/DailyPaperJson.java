package org.paperboy.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;

/**
 * Papers as JSON with the field names of the Hugging Face Daily Papers API, so that scripts
 * written for it read Paperboy unchanged: a paper object ({@code id, authors[].name,
 * publishedAt, submittedOnDailyAt, title, summary, upvotes, githubRepo, projectPage}) and a
 * daily item wrapping it ({@code paper, publishedAt, upvotes, title, summary, numComments,
 * isAuthorParticipating}). {@code publishedAt} is arXiv's first-version day when the store knows
 * it (else the listing day); {@code submittedOnDailyAt} is the day the paper joined the feed. Links that are unknown are left out, as Hugging Face does.
 */
final class DailyPaperJson {

    static final ObjectMapper JSON = new ObjectMapper();

    // Hugging Face writes instants as JavaScript does, with milliseconds: 2026-07-01T00:00:00.000Z.
    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private DailyPaperJson() {}

    /** The paper object of {@code GET /api/papers/{id}}; {@code upvotes} counts votes cast here too. */
    static ObjectNode paper(Paper p, int upvotes) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", p.id());
        ArrayNode authors = o.putArray("authors");
        for (Author a : p.authors()) {
            authors.addObject().put("name", a.name());
        }
        o.put("publishedAt", instant(p.published() != null ? p.published() : p.listedOn()));
        if (p.listedOn() != null) {
            o.put("submittedOnDailyAt", instant(p.listedOn()));
        }
        o.put("title", p.title());
        o.put("summary", p.abstractText());
        o.put("upvotes", upvotes);
        if (p.links().code() != null) {
            o.put("githubRepo", p.links().code());
        }
        if (p.links().project() != null) {
            o.put("projectPage", p.links().project());
        }
        // Paperboy's own fields, which Hugging Face does not have.
        p.categories().forEach(o.putArray("categories")::add);
        o.put("arxivUrl", p.links().abs() != null ? p.links().abs() : "https://arxiv.org/abs/" + p.id());
        return o;
    }

    /**
     * One item of {@code GET /api/daily_papers}: the paper, its publication day and upvotes again
     * at the top (as Hugging Face sends them; its client reads the top-level upvotes).
     */
    static ObjectNode item(Paper p, int upvotes) {
        ObjectNode o = JSON.createObjectNode();
        ObjectNode paper = paper(p, upvotes);
        o.set("paper", paper);
        o.set("publishedAt", paper.get("publishedAt"));
        o.put("upvotes", upvotes);
        o.put("title", p.title());
        o.put("summary", p.abstractText());
        o.put("numComments", 0);
        o.put("isAuthorParticipating", false);
        return o;
    }

    /** Midnight UTC of {@code day} as Hugging Face writes instants, or {@code null}. */
    static String instant(LocalDate day) {
        return day == null ? null : INSTANT.format(day.atStartOfDay(ZoneOffset.UTC));
    }
}
