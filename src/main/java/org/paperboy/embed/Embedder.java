package org.paperboy.embed;

import java.util.List;
import java.util.Objects;

/**
 * Turns texts into dense vectors of {@link #dimensions()} floats with unit L2 norm, so a dot
 * product is a cosine. Vectors are comparable only when {@link #modelId()} is equal: an index
 * stores the id and re-embeds when it changes. Implementations are thread-safe; callers close
 * the embedder once no call is running.
 */
public interface Embedder extends AutoCloseable {

    /** Names the model, a checksum of its weights and every setting that changes the vectors. */
    String modelId();

    int dimensions();

    /** One vector per text, in the order given; an empty list gives an empty array. */
    float[][] embedPassages(List<String> texts);

    /**
     * Like {@link #embedPassages} for search queries; models trained with instruction prefixes
     * (such as e5's "query: " and "passage: ") embed the two sides differently.
     */
    float[][] embedQueries(List<String> texts);

    default float[] embedQuery(String text) {
        return embedQueries(List.of(Objects.requireNonNull(text, "text")))[0];
    }

    @Override
    void close();
}
