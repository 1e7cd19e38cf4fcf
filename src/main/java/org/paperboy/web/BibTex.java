package org.paperboy.web;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Author;
import org.paperboy.paper.InvalidRecordException;
import org.paperboy.paper.Paper;

/**
 * The BibTeX entry of a paper: an {@code @misc} with arXiv's eprint fields, as arXiv's own export
 * writes it, keyed {@code lastnameYEARword} ({@code smith2026dense}). Field values are safe to
 * paste into a {@code .bib} file: braces are balanced and TeX's special characters outside math
 * ({@code & % #}) are escaped; TeX the source wrote ({@code $\alpha$}) is kept.
 */
public record BibTex(String key, String text) {

    private static final Set<String> SMALL_WORDS = Set.of(
            "a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "by", "at", "from", "is", "are", "via");

    /** The entry of {@code p}. */
    public static BibTex of(Paper p) {
        LocalDate day = p.published() != null ? p.published() : p.listedOn() != null ? p.listedOn() : p.updated();
        String key = key(p.authors(), day, p.title());
        StringBuilder b = new StringBuilder("@misc{").append(key).append(",\n");
        field(b, "title", p.title());
        if (!p.authors().isEmpty()) {
            field(
                    b,
                    "author",
                    String.join(" and ", p.authors().stream().map(Author::name).toList()));
        }
        if (day != null) {
            field(b, "year", Integer.toString(day.getYear()));
        }
        boolean arxiv = isArxiv(p.id());
        if (arxiv) {
            field(b, "eprint", p.id());
            field(b, "archivePrefix", "arXiv");
            if (p.primaryCategory() != null) {
                field(b, "primaryClass", p.primaryCategory());
            }
        }
        if (p.doi() != null) {
            field(b, "doi", p.doi());
        }
        String url = PaperPages.absUrl(p);
        if (url != null) {
            field(b, "url", url);
        }
        b.setLength(b.length() - 2);
        b.append("\n}\n");
        return new BibTex(key, b.toString());
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append("  ").append(name).append(" = {").append(escape(value)).append("},\n");
    }

    private static boolean isArxiv(String id) {
        try {
            return ArxivId.parse(id).id().equals(id);
        } catch (InvalidRecordException e) {
            return false;
        }
    }

    /** {@code lastname} of the first author, the year and the first word of the title that says something. */
    static String key(List<Author> authors, LocalDate day, String title) {
        String name = authors.isEmpty() ? "anon" : lastName(authors.get(0).name());
        String word = "";
        for (String w : title.split("\\s+")) {
            String a = ascii(w);
            if (!a.isEmpty() && !SMALL_WORDS.contains(a)) {
                word = a;
                break;
            }
        }
        return (name.isEmpty() ? "anon" : name) + (day == null ? "" : Integer.toString(day.getYear())) + word;
    }

    private static String lastName(String name) {
        int comma = name.indexOf(',');
        if (comma > 0) {
            return ascii(name.substring(0, comma));
        }
        String[] parts = name.strip().split("\\s+");
        return ascii(parts[parts.length - 1]);
    }

    /** Lower-case ASCII letters and digits of {@code s}, accents dropped ("Müller" gives "muller"). */
    private static String ascii(String s) {
        String plain = Normalizer.normalize(s, Normalizer.Form.NFD).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Balances braces (an unmatched one is dropped) and escapes {@code & % #} not escaped already. */
    static String escape(String value) {
        boolean[] drop = new boolean[value.length()];
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (escaped(value, i)) {
                continue;
            }
            if (c == '{') {
                open.push(i);
            } else if (c == '}') {
                if (open.isEmpty()) {
                    drop[i] = true;
                } else {
                    open.pop();
                }
            }
        }
        open.forEach(i -> drop[i] = true);
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (drop[i]) {
                continue;
            }
            if ((c == '&' || c == '%' || c == '#') && !escaped(value, i)) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** True when the character at {@code i} follows an odd number of backslashes. */
    private static boolean escaped(String s, int i) {
        int n = 0;
        for (int j = i - 1; j >= 0 && s.charAt(j) == '\\'; j--) {
            n++;
        }
        return n % 2 == 1;
    }
}
