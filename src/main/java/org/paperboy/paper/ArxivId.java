package org.paperboy.paper;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An arXiv identifier in canonical form (no version, no prefix) plus the version it was written
 * with, 0 when none was given. Accepts new style ({@code 2603.28800}), old style
 * ({@code math.GT/0309136}), an {@code arXiv:} prefix and abs/pdf URLs.
 */
public record ArxivId(String id, int version) {

    // New style: YYMM.NNNN (2007-2014) or YYMM.NNNNN (2015 on), see arXiv's identifier scheme.
    private static final Pattern NEW_STYLE = Pattern.compile("(\\d{2})(\\d{2})\\.(\\d{4,5})(?:v(\\d{1,4}))?");
    // Old style: archive[.SUBJECT-CLASS]/YYMMNNN, e.g. hep-th/9901001, math.GT/0309136.
    private static final Pattern OLD_STYLE =
            Pattern.compile("([a-z]+(?:-[a-z]+)*)(\\.[A-Z]{2})?/(\\d{2})(\\d{2})(\\d{3})(?:v(\\d{1,4}))?");
    private static final Pattern URL =
            Pattern.compile("(?i)^https?://(?:www\\.|export\\.)?arxiv\\.org/(?:abs|pdf)/(.+?)(?:\\.pdf)?/?$");

    public ArxivId {
        if (id == null || id.isEmpty()) {
            throw new InvalidRecordException("id", "empty arXiv id");
        }
        if (version < 0) {
            throw new InvalidRecordException("id", "negative version " + version);
        }
    }

    /**
     * Parses any accepted spelling.
     *
     * @throws InvalidRecordException naming the input and why it is not an arXiv id
     */
    public static ArxivId parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRecordException("id", "empty arXiv id");
        }
        String s = text.strip();
        Matcher url = URL.matcher(s);
        if (url.matches()) {
            s = url.group(1);
        } else if (s.regionMatches(true, 0, "arxiv:", 0, 6)) {
            s = s.substring(6);
        }
        Matcher m = NEW_STYLE.matcher(s);
        if (m.matches()) {
            int month = Integer.parseInt(m.group(2));
            if (month < 1 || month > 12) {
                throw invalid(text, "month " + m.group(2) + " is not 01-12");
            }
            int yymm = Integer.parseInt(m.group(1) + m.group(2));
            int digits = m.group(3).length();
            // Four-digit numbers were used from 0704 to 1412, five-digit ones from 1501.
            if (yymm < 704) {
                throw invalid(text, "new-style ids start at 0704");
            }
            if (yymm >= 1501 && digits != 5) {
                throw invalid(text, "ids from 1501 on have a five-digit number");
            }
            if (yymm < 1501 && digits != 4) {
                throw invalid(text, "ids before 1501 have a four-digit number");
            }
            return new ArxivId(m.group(1) + m.group(2) + "." + m.group(3), version(m.group(4), text));
        }
        m = OLD_STYLE.matcher(s);
        if (m.matches()) {
            int month = Integer.parseInt(m.group(4));
            if (month < 1 || month > 12) {
                throw invalid(text, "month " + m.group(4) + " is not 01-12");
            }
            String subject = m.group(2) == null ? "" : m.group(2);
            return new ArxivId(
                    m.group(1) + subject + "/" + m.group(3) + m.group(4) + m.group(5), version(m.group(6), text));
        }
        throw invalid(
                text,
                "not an arXiv id (expected e.g. 2603.28800, 2603.28800v2, arXiv:2603.28800, "
                        + "https://arxiv.org/abs/2603.28800 or hep-th/9901001)");
    }

    /** True when {@code text} parses; for detection, never for validation. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidRecordException e) {
            return false;
        }
    }

    /** The arXiv id {@code id} is, when it is one in its canonical spelling ({@code 2607.00001}, {@code hep-th/9901001}). */
    public static java.util.Optional<ArxivId> canonical(String id) {
        try {
            ArxivId a = parse(id);
            return a.id().equals(id) ? java.util.Optional.of(a) : java.util.Optional.empty();
        } catch (InvalidRecordException e) {
            return java.util.Optional.empty();
        }
    }

    public String absUrl() {
        return "https://arxiv.org/abs/" + id;
    }

    public String pdfUrl() {
        return "https://arxiv.org/pdf/" + id;
    }

    @Override
    public String toString() {
        return version == 0 ? id : id + "v" + version;
    }

    private static int version(String digits, String input) {
        if (digits == null) {
            return 0;
        }
        int v = Integer.parseInt(digits);
        if (v == 0) {
            throw invalid(input, "version v0 does not exist; versions start at v1");
        }
        return v;
    }

    private static InvalidRecordException invalid(String input, String reason) {
        String shown = input.length() > 80 ? input.substring(0, 80) + "..." : input;
        return new InvalidRecordException("id", "'" + shown + "' " + reason);
    }
}
