package org.paperboy.web;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paperboy.paper.Author;
import org.paperboy.paper.Links;
import org.paperboy.paper.Paper;

/**
 * Papers written for the page tests, listed on days around the test clock (2026-07-02), and ways
 * to read a rendered page: card titles in order, a signed-in visitor.
 */
final class PagePapers {

    static final LocalDate JUL_1 = LocalDate.of(2026, 7, 1);
    static final LocalDate JUN_30 = LocalDate.of(2026, 6, 30);
    static final LocalDate JUN_29 = LocalDate.of(2026, 6, 29);
    static final LocalDate JUN_26 = LocalDate.of(2026, 6, 26);
    static final LocalDate MAY_15 = LocalDate.of(2026, 5, 15);

    static final String XSS = "<script>alert(1)</script> \"quoted\" 'single' </textarea>";

    private static final Pattern CARD_TITLE =
            Pattern.compile("<h[23] class=\"card-title\"><a href=\"([^\"]*)\"[^>]*>(.*?)</a></h[23]>");

    private PagePapers() {}

    static Paper paper(String id, String title, LocalDate listedOn, int upvotes) {
        return Paper.builder(id)
                .title(title)
                .abstractText("We study " + title.toLowerCase(java.util.Locale.ROOT) + " in depth.")
                .authors(List.of(new Author("Ada Lovelace"), new Author("Alan Turing")))
                .categories(List.of("cs.IR"))
                .listedOn(listedOn)
                .published(listedOn)
                .upvotes(upvotes)
                .build();
    }

    /**
     * The standard set: three papers on July 1 (9, 5 and 5 upvotes), one old-style id on June 30,
     * one on June 29, one on June 26 (the week before) and one on May 15.
     */
    static List<Paper> standard() {
        return List.of(
                paper("2607.00001", "Dense retrieval with tiny embedding models", JUL_1, 5).toBuilder()
                        .abstractText("Small embedding models retrieve passages almost as well as large ones "
                                + "when distilled from a cross-encoder.")
                        .authors(List.of(
                                new Author("Ada Lovelace"),
                                new Author("Alan Turing"),
                                new Author("Grace Hopper"),
                                new Author("Edsger Dijkstra"),
                                new Author("Barbara Liskov"),
                                new Author("Donald Knuth"),
                                new Author("Frances Allen")))
                        .categories(List.of("cs.IR", "cs.CL"))
                        .links(new Links(null, null, "https://github.com/example/tiny", null))
                        .build(),
                paper("2607.00002", "Sparse lexical ranking revisited", JUL_1, 5),
                paper("2607.00003", "Graph neural networks for molecules", JUL_1, 9).toBuilder()
                        .categories(List.of("cs.LG", "q-bio.BM"))
                        .build(),
                paper("hep-th/9901001", "Strings on a circle", JUN_30, 2).toBuilder()
                        .categories(List.of("hep-th"))
                        .build(),
                paper("2606.00010", "Weekly planning for robots", JUN_29, 1).toBuilder()
                        .categories(List.of("cs.RO"))
                        .build(),
                paper("2606.00005", "Protein folding at scale", JUN_26, 0).toBuilder()
                        .categories(List.of("q-bio.BM"))
                        .build(),
                paper("2605.00001", "Cellular automata in May", MAY_15, 3));
    }

    /** The card titles of a page, in order, as rendered (HTML). */
    static List<String> titles(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = CARD_TITLE.matcher(html);
        while (m.find()) {
            out.add(m.group(2));
        }
        return out;
    }

    /** The card links of a page, in order. */
    static List<String> hrefs(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = CARD_TITLE.matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** A session cookie for a new account {@code email} on {@code site}. */
    static String sessionCookie(TestSite site, String email) {
        long id = site.site.users().signIn(email).id();
        return WebServer.SESSION_COOKIE + "=" + site.site.sessions().create(id, Duration.ofHours(1));
    }

    /** Signs {@code email} in, records their upvote of {@code paperId}, and answers their session cookie. */
    static String voterCookie(TestSite site, String email, String paperId) {
        long id = site.site.users().signIn(email).id();
        site.site.votes().set(id, paperId, true);
        return WebServer.SESSION_COOKIE + "=" + site.site.sessions().create(id, Duration.ofHours(1));
    }
}
