package org.paperboy.web;

import java.util.ArrayList;
import java.util.List;

/**
 * What the page frame ({@code layout.jte}) needs besides the page body: the title, the visitor
 * (for the account menu and CSRF tokens), the text already in the search box, the navigation
 * entry to mark as current ({@code today}, {@code trending}, {@code search}, {@code submit},
 * {@code subscribe}, {@code me} or empty), an optional Atom feed for the page, and the extra
 * style sheets and scripts (all served by this site) the page needs.
 */
public record Layout(
        String title,
        Visitor visitor,
        String query,
        String nav,
        String atomUrl,
        List<String> styles,
        List<String> scripts) {

    public Layout {
        styles = List.copyOf(styles);
        scripts = List.copyOf(scripts);
    }

    public static Layout of(String title, Visitor visitor, String nav) {
        return new Layout(title, visitor, "", nav, null, List.of(), List.of());
    }

    public Layout withQuery(String query) {
        return new Layout(title, visitor, query == null ? "" : query, nav, atomUrl, styles, scripts);
    }

    public Layout withAtom(String atomUrl) {
        return new Layout(title, visitor, query, nav, atomUrl, styles, scripts);
    }

    /** This layout with the style sheet {@code style} (may be null) and the deferred {@code scripts}, in order. */
    public Layout withAssets(String style, List<String> scripts) {
        List<String> s = new ArrayList<>(styles);
        if (style != null) {
            s.add(style);
        }
        List<String> j = new ArrayList<>(this.scripts);
        j.addAll(scripts);
        return new Layout(title, visitor, query, nav, atomUrl, s, j);
    }

    /**
     * This layout typesetting the page's formulas (see {@code TexText.html}) with KaTeX, when {@code math}:
     * pages without math do not load it.
     */
    public Layout withMath(boolean math) {
        if (!math) {
            return this;
        }
        return withAssets(
                Webjar.KATEX.path("dist/katex.min.css"),
                List.of(Webjar.KATEX.path("dist/katex.min.js"), "/static/math.js"));
    }
}
