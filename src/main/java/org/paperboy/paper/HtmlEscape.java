package org.paperboy.paper;

/**
 * HTML escaping of text for element content and quoted attributes: the five characters that can
 * end either ({@code & < > " '}) become entities, everything else passes unchanged. The one
 * escaper of the Java-built HTML (formulas, highlighted snippets); the JTE templates escape their
 * own output.
 */
public final class HtmlEscape {

    private HtmlEscape() {}

    /** {@code text}, escaped ({@code text} itself when nothing in it needs escaping). */
    public static String escape(String text) {
        int first = 0;
        while (first < text.length() && !special(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        out.append(text, 0, first);
        escape(text, first, text.length(), out);
        return out.toString();
    }

    /** Characters {@code from} to {@code to} of {@code text}, escaped, appended to {@code out}. */
    public static void escape(CharSequence text, int from, int to, StringBuilder out) {
        int run = from; // the start of the characters not yet appended
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (special(c)) {
                out.append(text, run, i);
                escape(c, out);
                run = i + 1;
            }
        }
        out.append(text, run, to);
    }

    private static boolean special(char c) {
        return c == '&' || c == '<' || c == '>' || c == '"' || c == '\'';
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
