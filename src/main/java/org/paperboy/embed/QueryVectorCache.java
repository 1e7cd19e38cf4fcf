package org.paperboy.embed;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The vectors of the most recently searched queries, so paging through results, a feed reader
 * polling a saved search, or a popular query is embedded once. Holds at most {@code capacity}
 * queries, forgetting the least recently used; a {@code null} answer (model not loaded yet) is
 * not kept. The arrays returned are shared: callers must not change them. Thread-safe.
 */
public final class QueryVectorCache implements Function<String, float[]> {

    private final Function<String, float[]> embedder;
    private final Map<String, float[]> vectors;

    public QueryVectorCache(Function<String, float[]> embedder, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " is not at least 1");
        }
        this.embedder = embedder;
        this.vectors = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public float[] apply(String query) {
        synchronized (vectors) {
            float[] v = vectors.get(query);
            if (v != null) {
                return v;
            }
        }
        // Embedding runs outside the lock: two threads may embed the same new query once each.
        float[] v = embedder.apply(query);
        if (v != null) {
            synchronized (vectors) {
                vectors.put(query, v);
            }
        }
        return v;
    }

    /** How many queries are kept now. */
    public int size() {
        synchronized (vectors) {
            return vectors.size();
        }
    }
}
