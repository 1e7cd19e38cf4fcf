package org.paperboy.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.InvalidRecordException;

/**
 * The arXiv ids in an uploaded BibTeX file (seed papers at onboarding): from each entry's
 * {@code eprint} field, or an arXiv id or URL anywhere in it ({@code arXiv:2401.01234},
 * {@code arxiv.org/abs/...}). A text without any {@code @type{key,} entry is not BibTeX.
 */
record BibTexUpload(List<String> ids, int entries, int withoutId) {

    /** Largest file read. */
    static final int MAX_BYTES = 1 << 20;

    private static final Pattern ENTRY = Pattern.compile("@\\s*([A-Za-z]+)\\s*[{(]\\s*([^,\\s{}()]*)\\s*,");
    private static final Pattern EPRINT =
            Pattern.compile("(?i)\\beprint\\s*=\\s*[{\"]\\s*(?:arxiv:)?([^}\"\\s]+)\\s*[}\"]");
    private static final Pattern ANYWHERE = Pattern.compile(
            "(?i)(?:arxiv[:\\s]\\s*|arxiv\\.org/(?:abs|pdf)/)([a-z-]+(?:\\.[a-z-]+)?/\\d{7}|\\d{4}\\.\\d{4,5})(?:v\\d+)?");

    /**
     * The ids in {@code text}, in the order of the entries, without repeats.
     *
     * @throws HttpError 400 naming the field {@code bibtex} when the text holds no BibTeX entry
     */
    static BibTexUpload parse(String text) {
        if (text.indexOf('\0') >= 0) {
            throw notBibTex("it is a binary file");
        }
        Matcher m = ENTRY.matcher(text);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            String type = m.group(1).toLowerCase(java.util.Locale.ROOT);
            if (!type.equals("comment") && !type.equals("string") && !type.equals("preamble")) {
                spans.add(new int[] {m.start(), 0});
            }
        }
        if (spans.isEmpty()) {
            throw notBibTex("no entry such as @article{key, ...} was found");
        }
        Set<String> ids = new LinkedHashSet<>();
        int without = 0;
        for (int i = 0; i < spans.size(); i++) {
            int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : text.length();
            String entry = text.substring(spans.get(i)[0], end);
            String id = idIn(entry);
            if (id == null) {
                without++;
            } else {
                ids.add(id);
            }
        }
        return new BibTexUpload(List.copyOf(ids), spans.size(), without);
    }

    private static String idIn(String entry) {
        Matcher e = EPRINT.matcher(entry);
        if (e.find()) {
            String id = canonical(e.group(1));
            if (id != null) {
                return id;
            }
        }
        Matcher a = ANYWHERE.matcher(entry);
        while (a.find()) {
            String id = canonical(a.group(1));
            if (id != null) {
                return id;
            }
        }
        return null;
    }

    private static String canonical(String raw) {
        try {
            return ArxivId.parse(raw).id();
        } catch (InvalidRecordException e) {
            return null;
        }
    }

    private static HttpError notBibTex(String why) {
        return HttpError.badField("bibtex", null, "the file is not BibTeX: " + why);
    }
}
