package org.paperboy.sources;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.paperboy.paper.UpstreamFacts;

/**
 * The facts a card can use from one item of a {@code /api/daily_papers} answer, beyond what
 * becomes the paper: organization, submitter, thumbnail, GitHub stars, comments, AI summary and
 * keywords. Lenient: a field of the wrong type or an unsafe URL is left out, never a reason to
 * reject the paper.
 */
final class HfItemFacts {

    private static final int MAX_TEXT = 10_000;
    private static final int MAX_NAME = 200;
    private static final int MAX_KEYWORDS = 30;

    private HfItemFacts() {}

    static UpstreamFacts of(String source, JsonNode item) {
        if (item == null || !item.isObject()) {
            return null;
        }
        JsonNode paper = item.path("paper").isObject() ? item.path("paper") : item;
        JsonNode org = item.path("organization").isObject() ? item.path("organization") : paper.path("organization");
        JsonNode submitter =
                item.path("submittedBy").isObject() ? item.path("submittedBy") : paper.path("submittedOnDailyBy");
        String orgSlug = slug(text(org, "name", MAX_NAME));
        String submitterSlug = slug(first(text(submitter, "name", MAX_NAME), text(submitter, "user", MAX_NAME)));
        return new UpstreamFacts(
                source,
                first(text(org, "fullname", MAX_NAME), orgSlug),
                orgSlug,
                first(text(submitter, "fullname", MAX_NAME), submitterSlug),
                submitterSlug,
                httpUrl(first(text(item, "thumbnail", 2000), text(paper, "thumbnail", 2000))),
                count(paper, "githubStars"),
                first(count(item, "numComments"), count(paper, "numComments")),
                first(text(paper, "ai_summary", MAX_TEXT), text(item, "ai_summary", MAX_TEXT)),
                keywords(paper.path("ai_keywords")));
    }

    private static String text(JsonNode node, String field, int max) {
        JsonNode v = node.path(field);
        if (!v.isTextual()) {
            return null;
        }
        String s = v.asText().strip().replaceAll("\\s+", " ");
        if (s.isEmpty() || s.indexOf('\0') >= 0) {
            return null;
        }
        return s.length() > max ? s.substring(0, max) : s;
    }

    private static Integer count(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.canConvertToInt() && v.isIntegralNumber() && v.asInt() >= 0 ? v.asInt() : null;
    }

    /** A user or organization name as the upstream spells it in its URLs, or {@code null} when it could not be one. */
    private static String slug(String name) {
        return name != null && name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,95}") ? name : null;
    }

    private static String httpUrl(String value) {
        if (value == null) {
            return null;
        }
        try {
            URI u = new URI(value);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && u.getHost() != null ? u.toString() : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static List<String> keywords(JsonNode list) {
        List<String> out = new ArrayList<>();
        if (!list.isArray()) {
            return out;
        }
        for (JsonNode k : list) {
            if (k.isTextual() && !k.asText().isBlank() && out.size() < MAX_KEYWORDS) {
                String s = k.asText().strip();
                out.add(s.length() > MAX_NAME ? s.substring(0, MAX_NAME) : s);
            }
        }
        return out;
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
