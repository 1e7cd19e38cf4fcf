package org.paperboy.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.paperboy.feed.FeedOrder;
import org.paperboy.feed.FeedPage;
import org.paperboy.feed.Period;

/**
 * The API's readable page, {@code /docs}: Swagger UI (served from the jar) over
 * {@code /docs/openapi.json}, the OpenAPI file of {@code /api/openapi.json} with examples taken
 * from this instance (its latest day, the top paper of that day and words of its title), so
 * "Try it out" answers with real papers. The document names no server: calls go to
 * the address the page was opened at.
 */
final class ApiDocs {

    private final Site site;
    private final Templates templates;
    private final ObjectNode document;

    ApiDocs(Site site, Templates templates) {
        this.site = site;
        this.templates = templates;
        this.document = read();
    }

    void register(RoutesConfig r) {
        r.get("/docs", this::page);
        r.get("/docs/openapi.json", this::openApi);
    }

    private void page(Context ctx) {
        Layout layout = Layout.of("API", Visitor.of(ctx), "docs")
                .withAssets(
                        Webjar.SWAGGER_UI.path("swagger-ui.css"),
                        List.of(Webjar.SWAGGER_UI.path("swagger-ui-bundle.js"), "/static/docs.js"));
        templates.page(ctx, "docs.jte", Map.of("layout", layout));
    }

    private void openApi(Context ctx) {
        ctx.contentType("application/json").result(withExamples().toString());
    }

    /** The document with this instance's examples; the same document when it has no papers. */
    ObjectNode withExamples() {
        ObjectNode doc = document.deepCopy();
        LocalDate day = site.feed().latestDay().orElse(null);
        if (day == null) {
            return doc;
        }
        FeedPage top = site.feed().page(Period.day(day), FeedOrder.UPVOTES, 1, 1);
        String id = top.items().isEmpty() ? null : top.items().get(0).paper().id();
        String words =
                top.items().isEmpty() ? null : words(top.items().get(0).paper().title());
        Map<String, String> examples = new java.util.HashMap<>();
        examples.put("date", day.toString());
        if (id != null) {
            examples.put("id", id);
            examples.put("q", words);
        }
        // Only one of date, week and month may be given: the others are described, not filled in.
        Map<String, String> described = Map.of(
                "week", Period.weekOf(day).key(), "month", YearMonth.from(day).toString());
        for (JsonNode path : doc.path("paths")) {
            for (JsonNode operation : path) {
                for (JsonNode parameter : operation.path("parameters")) {
                    example(parameter, examples);
                    String value = described.get(parameter.path("name").asText());
                    if (value != null && parameter instanceof ObjectNode o) {
                        o.put(
                                "description",
                                o.path("description").asText() + " The latest on this site: " + value + ".");
                        if (o.path("schema") instanceof ObjectNode schema) {
                            schema.remove("examples");
                        }
                    }
                }
            }
        }
        for (JsonNode parameter : doc.path("components").path("parameters")) {
            example(parameter, examples);
        }
        if (id != null) {
            JsonNode submit = doc.at("/paths/~1api~1papers~1index/post/requestBody/content/application~1json");
            if (submit instanceof ObjectNode o) {
                o.putObject("example").put(Submissions.FIELD, id);
            }
        }
        return doc;
    }

    private static void example(JsonNode parameter, Map<String, String> examples) {
        String value = examples.get(parameter.path("name").asText());
        if (value != null && parameter instanceof ObjectNode o) {
            o.put("example", value);
        }
    }

    /** The first few words of a title, a query that finds its paper. */
    static String words(String title) {
        return Arrays.stream(title.split("[^\\p{L}\\p{N}-]+"))
                .filter(w -> w.length() > 2)
                .limit(5)
                .collect(Collectors.joining(" "));
    }

    private static ObjectNode read() {
        try (InputStream in = ApiDocs.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the jar");
            }
            return (ObjectNode) DailyPaperJson.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read openapi.json from the jar", e);
        }
    }
}
