package org.paperboy.paper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds web addresses in free text such as an arXiv comment or abstract: {@code http(s)://}
 * addresses, {@code www.} names and bare code-host paths ({@code github.com/owner/repo}). Each
 * found address is given as written (its span in the text) and as an absolute {@code https}
 * URL; punctuation that ends a sentence is not part of it. Never throws on any text.
 */
public final class UrlScanner {

    /** One address in a text: {@code text.substring(start, end)} is what was written. */
    public record Found(int start, int end, String url) {}

    private static final Pattern ADDRESS = Pattern.compile(
            "(?i)(?<![\\w@./-])(?:https?://|www\\.|(?:github\\.com|gitlab\\.com|huggingface\\.co|bitbucket\\.org"
                    + "|codeberg\\.org)/)[^\\s<>\"'`{}|\\\\^\\[\\]]+");

    // Characters that end a sentence or a bracket around an address rather than the address.
    private static final String TRAILING = ".,;:!?)'\"*";

    private UrlScanner() {}

    /** Every address in {@code text}, in order; none for {@code null}. */
    public static List<Found> scan(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<Found> found = new ArrayList<>();
        Matcher m = ADDRESS.matcher(text);
        while (m.find()) {
            int end = trimmedEnd(text, m.start(), m.end());
            String written = text.substring(m.start(), end);
            String url = absolute(written);
            if (url != null) {
                found.add(new Found(m.start(), end, url));
            }
        }
        return found;
    }

    private static int trimmedEnd(String text, int start, int end) {
        while (end > start && TRAILING.indexOf(text.charAt(end - 1)) >= 0) {
            char c = text.charAt(end - 1);
            // A closing parenthesis belongs to the address when it closes one opened inside it.
            if (c == ')' && count(text, start, end, '(') >= count(text, start, end, ')')) {
                break;
            }
            end--;
        }
        return end;
    }

    private static long count(String text, int start, int end, char c) {
        return text.substring(start, end).chars().filter(x -> x == c).count();
    }

    /** The written address as an absolute URL, or {@code null} when it has no host. */
    private static String absolute(String written) {
        String lower = written.toLowerCase(Locale.ROOT);
        String url;
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            url = written;
        } else {
            url = "https://" + written;
        }
        String rest = url.substring(url.indexOf("://") + 3);
        if (rest.isEmpty() || rest.startsWith("/") || !rest.contains(".") || url.length() > 2048) {
            return null;
        }
        for (int i = 0; i < url.length(); i++) {
            if (Character.isSurrogate(url.charAt(i))) {
                return null;
            }
        }
        return url;
    }

    /** The host of an absolute URL found by {@link #scan}, lower case, without {@code www.}. */
    public static String host(String url) {
        String rest = url.substring(url.indexOf("://") + 3);
        int slash = indexOfAny(rest, "/?#");
        String host = (slash < 0 ? rest : rest.substring(0, slash)).toLowerCase(Locale.ROOT);
        int port = host.indexOf(':');
        if (port >= 0) {
            host = host.substring(0, port);
        }
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    /** The non-empty path segments of an absolute URL found by {@link #scan}. */
    public static List<String> pathSegments(String url) {
        String rest = url.substring(url.indexOf("://") + 3);
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return List.of();
        }
        String path = rest.substring(slash + 1);
        int end = indexOfAny(path, "?#");
        if (end >= 0) {
            path = path.substring(0, end);
        }
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
