package org.paperboy.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where to send a visitor after a form or sign-in: always a path on this site. {@link #parse}
 * turns anything else (another site, {@code //host}, {@code /\host}, control characters that
 * browsers drop) into {@code /}, so no parameter can make Paperboy an open redirect.
 */
record NextPath(String path) {

    static final NextPath HOME = new NextPath("/");

    private static final int MAX_LENGTH = 2000;

    /** The local path in {@code raw}, or {@code /} when it is missing or not local. */
    static NextPath parse(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > MAX_LENGTH || raw.charAt(0) != '/') {
            return HOME;
        }
        if (raw.length() > 1 && (raw.charAt(1) == '/' || raw.charAt(1) == '\\')) {
            return HOME;
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            // Browsers drop tabs and line breaks from URLs ("/\t/evil" becomes "//evil") and treat
            // '\' like '/'; a Location header holds printable ASCII only.
            if (c <= ' ' || c >= 0x7f || c == '\\') {
                return HOME;
            }
        }
        return new NextPath(raw);
    }

    /** The sign-in page that comes back here afterwards. */
    String loginUrl() {
        return path.equals("/") ? "/login" : "/login?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
    }
}
