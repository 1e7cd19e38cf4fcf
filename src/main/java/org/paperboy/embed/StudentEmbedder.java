package org.paperboy.embed;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The fast lexical-dense embedder of issue 13, trained on the install's own papers by {@link
 * StudentTrainer}: word unigrams and bigrams ({@link NgramHasher}) weighted by sublinear TF-IDF
 * ({@link FeatureVocabulary}), an embedding bag of one learned row per n-gram (int8 with a scale
 * per row), plus a bias, L2-normalized. Its output space is the teacher's rotated onto the
 * teacher's principal axes, so every prefix of the vector ({@link #prefix}) is the best linear
 * summary of that width and works on its own (Matryoshka-style). Queries and passages are embedded
 * alike. Immutable and thread-safe; holds no native resources.
 */
public final class StudentEmbedder implements Embedder {

    /** Texts per parallel task when embedding many passages. */
    private static final int CHUNK = 64;

    private final FeatureVocabulary vocabulary;
    private final int width;
    private final int dimensions;
    private final float[] bias;
    /** Row-major features x width; exactly one of the two weight forms is set. */
    private final float[] floats;

    private final byte[] int8;
    private final float[] scales;
    private final String teacher;
    private final String checksum;

    private StudentEmbedder(
            FeatureVocabulary vocabulary,
            int width,
            int dimensions,
            float[] bias,
            float[] floats,
            byte[] int8,
            float[] scales,
            String teacher,
            String checksum) {
        this.vocabulary = vocabulary;
        this.width = width;
        this.dimensions = dimensions;
        this.bias = bias;
        this.floats = floats;
        this.int8 = int8;
        this.scales = scales;
        this.teacher = teacher;
        this.checksum = checksum;
    }

    /** A float model as training leaves it; {@link #quantized()} gives the int8 form that is saved and served. */
    static StudentEmbedder ofFloats(
            FeatureVocabulary vocabulary, int width, float[] bias, float[] weights, String teacher) {
        if (bias.length != width || weights.length != (long) vocabulary.size() * width) {
            throw new IllegalArgumentException("weights do not match " + vocabulary.size() + " features x " + width);
        }
        return new StudentEmbedder(vocabulary, width, width, bias, weights, null, null, teacher, null);
    }

    /** An int8 model as read from a file whose content has this SHA-256 {@code checksum} (hex). */
    static StudentEmbedder ofInt8(
            FeatureVocabulary vocabulary,
            int width,
            float[] bias,
            byte[] weights,
            float[] scales,
            String teacher,
            String checksum) {
        return new StudentEmbedder(vocabulary, width, width, bias, null, weights, scales, teacher, checksum);
    }

    /**
     * Reads a model written by {@code paperboy train-embedder}.
     *
     * @throws EmbeddingException naming the file and the reason when it is missing, unreadable,
     *     truncated, corrupt (checksum), of another format or of an unknown version
     */
    public static StudentEmbedder load(Path file) {
        return StudentModelFile.read(file);
    }

    /** Writes this model (int8) to {@code file} through a temporary file, so a reader never sees half a model. */
    public void save(Path file) {
        StudentModelFile.write(quantized(), file);
    }

    /**
     * This model with int8 weights: per n-gram row, each weight rounded to the nearest multiple of
     * the row's largest magnitude / 127. Vectors stay within a cosine of 0.999 of the float model's
     * (measured in StudentEmbedderTest); the model itself if already int8.
     */
    public StudentEmbedder quantized() {
        if (int8 != null) {
            return this;
        }
        int features = vocabulary.size();
        byte[] q = new byte[features * width];
        float[] s = new float[features];
        for (int f = 0; f < features; f++) {
            int base = f * width;
            float max = 0;
            for (int c = 0; c < width; c++) {
                max = Math.max(max, Math.abs(floats[base + c]));
            }
            float scale = max == 0 ? 1 : max / 127;
            s[f] = scale;
            for (int c = 0; c < width; c++) {
                q[base + c] = (byte) Math.round(floats[base + c] / scale);
            }
        }
        return StudentModelFile.checked(new StudentEmbedder(vocabulary, width, width, bias, null, q, s, teacher, null));
    }

