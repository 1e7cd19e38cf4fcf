package org.paperboy.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.paperboy.paper.Paper;
import org.paperboy.paper.TexText;
import org.paperboy.paper.UrlScanner;

/**
 * What a paper's page shows: the whole record, its upvotes (imported plus cast here) and whether
 * the visitor cast one, whether an admin hid it, its BibTeX, its links, and up to five similar
 * papers; {@code similarNote} explains an empty similar list.
 */
public record PaperView(
        Paper paper,
        int upvotes,
        boolean upvoted,
        boolean hidden,
        BibTex bibtex,
        String absUrl,
        String pdfUrl,
        List<CardView> similar,
        String similarNote) {

    public PaperView {
        similar = List.copyOf(similar);
    }

    /** The title as HTML, TeX text commands resolved and formulas left for KaTeX ({@link TexText#html}). */
    public String titleMarkup() {
        return TexText.html(paper.title(), false);
    }

    /** The abstract as HTML, like {@link #titleMarkup}. */
    public String abstractMarkup() {
        return TexText.html(paper.abstractText(), false);
    }

    /** A piece of the comment: plain text, or an address ({@code href} not {@code null}) to show as a link. */
    public record TextPart(String text, String href) {}

    /** The comment cut into text and the web addresses it mentions, which the page shows as links. */
    public List<TextPart> commentParts() {
        String comment = paper.comment();
        if (comment == null) {
            return List.of();
        }
        List<TextPart> parts = new ArrayList<>();
        int at = 0;
        for (UrlScanner.Found f : UrlScanner.scan(comment)) {
            if (f.start() > at) {
                parts.add(new TextPart(comment.substring(at, f.start()), null));
            }
            parts.add(new TextPart(comment.substring(f.start(), f.end()), f.url()));
            at = f.end();
        }
        if (at < comment.length()) {
            parts.add(new TextPart(comment.substring(at), null));
        }
        return parts;
    }

    /** The authors' names in order. */
    public List<String> authorNames() {
        return paper.authors().stream().map(org.paperboy.paper.Author::name).toList();
    }

    /** The paper's page on this site. */
    public String href() {
        return PaperPages.pathOf(paper.id());
    }

    /** "Jul 1, 2026", or {@code null} for {@code null}. */
    public String day(LocalDate day) {
        return day == null ? null : CardView.DAY.format(day);
    }

    /** The DOI's resolver address. */
    public String doiUrl() {
        return paper.doi() == null ? null : "https://doi.org/" + PaperPages.encodePath(paper.doi());
    }

    /** True when the license is given as an address (arXiv gives one), to show it as a link. */
    public boolean licenseIsUrl() {
        String l = paper.license();
        return l != null
                && (l.startsWith("https://") || l.startsWith("http://"))
                && l.chars().noneMatch(c -> c <= ' ');
    }
}
