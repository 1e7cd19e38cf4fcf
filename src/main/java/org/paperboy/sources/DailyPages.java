package org.paperboy.sources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.paperboy.ingest.ImportFormat;
import org.paperboy.ingest.Importer;
import org.paperboy.ingest.PageImporter;
import org.paperboy.paper.UpstreamFacts;

/**
 * Reads a {@code /api/daily_papers?date=D&p=N&limit=L} API day by day, page by page (Hugging
 * Face's and Paperboy's share the shape), and stores each page as it comes. A page that is not a
 * whole JSON array (HTML, truncated, an object) fails the run before anything of it is stored;
 * an item that does not map becomes a reject naming the page's URL.
 */
final class DailyPages {

    /** Items asked for per page: the most both APIs give. */
    static final int PAGE_SIZE = 100;

    /** A day with more pages than this is cut there: no real day has 5,000 papers. */
    static final int MAX_PAGES = 50;

    private static final ObjectMapper JSON = Importer.recordMapper();

    private final URI endpoint;
    private final UpstreamClient client;
    private final Function<JsonNode, UpstreamFacts> facts;

    DailyPages(URI endpoint, UpstreamClient client, Function<JsonNode, UpstreamFacts> facts) {
        this.endpoint = endpoint;
        this.client = client;
        this.facts = facts;
    }

    /** Fetches and stores every due day of {@code run}. */
    void run(SourceRun run) throws SourceFailure, InterruptedException {
        List<LocalDate> days = run.days();
        run.plan(days.size());
        for (LocalDate day : days) {
            fetchDay(run, day);
        }
    }

    private void fetchDay(SourceRun run, LocalDate day) throws SourceFailure, InterruptedException {
        String firstIdOfPreviousPage = null;
        for (int p = 0; p < MAX_PAGES; p++) {
            if (run.stopping()) {
                throw new InterruptedException("stopping before " + day + " page " + p);
            }
            URI url = url(day, p);
            List<PageImporter.Item> items = parse(url, client.get(url));
            String firstId = items.isEmpty() ? null : idOf(items.get(0).json());
            // An upstream that ignores the page number answers the same page again: the day is complete.
            boolean repeated = firstId != null && firstId.equals(firstIdOfPreviousPage);
            boolean last = items.size() < PAGE_SIZE || repeated || p == MAX_PAGES - 1;
            run.storePage(
                    url.toString(), ImportFormat.HF_DAILY, repeated ? List.of() : items, facts, last ? day : null);
            if (last) {
                return;
            }
            firstIdOfPreviousPage = firstId;
        }
    }

    URI url(LocalDate day, int page) {
        String base = endpoint.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/api/daily_papers?date=" + day + "&p=" + page + "&limit=" + PAGE_SIZE);
    }

    /**
     * The items of one page, read whole before anything is stored.
     *
     * @throws SourceFailure when the body is not one JSON array (HTML, truncated, another shape)
     */
    static List<PageImporter.Item> parse(URI url, byte[] body) throws SourceFailure {
        int start = 0;
        while (start < body.length && Character.isWhitespace(body[start])) {
            start++;
        }
        if (start < body.length && body[start] == '<') {
            throw new SourceFailure("GET " + url + " answered HTML, not JSON" + UpstreamClient.snippet(body)
                    + "; nothing from this page was stored");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new SourceFailure(
                    "GET " + url + " answered malformed or truncated JSON (" + e.getOriginalMessage() + " at byte "
                            + e.getLocation().getByteOffset() + " of " + body.length
                            + "); nothing from this page was stored",
                    null,
                    e);
        } catch (java.io.IOException e) {
            throw new SourceFailure("GET " + url + " could not be read: " + e.getMessage(), null, e);
        }
        if (root == null || !root.isArray()) {
            String what =
                    root == null ? "nothing" : root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
            throw new SourceFailure("GET " + url + " answered " + what + ", not a JSON array of daily papers; "
                    + "nothing from this page was stored");
        }
        List<PageImporter.Item> items = new ArrayList<>(root.size());
        long position = 0;
        for (JsonNode item : root) {
            position++;
            items.add(new PageImporter.Item(position, raw(item), item));
        }
        return items;
    }

    private static byte[] raw(JsonNode item) {
        try {
            return JSON.writeValueAsBytes(item);
        } catch (JsonProcessingException e) {
            return item.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    private static String idOf(JsonNode item) {
        JsonNode paper = item.path("paper");
        JsonNode id = paper.isObject() ? paper.path("id") : item.path("id");
        return id.isTextual() ? id.asText() : null;
    }
}
