package org.paperboy.web;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Where a paged list stands: page {@code page} of {@code pages} (both from 1), with links to the
 * pages before and after it ({@code null} at the ends). Also reads and checks the {@code page}
 * query parameter, and writes the query strings of links.
 */
public record Pagination(int page, int pages, String previousHref, String nextHref) {

    /**
     * The pagination of {@code path} with query {@code params} (empty values left out; {@code page}
     * is added for pages after the first).
     */
    public static Pagination of(String path, Map<String, String> params, int page, int pages) {
        return new Pagination(
                page,
                pages,
                page > 1 ? href(path, params, page - 1) : null,
                page < pages ? href(path, params, page + 1) : null);
    }

    /** True when there is more than one page, so the links are worth showing. */
    public boolean shown() {
        return pages > 1;
    }

    /**
     * The {@code page} query parameter: 1 when absent.
     *
     * @throws HttpError a 400 naming the value unless it is a whole number from 1 to {@code max}
     */
    static int requestedPage(Context ctx, int max) {
        String v = ctx.queryParam("page");
        if (v == null || v.isBlank()) {
            return 1;
        }
        try {
            int p = Integer.parseInt(v.strip());
            if (p >= 1 && p <= max) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw HttpError.badField("page", v, "'" + HttpError.shorten(v) + "' is not a page number from 1 to " + max);
    }

    /** {@code path} with the non-empty {@code params} and, after page 1, {@code page=N}. */
    static String href(String path, Map<String, String> params, int page) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.remove("page");
        if (page > 1) {
            all.put("page", Integer.toString(page));
        }
        return withQuery(path, all);
    }

    /** {@code path} followed by the non-empty {@code params}, URL-encoded, in their order. */
    static String withQuery(String path, Map<String, String> params) {
        StringJoiner q = new StringJoiner("&");
        params.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                q.add(encode(k) + "=" + encode(v));
            }
        });
        return q.length() == 0 ? path : path + "?" + q;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The local path and query of this request, for a form's {@code next} field. */
    static String here(Context ctx) {
        String q = ctx.queryString();
        return q == null || q.isEmpty() ? ctx.path() : ctx.path() + "?" + q;
    }
}