    /** The same model giving only the first {@code dims} components (renormalized): a Matryoshka prefix. */
    public StudentEmbedder prefix(int dims) {
        if (dims < 1 || dims > width) {
            throw new IllegalArgumentException("a prefix of " + dims + " is outside 1.." + width);
        }
        return new StudentEmbedder(vocabulary, width, dims, bias, floats, int8, scales, teacher, checksum);
    }

    /** This model with its checksum set (after it was encoded). */
    StudentEmbedder withChecksum(String checksum) {
        return new StudentEmbedder(vocabulary, width, dimensions, bias, floats, int8, scales, teacher, checksum);
    }

    /** Throws when this model's vectors are not {@code expected} wide, naming {@code file}. */
    public StudentEmbedder requireDimensions(int expected, Path file) {
        if (dimensions != expected) {
            throw new EmbeddingException("student model " + file + " gives " + dimensions + "-dimensional vectors, but "
                    + expected + " are needed; train one with --dims " + expected);
        }
        return this;
    }

    @Override
    public String modelId() {
        String weights = checksum != null ? checksum.substring(0, 16) : "float";
        return "paperboy-student-" + weights + (dimensions == width ? "" : "-prefix" + dimensions) + "-d" + dimensions;
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    /** The full width of the model's vectors; {@link #dimensions()} is smaller for a prefix. */
    public int width() {
        return width;
    }

    /** Number of n-gram features (rows of the embedding bag). */
    public int features() {
        return vocabulary.size();
    }

    /** The teacher this model was distilled from, as recorded at training. */
    public String teacher() {
        return teacher;
    }

    FeatureVocabulary vocabulary() {
        return vocabulary;
    }

    float[] bias() {
        return bias;
    }

    byte[] int8Weights() {
        return int8;
    }

    float[] scales() {
        return scales;
    }

    @Override
    public float[][] embedPassages(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        float[][] out = new float[texts.size()][];
        int chunks = (texts.size() + CHUNK - 1) / CHUNK;
        IntStream range = IntStream.range(0, chunks);
        (chunks > 1 ? range.parallel() : range).forEach(c -> {
            FeatureVocabulary.Row row = new FeatureVocabulary.Row();
            for (int i = c * CHUNK; i < Math.min(texts.size(), (c + 1) * CHUNK); i++) {
                out[i] = embed(Objects.requireNonNull(texts.get(i), "texts[" + i + "]"), row);
            }
        });
        return out;
    }

    @Override
    public float[][] embedQueries(List<String> texts) {
        return embedPassages(texts);
    }

    @Override
    public float[] embedQuery(String text) {
        return embed(Objects.requireNonNull(text, "text"), new FeatureVocabulary.Row());
    }

    /** The unit vector of one text; a text without a known n-gram gets the normalized bias. */
    float[] embed(CharSequence text, FeatureVocabulary.Row row) {
        vocabulary.featurize(text, row);
        float[] v = new float[dimensions];
        System.arraycopy(bias, 0, v, 0, dimensions);
        int n = row.size;
        int[] fs = row.features;
        float[] ws = row.weights;
        if (int8 != null) {
            for (int k = 0; k < n; k++) {
                int f = fs[k];
                float w = ws[k] * scales[f];
                int base = f * width;
                for (int c = 0; c < dimensions; c++) {
                    v[c] += w * int8[base + c];
                }
            }
        } else {
            for (int k = 0; k < n; k++) {
                float w = ws[k];
                int base = fs[k] * width;
                for (int c = 0; c < dimensions; c++) {
                    v[c] += w * floats[base + c];
                }
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        if (norm == 0) {
            v[0] = 1;
            return v;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int c = 0; c < dimensions; c++) {
            v[c] *= inv;
        }
        return v;
    }

    @Override
    public void close() {
        // nothing to free: the weights are ordinary heap arrays
    }
}
