package org.paperboy.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.paperboy.paper.TexText;
import org.paperboy.search.Filters;
import org.paperboy.search.Hit;
import org.paperboy.store.FeedRepository.CardFacts;

/**
 * One paper as a card shows it (feed, trending, search, similar papers): plain text fields that
 * the template escapes, plus, for search results only, {@code titleHtml} and {@code snippetHtml}:
 * already-escaped HTML with {@code <mark>} around matched words, {@code null} elsewhere.
 * {@code saved}: the paper is in the visitor's library.
 * {@code upstream} splits the upvotes by origin and carries the upstream's facts ({@code null}: none).
 */
public record CardView(
        String id,
        String title,
        String titleHtml,
        List<String> authors,
        String abstractText,
        String snippetHtml,
        List<String> categories,
        LocalDate listedOn,
        int upvotes,
        boolean upvoted,
        String codeUrl,
        String absUrl,
        String pdfUrl,
        boolean saved,
        UpstreamView upstream) {

    /** Authors named on a card; the rest are counted. */
    static final int SHOWN_AUTHORS = 5;

    /** Authors named in a row of the compact list, which keeps to one line of meta. */
    static final int COMPACT_AUTHORS = 3;

    /** Abstracts longer than this are cut in the collapsed card (about three lines). */
    static final int PREVIEW_CHARS = 280;

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);

    public CardView {
        authors = List.copyOf(authors);
        categories = List.copyOf(categories);
    }

    /** The card of a stored paper with its upvotes, {@code upvoted} by the visitor or not. */
    public static CardView of(Paper p, int upvotes, boolean upvoted) {
        return new CardView(
                p.id(),
                p.title(),
                null,
                p.authors().stream().map(Author::name).toList(),
                p.abstractText(),
                null,
                p.categories(),
                p.listedOn(),
                upvotes,
                upvoted,
                p.links().code(),
                PaperPages.absUrl(p),
                PaperPages.pdfUrl(p),
                false,
                null);
    }

    /**
     * The card of a search hit: the paper's fields as the index stores them, the upvotes and links
     * from the store, and with {@code highlighted} the hit's marked title and snippet.
     */
    public static CardView of(Hit hit, CardFacts facts, boolean upvoted, boolean highlighted) {
        return new CardView(
                hit.id(),
                hit.title(),
                highlighted ? hit.titleHighlighted() : null,
                hit.authors(),
                hit.abstractText(),
                highlighted ? hit.snippetHighlighted() : null,
                hit.categories(),
                hit.listedOn(),
                facts.upvotes(),
                upvoted,
                hit.codeUrl(),
                PaperPages.absUrl(hit.id(), facts.absUrl()),
                PaperPages.pdfUrl(hit.id(), facts.pdfUrl()),
                false,
                null);
    }

    /** The title as HTML: marked matches kept, TeX text commands resolved, formulas left for KaTeX. */
    public String titleMarkup() {
        return titleHtml != null ? TexText.html(titleHtml, true) : TexText.html(title, false);
    }

    /** The collapsed abstract as HTML: the search snippet when there is one, else the start of the abstract. */
    public String previewMarkup() {
        return snippetHtml != null ? TexText.html(snippetHtml, true) : TexText.html(abstractPreview(), false);
    }

    /** The whole abstract as HTML, TeX resolved as in {@link #titleMarkup}. */
    public String abstractMarkup() {
        return TexText.html(abstractText, false);
    }

    /** True when the title or abstract holds a formula, so the page loads the math typesetter. */
    public boolean math() {
        return TexText.hasMath(title) || TexText.hasMath(abstractText);
    }

    /** True when any of {@code cards} holds a formula. */
    static boolean anyMath(List<CardView> cards) {
        return cards.stream().anyMatch(CardView::math);
    }

    /** This card with its upvotes split by origin and the upstream's facts ({@code null}: none). */
    public CardView withUpstream(UpstreamView view) {
        return new CardView(
                id,
                title,
                titleHtml,
                authors,
                abstractText,
                snippetHtml,
                categories,
                listedOn,
                upvotes,
                upvoted,
                codeUrl,
                absUrl,
                pdfUrl,
                saved,
                view);
    }

    /** The paper's page on this site. */
    public String href() {
        return PaperPages.pathOf(id);
    }

    /** This card as saved (or not) in the visitor's library. */
    public CardView withSaved(boolean saved) {
        return new CardView(
                id,
                title,
                titleHtml,
                authors,
                abstractText,
                snippetHtml,
                categories,
                listedOn,
                upvotes,
                upvoted,
                codeUrl,
                absUrl,
                pdfUrl,
                saved,
                upstream);
    }

    /** Where the save form posts. */
    public String saveAction() {
        return href() + "/save";
    }

    /** Where the upvote form posts. */
    public String upvoteAction() {
        return href() + "/upvote";
    }

    /** The authors named on the card: the first {@value #SHOWN_AUTHORS}. */
    public List<String> shownAuthors() {
        return authors.size() <= SHOWN_AUTHORS ? authors : authors.subList(0, SHOWN_AUTHORS);
    }

    /** The authors named in the compact list: the first {@value #COMPACT_AUTHORS}. */
    public List<String> compactAuthors() {
        return authors.size() <= COMPACT_AUTHORS ? authors : authors.subList(0, COMPACT_AUTHORS);
    }

    /**
     * The author among those the card leaves out whose name is {@code author} (compared as the
     * author filter compares: case, accents and punctuation ignored), or {@code null}: on an
     * author's list the card then says that they are among the rest.
     */
    public String hiddenAuthor(String author) {
        if (author == null || author.isBlank() || moreAuthors() == 0) {
            return null;
        }
        String key = Filters.authorKey(author);
        return authors.subList(SHOWN_AUTHORS, authors.size()).stream()
                .filter(a -> Filters.authorKey(a).equals(key))
                .findFirst()
                .orElse(null);
    }

    /** How many authors the card leaves out. */
    public int moreAuthors() {
        return Math.max(0, authors.size() - SHOWN_AUTHORS);
    }

    /** True when the abstract is too long to show whole in a collapsed card. */
    public boolean longAbstract() {
        return abstractText.length() > PREVIEW_CHARS + 20;
    }

    /** The start of the abstract, cut at a space before {@value #PREVIEW_CHARS} characters. */
    public String abstractPreview() {
        return preview(abstractText);
    }

    /** "Jul 1, 2026", or empty when the paper has no listed day. */
    public String listedLabel() {
        return listedOn == null ? "" : DAY.format(listedOn);
    }

    static String preview(String text) {
        if (text.length() <= PREVIEW_CHARS + 20) {
            return text;
        }
        int cut = text.lastIndexOf(' ', PREVIEW_CHARS);
        if (cut < PREVIEW_CHARS / 2) {
            cut = PREVIEW_CHARS;
        }
        if (Character.isLowSurrogate(text.charAt(cut))) {
            cut--;
        }
        cut = TexText.cut(text, cut, 0);
        return text.substring(0, cut).stripTrailing() + "\u2026";
    }
}
