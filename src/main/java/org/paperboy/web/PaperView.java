package org.paperboy.web;

import java.time.LocalDate;
import java.util.List;
import org.paperboy.paper.Paper;
import org.paperboy.paper.TexText;

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
