package org.paperboy.search;

/**
 * How the index stores paper vectors for HNSW search. {@link #INT8} is the production choice: the
 * graph walk reads one byte per dimension, a quarter of the floats. The floats are still kept
 * beside the codes (so the index is somewhat larger on disk than {@link #FLOAT32}), and every
 * result is re-scored with them. {@link #FLOAT32} exists to measure what quantization costs.
 */
public enum VectorEncoding {
    /** HNSW over 8-bit scalar-quantized codes (Lucene's UNSIGNED_BYTE encoding). */
    INT8,
    /** HNSW over the full 32-bit floats. */
    FLOAT32
}
