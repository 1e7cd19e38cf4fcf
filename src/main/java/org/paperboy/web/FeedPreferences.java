package org.paperboy.web;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a visitor chose for the feed pages and keeps across visits: the category the feed is
 * narrowed to ({@code null}: every category) and whether papers are shown as a compact list
 * instead of cards. The query's {@code category=} and {@code view=} choose and are remembered in
 * cookies ({@code category=all} forgets the category, {@code view=cards} the list); without them
 * the cookies decide. A malformed query value is a 400 naming it; a malformed cookie is ignored.
 */
record FeedPreferences(String category, boolean compact) {

    static final String CATEGORY_COOKIE = "pb_category";
    static final String VIEW_COOKIE = "pb_view";

    /** The query value that clears the category. */
    static final String ALL = "all";

    static final String COMPACT = "compact";
    static final String CARDS = "cards";

    /** How long a choice is remembered without a visit that renews it. */
    static final Duration REMEMBERED = Duration.ofDays(365);

    /** arXiv category names ({@code cs.CL}, {@code q-bio.NC}, {@code hep-th}) and nothing that needs escaping. */
    private static final Pattern CATEGORY = Pattern.compile("[A-Za-z][A-Za-z0-9.-]{0,39}");

    static final FeedPreferences NONE = new FeedPreferences(null, false);

    /** The visitor's choices for this request, remembering those the query makes. */
    static FeedPreferences of(Context ctx, Site site) {
        return new FeedPreferences(category(ctx, site), compact(ctx, site));
    }

    private static String category(Context ctx, Site site) {
        String v = ctx.queryParam("category");
        if (v == null) {
            String kept = ctx.cookie(CATEGORY_COOKIE);
            return kept != null && CATEGORY.matcher(kept).matches() ? kept : null;
        }
        String given = v.strip();
        if (given.isEmpty() || given.equalsIgnoreCase(ALL)) {
            forget(ctx, site, CATEGORY_COOKIE);
            return null;
        }
        if (!CATEGORY.matcher(given).matches()) {
            throw HttpError.badField(
                    "category",
                    v,
                    "'" + HttpError.shorten(v) + "' is not a category such as cs.CL, or all for every category");
        }
        remember(ctx, site, CATEGORY_COOKIE, given);
        return given;
    }

    private static boolean compact(Context ctx, Site site) {
        String v = ctx.queryParam("view");
        if (v == null) {
            return COMPACT.equals(ctx.cookie(VIEW_COOKIE));
        }
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case COMPACT -> {
                remember(ctx, site, VIEW_COOKIE, COMPACT);
                yield true;
            }
            case CARDS, "" -> {
                forget(ctx, site, VIEW_COOKIE);
                yield false;
            }
            default ->
                throw HttpError.badField("view", v, "'" + HttpError.shorten(v) + "' is not one of cards, compact");
        };
    }

    private static void remember(Context ctx, Site site, String name, String value) {
        if (!value.equals(ctx.cookie(name))) {
            ctx.cookie(WebServer.cookie(site, name, value, (int) REMEMBERED.toSeconds()));
        }
    }

    private static void forget(Context ctx, Site site, String name) {
        if (ctx.cookie(name) != null) {
            ctx.cookie(WebServer.cookie(site, name, "", 0));
        }
    }

    /** A key that tells apart the pages these choices render differently. */
    String cacheKey() {
        return (category == null ? "" : category.toLowerCase(Locale.ROOT)) + (compact ? "|compact" : "|cards");
    }
}
