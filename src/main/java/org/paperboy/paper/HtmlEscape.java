package org.paperboy.paper;

/**
 * HTML escaping of text for element content and quoted attributes: the five characters that can
 * end either ({@code & < > " '}) become entities, everything else passes unchanged. The one
 * escaper of the Java-built HTML (formulas, highlighted snippets); the JTE templates escape their
 * own output.
 */
public final class HtmlEscape {

    private HtmlEscape() {}

    /** {@code text}, escaped. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        escape(text, 0, text.length(), out);
        return out.toString();
    }

    /** Characters {@code from} to {@code to} of {@code text}, escaped, appended to {@code out}. */
    public static void escape(CharSequence text, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            escape(text.charAt(i), out);
        }
    }

    /** {@code c}, escaped, appended to {@code out}. */
    public static void escape(char c, StringBuilder out) {
        switch (c) {
            case '&' -> out.append("&amp;");
            case '<' -> out.append("&lt;");
            case '>' -> out.append("&gt;");
            case '"' -> out.append("&quot;");
            case '\'' -> out.append("&#39;");
            default -> out.append(c);
        }
    }
}
