package org.paperboy.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Library tags as a reader types them: separated by spaces or commas, lower-cased, each a letter or
 * digit followed by up to 31 letters, digits, dots, dashes or underscores; at most
 * {@value #MAX} per paper. Anything else is a 400 naming the tag.
 */
final class Tags {

    static final int MAX = 10;

    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]{0,31}");

    private Tags() {}

    /** The tags in {@code text} (null or blank: none), sorted and without repeats. */
    static List<String> parse(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> tags = new ArrayList<>();
        for (String raw : text.strip().split("[\\s,]+")) {
            String t = raw.toLowerCase(Locale.ROOT);
            if (!TAG.matcher(t).matches()) {
                throw HttpError.badField(
                        "tags",
                        text,
                        "'" + HttpError.shorten(raw) + "' is not a tag: use up to 32 letters, digits, '.', '-' or '_', "
                                + "starting with a letter or digit");
            }
            if (!tags.contains(t)) {
                tags.add(t);
            }
        }
        if (tags.size() > MAX) {
            throw HttpError.badField("tags", text, tags.size() + " tags given; a paper takes at most " + MAX);
        }
        tags.sort(null);
        return tags;
    }

    /** One tag as a filter ({@code /me/library?tag=}); {@code null} when absent. */
    static String filter(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (!TAG.matcher(t).matches()) {
            throw HttpError.badField("tag", text, "'" + HttpError.shorten(text) + "' is not a tag");
        }
        return t;
    }
}
