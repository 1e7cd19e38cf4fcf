package org.paperboy.search;

import java.time.LocalDate;
import java.util.List;

/**
 * One search result. {@code titleHighlighted} and {@code snippetHighlighted} are HTML: the paper's
 * text escaped, with {@code <mark>}...{@code </mark>} around the words that matched the query,
 * ready to insert into a page unescaped; everything else is plain text ({@code abstractText} is the
 * whole abstract as indexed). {@code score} is the BM25 score, the dot product (cosine) with the
 * query vector, or the fused score, by mode. Dates and the code link are {@code null} when unknown.
 */
public record Hit(
        String id,
        double score,
        String title,
        String titleHighlighted,
        String snippetHighlighted,
        String abstractText,
        List<String> authors,
        List<String> categories,
        LocalDate listedOn,
        LocalDate published,
        String codeUrl) {
    public Hit {
        authors = List.copyOf(authors);
        categories = List.copyOf(categories);
    }
}
