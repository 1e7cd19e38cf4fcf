package org.paperboy.paper;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A research paper as Paperboy keeps it: validated and whitespace-normalized on construction
 * (arXiv's hard line wraps joined, TeX kept as written), so two papers are equal exactly when
 * every stored field is. {@code version} is 0 when the source does not say; {@code listedOn}
 * (the day the paper joined the feed) is {@code null} for papers that are not in any feed,
 * such as a BEIR corpus. Categories are ordered, primary first.
 */
public record Paper(
        String id,
        int version,
        String title,
        String abstractText,
        List<Author> authors,
        List<String> categories,
        LocalDate published,
        LocalDate updated,
        LocalDate listedOn,
        Links links,
        String comment,
        String journalRef,
        String doi,
        String license,
        int upvotes) {

    /** The earliest listing or publication day accepted: arXiv opened in 1991 (issue 11). */
    public static final LocalDate EARLIEST_DAY = LocalDate.of(1990, 1, 1);

    /** Longest accepted text field, in UTF-8 bytes. */
    public static final int MAX_FIELD_BYTES = 100 * 1024;

    public Paper {
        id = required("id", id);
        if (id.length() > 200) {
            throw new InvalidRecordException("id", "'" + shorten(id) + "' is longer than 200 characters");
        }
        if (version < 0) {
            throw new InvalidRecordException("version", "negative version " + version);
        }
        title = required("title", title);
        abstractText = required("abstract", abstractText);
        authors = List.copyOf(authors == null ? List.of() : authors);
        categories = categories(categories == null ? List.of() : categories);
        links = links == null ? Links.NONE : links;
        comment = optional("comment", comment);
        journalRef = optional("journal_ref", journalRef);
        doi = optional("doi", doi);
        license = optional("license", license);
        if (upvotes < 0) {
            throw new InvalidRecordException("upvotes", "negative count " + upvotes);
        }
        long authorChars = 0;
        for (Author a : authors) {
            authorChars += a.name().length();
        }
        // A char is at most 3 UTF-8 bytes, so only long lists need encoding to be measured.
        if (authorChars > MAX_FIELD_BYTES / 3 && utf8Bytes(authors) > MAX_FIELD_BYTES) {
            throw new InvalidRecordException("authors", "author list is over the 100 KB limit");
        }
    }

    private static long utf8Bytes(List<Author> authors) {
        long bytes = 0;
        for (Author a : authors) {
            bytes += a.name().getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /**
     * Checks that the listing and publication days lie from {@link #EARLIEST_DAY} to the day after
     * {@code today} (a day of slack for time zones); a source that says {@code 0000-01-01} is wrong.
     *
     * @throws InvalidRecordException naming the field, the day and the range
     */
    public void requirePlausibleDays(LocalDate today) {
        requirePlausible("listed_on", listedOn, today);
        requirePlausible("published", published, today);
    }

    private static void requirePlausible(String field, LocalDate day, LocalDate today) {
        LocalDate latest = today.plusDays(1);
        if (day != null && (day.isBefore(EARLIEST_DAY) || day.isAfter(latest))) {
            throw new InvalidRecordException(
                    field, "'" + day + "' is outside " + EARLIEST_DAY + " to " + latest + " (tomorrow)");
        }
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The arXiv abstract page: the paper's own link, else the one its arXiv id implies; {@code null} for neither. */
    public String absUrl() {
        return links.abs() != null
                ? links.abs()
                : ArxivId.canonical(id).map(ArxivId::absUrl).orElse(null);
    }

    /** The PDF: the paper's own link, else the one its arXiv id implies; {@code null} for neither. */
    public String pdfUrl() {
        return links.pdf() != null
                ? links.pdf()
                : ArxivId.canonical(id).map(ArxivId::pdfUrl).orElse(null);
    }

    /** The primary category, or {@code null} when the paper has none. */
    public String primaryCategory() {
        return categories.isEmpty() ? null : categories.get(0);
    }

    /**
     * This stored paper combined with {@code incoming}, another record of the same paper.
     * A newer version replaces the content and keeps what it lacks; an older version adds no
     * content; the same or an unknown version only fills blanks. Whatever the order, the first
     * listed day and the earliest publication day win, and upvotes never go down, so importing
     * the same records again, in any order, changes nothing.
     */
    public Paper merge(Paper incoming) {
        if (!id.equals(incoming.id)) {
            throw new IllegalArgumentException("cannot merge " + incoming.id + " into " + id);
        }
        boolean newer = incoming.version > 0 && incoming.version > version;
        boolean older = incoming.version > 0 && version > 0 && incoming.version < version;
        if (older) {
            // No content from an older version, but its days and upvotes count, so the result
            // does not depend on the order the versions arrive in.
            return new Paper(
                    id,
                    version,
                    title,
                    abstractText,
                    authors,
                    categories,
                    earliest(published, incoming.published),
                    latest(updated, incoming.updated),
                    earliest(listedOn, incoming.listedOn),
                    links,
                    comment,
                    journalRef,
                    doi,
                    license,
                    Math.max(upvotes, incoming.upvotes));
        }
        Paper first = newer ? incoming : this;
        Paper second = newer ? this : incoming;
        return new Paper(
                id,
                Math.max(version, incoming.version),
                first.title,
                first.abstractText,
                first.authors.isEmpty() ? second.authors : first.authors,
                first.categories.isEmpty() ? second.categories : first.categories,
                earliest(published, incoming.published),
                latest(updated, incoming.updated),
                earliest(listedOn, incoming.listedOn),
                first.links.orElse(second.links),
                either(first.comment, second.comment),
                either(first.journalRef, second.journalRef),
                either(first.doi, second.doi),
                either(first.license, second.license),
                Math.max(upvotes, incoming.upvotes));
    }

    /**
     * Joins every run of whitespace (line breaks included) into one space and strips the ends;
     * {@code null} stays {@code null}.
     */
    public static String normalizeWhitespace(String s) {
        if (s == null || isNormal(s)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isNormal(String s) {
        int n = s.length();
        if (n == 0) {
            return true;
        }
        if (isSpace(s.charAt(0)) || isSpace(s.charAt(n - 1))) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (isSpace(c) && (c != ' ' || s.charAt(i - 1) == ' ')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(char c) {
        return c == ' '
                || c == '\n'
                || c == '\r'
                || c == '\t'
                || c == '\u00A0'
                || c == '\f'
                || c == '\u000B'
                || Character.isWhitespace(c);
    }

    static final String UNPAIRED_SURROGATE = "contains an unpaired UTF-16 surrogate (not valid Unicode)";

    /**
     * True when {@code s} holds half of a surrogate pair alone, as an escaped lone surrogate in JSON
     * produces. Both JDBC drivers would store it as '?', so the stored text would silently differ
     * from the paper and its content hash.
     */
    static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    private static String required(String field, String value) {
        String v = optional(field, value);
        if (v == null) {
            throw new InvalidRecordException(field, "missing or empty");
        }
        return v;
    }

    private static String optional(String field, String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_FIELD_BYTES / 3 && value.getBytes(StandardCharsets.UTF_8).length > MAX_FIELD_BYTES) {
            throw new InvalidRecordException(
                    field, "is " + value.getBytes(StandardCharsets.UTF_8).length + " bytes, over the 100 KB limit");
        }
        if (value.indexOf('\0') >= 0) {
            throw new InvalidRecordException(field, "contains a NUL character");
        }
        if (hasUnpairedSurrogate(value)) {
            throw new InvalidRecordException(field, UNPAIRED_SURROGATE);
        }
        String v = normalizeWhitespace(value);
        return v.isEmpty() ? null : v;
    }

    private static List<String> categories(List<String> raw) {
        List<String> out = new ArrayList<>(raw.size());
        for (String c : raw) {
            // Sources mix arXiv codes (cs.CL) with ACM and MSC classes ("I.2.7; I.2.6"): kept as written.
            String v = c == null ? "" : normalizeWhitespace(c);
            if (v.isEmpty()
                    || v.length() > 256
                    || v.chars().anyMatch(ch -> ch < ' ' || ch == 0x7f)
                    || hasUnpairedSurrogate(v)) {
                throw new InvalidRecordException(
                        "categories", "'" + shorten(String.valueOf(c)) + "' is not a category code");
            }
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        return List.copyOf(out);
    }

    private static <T> T either(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    private static LocalDate earliest(LocalDate a, LocalDate b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.isAfter(b) ? a : b;
    }

    /** Collects fields for a {@link Paper}; validation happens in {@link #build()}. */
    public static final class Builder {
        private String id;
        private int version;
        private String title;
        private String abstractText;
        private List<Author> authors = List.of();
        private List<String> categories = List.of();
        private LocalDate published;
        private LocalDate updated;
        private LocalDate listedOn;
        private Links links = Links.NONE;
        private String comment;
        private String journalRef;
        private String doi;
        private String license;
        private int upvotes;

        private Builder(String id) {
            this.id = id;
        }

        private Builder(Paper p) {
            id = p.id;
            version = p.version;
            title = p.title;
            abstractText = p.abstractText;
            authors = p.authors;
            categories = p.categories;
            published = p.published;
            updated = p.updated;
            listedOn = p.listedOn;
            links = p.links;
            comment = p.comment;
            journalRef = p.journalRef;
            doi = p.doi;
            license = p.license;
            upvotes = p.upvotes;
        }

        public Builder id(String v) {
            id = v;
            return this;
        }

        public Builder version(int v) {
            version = v;
            return this;
        }

        public Builder title(String v) {
            title = v;
            return this;
        }

        public Builder abstractText(String v) {
            abstractText = v;
            return this;
        }

        public Builder authors(List<Author> v) {
            authors = v;
            return this;
        }

        public Builder authorNames(List<String> names) {
            List<Author> list = new ArrayList<>(names.size());
            for (String n : names) {
                list.add(new Author(n));
            }
            authors = list;
            return this;
        }

        public Builder categories(List<String> v) {
            categories = v;
            return this;
        }

        public Builder published(LocalDate v) {
            published = v;
            return this;
        }

        public Builder updated(LocalDate v) {
            updated = v;
            return this;
        }

        public Builder listedOn(LocalDate v) {
            listedOn = v;
            return this;
        }

        public Builder links(Links v) {
            links = v;
            return this;
        }

        public Builder comment(String v) {
            comment = v;
            return this;
        }

        public Builder journalRef(String v) {
            journalRef = v;
            return this;
        }

        public Builder doi(String v) {
            doi = v;
            return this;
        }

        public Builder license(String v) {
            license = v;
            return this;
        }

        public Builder upvotes(int v) {
            upvotes = v;
            return this;
        }

        public Paper build() {
            return new Paper(
                    id,
                    version,
                    title,
                    abstractText,
                    authors,
                    categories,
                    published,
                    updated,
                    listedOn,
                    links,
                    comment,
                    journalRef,
                    doi,
                    license,
                    upvotes);
        }
    }
}
