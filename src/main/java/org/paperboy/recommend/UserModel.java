package org.paperboy.recommend;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A reader's taste as a linear model over paper vectors: {@code score(x) = weights · x + bias},
 * higher meaning more likely to be wanted. Stored in {@link #bytes()} as float16 weights: 384
 * dimensions take 776 bytes, well under the 4 KB a model may take (issue 12).
 */
public record UserModel(float[] weights, float bias) {

    /** Format of {@link #bytes()}: magic "PBM1", dimension (int), bias (float), float16 weights. */
    private static final int MAGIC = 0x50424d31;

    private static final int HEADER = 12;

    /** Largest model stored, in bytes. */
    public static final int MAX_BYTES = 4096;

    public UserModel {
        weights = weights.clone();
        if (HEADER + 2 * weights.length > MAX_BYTES) {
            throw new IllegalArgumentException(
                    "a model of " + weights.length + " dimensions does not fit in " + MAX_BYTES + " bytes");
        }
    }

    public int dimensions() {
        return weights.length;
    }

    /** The score of the vector at {@code offset} of {@code data}. */
    public double score(float[] data, int offset) {
        return bias + Catalog.dot(weights, 0, data, offset, weights.length);
    }

    /** The score of {@code x}. */
    public double score(float[] x) {
        return score(x, 0);
    }

    /** The model as stored: a 12-byte header and two bytes per weight (IEEE 754 half precision). */
    public byte[] bytes() {
        ByteBuffer b = ByteBuffer.allocate(HEADER + 2 * weights.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(weights.length).putFloat(bias);
        for (float w : weights) {
            b.putShort(Float.floatToFloat16(w));
        }
        return b.array();
    }

    /**
     * The model stored as {@code bytes}; its weights are those of the saved model rounded to
     * float16 (about three decimal digits).
     *
     * @throws IllegalArgumentException when the bytes are not a stored model
     */
    public static UserModel parse(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < HEADER || b.getInt() != MAGIC) {
            throw new IllegalArgumentException("not a stored user model (bad magic or " + bytes.length + " bytes)");
        }
        int d = b.getInt();
        if (d < 0 || bytes.length != HEADER + 2 * d) {
            throw new IllegalArgumentException(
                    "stored user model of " + bytes.length + " bytes claims " + d + " dimensions");
        }
        float bias = b.getFloat();
        float[] w = new float[d];
        for (int i = 0; i < d; i++) {
            w[i] = Float.float16ToFloat(b.getShort());
        }
        return new UserModel(w, bias);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserModel m && m.bias == bias && Arrays.equals(m.weights, weights);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(weights) + Float.hashCode(bias);
    }

    @Override
    public String toString() {
        return "UserModel[" + weights.length + " dimensions, bias=" + bias + "]";
    }
}
