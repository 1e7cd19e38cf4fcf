package org.paperboy.eval;

import java.io.IOException;
import java.util.List;

/**
 * A search mode under evaluation: returns up to {@code depth} documents for a query, best first. It is
 * called from several threads at once when an {@link Evaluation} runs in parallel, so it must be
 * thread-safe then.
 */
@FunctionalInterface
public interface Retriever {
    List<ScoredDoc> retrieve(BeirQuery query, int depth) throws IOException;
}
