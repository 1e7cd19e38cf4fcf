package org.paperboy.search;

import java.util.Locale;

/** Which retriever ranks the papers. */
public enum SearchMode {
    /** Lexical: BM25 over title, abstract and authors. */
    BM25,
    /** Dense: nearest neighbours of the query vector. */
    DENSE,
    /** Both, fused by a {@link Fusion}. */
    HYBRID;

    /**
     * The mode named {@code name} in any case, as the CLI and the web spell it ({@code bm25},
     * {@code dense}, {@code hybrid}).
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static SearchMode parse(String name) {
        for (SearchMode m : values()) {
            if (m.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return m;
            }
        }
        throw new IllegalArgumentException("mode: '" + name + "' is not one of bm25, dense, hybrid");
    }

    /** The lower-case name used on the command line, in URLs and in eval output. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
