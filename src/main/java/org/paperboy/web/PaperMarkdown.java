package org.paperboy.web;

import java.util.ArrayList;
import java.util.List;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;

/**
 * A paper as Markdown, what {@code GET /papers/{id}.md} serves (Hugging Face's client reads a
 * paper this way): the title, authors, links, day, upvotes, abstract and BibTeX. Titles and
 * abstracts are written as given (TeX included): the document is text for readers and scripts,
 * served as {@code text/markdown}, never rendered as HTML by this site.
 */
final class PaperMarkdown {

    private PaperMarkdown() {}

    static String of(Paper p, int upvotes) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(oneLine(p.title())).append("\n\n");
        if (!p.authors().isEmpty()) {
            md.append("**Authors:** ")
                    .append(String.join(
                            ", ", p.authors().stream().map(Author::name).toList()))
                    .append("\n\n");
        }
        List<String> links = new ArrayList<>();
        link(links, "arXiv", PaperPages.absUrl(p));
        link(links, "PDF", PaperPages.pdfUrl(p));
        link(links, "Code", p.links().code());
        link(links, "Project page", p.links().project());
        if (!links.isEmpty()) {
            md.append(String.join(" · ", links)).append("\n\n");
        }
        List<String> facts = new ArrayList<>();
        if (p.published() != null) {
            facts.add("**Published:** " + p.published());
        }
        if (p.listedOn() != null) {
            facts.add("**Listed:** " + p.listedOn());
        }
        if (!p.categories().isEmpty()) {
            facts.add("**Categories:** " + String.join(", ", p.categories()));
        }
        facts.add("**Upvotes:** " + upvotes);
        md.append(String.join(" · ", facts)).append("\n\n");
        md.append("## Abstract\n\n").append(p.abstractText()).append("\n\n");
        md.append("## BibTeX\n\n```bibtex\n").append(BibTex.of(p).text()).append("```\n");
        return md.toString();
    }

    private static void link(List<String> links, String label, String url) {
        if (url != null) {
            // URLs are validated http(s) links; '<' '>' around them keep spaces or parentheses intact.
            links.add("[" + label + "](<" + url.replace(">", "%3E") + ">)");
        }
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
