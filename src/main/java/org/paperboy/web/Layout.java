package org.paperboy.web;

/**
 * What the page frame ({@code layout.jte}) needs besides the page body: the title, the visitor
 * (for the account menu and CSRF tokens), the text already in the search box, the navigation
 * entry to mark as current ({@code today}, {@code trending}, {@code search}, {@code submit},
 * {@code me} or empty), and an optional Atom feed for the page.
 */
public record Layout(String title, Visitor visitor, String query, String nav, String atomUrl) {

    public static Layout of(String title, Visitor visitor, String nav) {
        return new Layout(title, visitor, "", nav, null);
    }

    public Layout withQuery(String query) {
        return new Layout(title, visitor, query == null ? "" : query, nav, atomUrl);
    }

    public Layout withAtom(String atomUrl) {
        return new Layout(title, visitor, query, nav, atomUrl);
    }
}
