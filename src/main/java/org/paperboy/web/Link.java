package org.paperboy.web;

/** A link a page shows: where it goes, its text, and whether it is the page being shown. */
public record Link(String href, String label, boolean current) {

    public static Link to(String href, String label) {
        return new Link(href, label, false);
    }

    /** {@code "page"} for the current link's {@code aria-current}, else {@code null} (no attribute). */
    public String ariaCurrent() {
        return current ? "page" : null;
    }
}
