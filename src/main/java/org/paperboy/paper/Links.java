package org.paperboy.paper;

/** Where a paper lives on the web; any link may be {@code null} when unknown. */
public record Links(String abs, String pdf, String code, String project) {
    public static final Links NONE = new Links(null, null, null, null);

    public Links {
        abs = url("abs", abs);
        pdf = url("pdf", pdf);
        code = url("code", code);
        project = url("project", project);
    }

    /** Each link of this, or of {@code other} where this has none. */
    Links orElse(Links other) {
        return new Links(
                abs != null ? abs : other.abs,
                pdf != null ? pdf : other.pdf,
                code != null ? code : other.code,
                project != null ? project : other.project);
    }

    private static String url(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (!(v.startsWith("https://") || v.startsWith("http://"))) {
            throw new InvalidRecordException(field, "'" + Paper.shorten(v) + "' is not an http(s) URL");
        }
        if (v.length() > 2048 || v.chars().anyMatch(c -> c <= ' ') || Paper.hasUnpairedSurrogate(v)) {
            throw new InvalidRecordException(field, "'" + Paper.shorten(v) + "' is not a valid URL");
        }
        return v;
    }
}
