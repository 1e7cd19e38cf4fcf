package org.paperboy.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.InvalidRecordException;
import org.paperboy.paper.Paper;
import org.paperboy.paper.TexText;
import org.paperboy.search.Filters;
import org.paperboy.search.SearchResults;

/**
 * A paper's own page, {@code /papers/<id>}: the whole record, upvote, BibTeX, similar papers and,
 * for admins, the moderation forms. The id may contain a slash (old-style arXiv ids such as
 * {@code hep-th/9901001}); another spelling of a known arXiv id ({@code arXiv:2607.00001v2})
 * redirects to the canonical page; {@code /papers/<id>.md} is the paper as Markdown. Unknown ids,
 * and hidden papers for non-admins, are 404.
 */
final class PaperPages {

    static final int SIMILAR = 5;

    private final Site site;
    private final Templates templates;
    private final CardLoader cards;

    PaperPages(Site site, Templates templates) {
        this.site = site;
        this.templates = templates;
        this.cards = new CardLoader(site);
    }

    void register(RoutesConfig r) {
        r.get("/papers/<id>", this::paper);
    }

    private void paper(Context ctx) {
        String id = ctx.pathParam("id");
        Visitor visitor = Visitor.of(ctx);
        Optional<Paper> found = site.papers().find(id);
        if (found.isEmpty() && id.endsWith(".md")) {
            markdown(ctx, id.substring(0, id.length() - 3));
            return;
        }
        if (found.isEmpty()) {
            Optional<String> canonical = canonical(id);
            if (canonical.isPresent() && site.papers().find(canonical.get()).isPresent()) {
                ctx.redirect(pathOf(canonical.get()), HttpStatus.MOVED_PERMANENTLY);
                return;
            }
            throw notFound(id);
        }
        Paper p = found.get();
        boolean hidden = site.feedStore().hidden(p.id()).orElse(false);
        if (hidden && !visitor.admin()) {
            throw notFound(id);
        }
        int upvotes = site.feedStore().upvotes(List.of(p.id())).getOrDefault(p.id(), p.upvotes());
        boolean upvoted = visitor.signedIn() && site.votes().has(visitor.user().id(), p.id());
        SearchResults similar = site.searcher()
                .similar(
                        p.id(),
                        SIMILAR,
                        Filters.NONE.withExcluded(site.feedStore().hiddenIds()));
        List<CardView> similarCards = cards.ofHits(similar.hits(), visitor, false);
        String note = null;
        if (similarCards.isEmpty()) {
            note = similar.notices().isEmpty()
                    ? "No similar papers were found."
                    : "Similar papers appear once the paper is indexed.";
        }
        PaperView view =
                new PaperView(p, upvotes, upvoted, hidden, BibTex.of(p), absUrl(p), pdfUrl(p), similarCards, note);
        Layout layout = Layout.of(TexText.plain(p.title()), visitor, "")
                .withMath(TexText.hasMath(p.title())
                        || TexText.hasMath(p.abstractText())
                        || CardView.anyMath(similarCards));
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        params.put("layout", layout);
        params.put("view", view);
        params.put("next", Pagination.here(ctx));
        params.put(
                "saved",
                visitor.signedIn()
                        ? site.forYou()
                                .library()
                                .find(visitor.user().id(), p.id())
                                .orElse(null)
                        : null);
        params.put(
                "upstream",
                UpstreamView.of(
                        site.upstream().popularity(List.of(p.id())).get(p.id()),
                        site.config().sources().remoteImages()));
        templates.page(ctx, "paper.jte", params);
    }

    /** {@code /papers/<id>.md}: the visible paper as Markdown, by any arXiv spelling of its id. */
    private void markdown(Context ctx, String id) {
        Paper p = site.papers()
                .find(id)
                .or(() -> canonical(id).flatMap(site.papers()::find))
                .filter(x -> !site.feedStore().hidden(x.id()).orElse(false))
                .orElseThrow(() -> notFound(id));
        int upvotes = site.feedStore().upvotes(List.of(p.id())).getOrDefault(p.id(), p.upvotes());
        ctx.contentType("text/markdown; charset=utf-8").result(PaperMarkdown.of(p, upvotes));
    }

    private static HttpError notFound(String id) {
        return HttpError.notFound("there is no paper with id '" + HttpError.shorten(id) + "'");
    }

    /** The canonical arXiv id of another spelling of one, if {@code id} is one. */
    private static Optional<String> canonical(String id) {
        try {
            String c = ArxivId.parse(id).id();
            return c.equals(id) ? Optional.empty() : Optional.of(c);
        } catch (InvalidRecordException e) {
            return Optional.empty();
        }
    }

    /** The page of paper {@code id}: {@code /papers/2607.00001}, {@code /papers/hep-th/9901001}. */
    static String pathOf(String id) {
        return "/papers/" + encodePath(id);
    }

    /** The arXiv abstract page of {@code p}: its own link, else the one its arXiv id implies. */
    static String absUrl(Paper p) {
        return p.absUrl();
    }

    /** The abstract page of paper {@code id}: {@code own} when it has one, else the one its arXiv id implies. */
    static String absUrl(String id, String own) {
        return own != null ? own : arxiv(id).map(ArxivId::absUrl).orElse(null);
    }

    /** The PDF of {@code p}: its own link, else the one its arXiv id implies. */
    static String pdfUrl(Paper p) {
        return p.pdfUrl();
    }

    /** The PDF of paper {@code id}: {@code own} when it has one, else the one its arXiv id implies. */
    static String pdfUrl(String id, String own) {
        return own != null ? own : arxiv(id).map(ArxivId::pdfUrl).orElse(null);
    }

    private static Optional<ArxivId> arxiv(String id) {
        return ArxivId.canonical(id);
    }

    /** {@code s} with every byte outside letters, digits and {@code -._~/:} percent-encoded. */
    static String encodePath(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~'
                    || c == '/'
                    || c == ':') {
                out.append(c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
