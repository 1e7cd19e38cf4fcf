package org.paperboy.search;

/**
 * How the index stores paper vectors for HNSW search. {@link #INT8} is the production choice: the
 * graph walk reads one byte per dimension, a quarter of the floats. The floats are still kept
 * beside the codes (so the index is somewhat larger on disk than {@link #FLOAT32}), and every
 * result is re-scored with them. {@link #INT4} and {@link #BIT1} make the codes the graph walk
 * reads smaller still; they fetch {@link #oversample()} times the wanted neighbours, which the
 * float re-scoring then cuts back. {@link #FLOAT32} exists to measure what quantization costs.
 */
public enum VectorEncoding {
    /** HNSW over 8-bit scalar-quantized codes (Lucene's UNSIGNED_BYTE encoding). */
    INT8(1),
    /** HNSW over the full 32-bit floats. */
    FLOAT32(1),
    /** HNSW over 4-bit codes (Lucene's PACKED_NIBBLE), two neighbours fetched per one wanted. */
    INT4(2),
    /** HNSW over 1-bit codes, queries at 4 bits (Lucene's SINGLE_BIT_QUERY_NIBBLE), 5 fetched per one wanted. */
    BIT1(5);

    private final int oversample;

    VectorEncoding(int oversample) {
        this.oversample = oversample;
    }

    /** How many neighbours the graph walk fetches per one wanted, before exact re-scoring. */
    public int oversample() {
        return oversample;
    }

    /**
     * The encoding called {@code name} in any case: int8, int4, bit1 or float32.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static VectorEncoding parse(String name) {
        for (VectorEncoding e : values()) {
            if (e.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return e;
            }
        }
        throw new IllegalArgumentException("vector encoding '" + name + "' is not one of int8, int4, bit1, float32");
    }
}
