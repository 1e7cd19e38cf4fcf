package org.paperboy.embed;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The student model's file format, version 1, big-endian: the 8 bytes {@code PBSTUDNT}; int
 * version; int width; int features; int n-gram order (2); int tokenizer (1: {@link NgramHasher});
 * teacher name (modified UTF-8, as {@link DataOutputStream#writeUTF}); float bias[width]; long
 * hash[features]; float idf[features]; float scale[features]; byte weight[features x width]; and
 * last the SHA-256 of everything before it. Every read checks the length, the magic, the version
 * and the checksum and says which failed and in which file.
 */
final class StudentModelFile {

    static final byte[] MAGIC = "PBSTUDNT".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    private static final int NGRAM_ORDER = 2;
    private static final int TOKENIZER = 1;
    private static final int SHA256_BYTES = 32;
    /** 64 MB: four times the size goal; anything larger is not a model of ours. */
    private static final long MAX_BYTES = 64L << 20;

    private StudentModelFile() {}

    /** The file's bytes for an int8 model. */
    static byte[] encode(StudentEmbedder m) {
        if (m.int8Weights() == null) {
            throw new IllegalArgumentException("only an int8 model is written; call quantized() first");
        }
        FeatureVocabulary vocab = m.vocabulary();
        int width = m.width();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(vocab.size() * (width + 16) + 1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(width);
            out.writeInt(vocab.size());
            out.writeInt(NGRAM_ORDER);
            out.writeInt(TOKENIZER);
            out.writeUTF(m.teacher());
            for (float b : m.bias()) {
                out.writeFloat(b);
            }
            for (int f = 0; f < vocab.size(); f++) {
                out.writeLong(vocab.hash(f));
            }
            for (int f = 0; f < vocab.size(); f++) {
                out.writeFloat(vocab.idf(f));
            }
            for (float s : m.scales()) {
                out.writeFloat(s);
            }
            out.write(m.int8Weights());
            out.flush();
            out.write(sha256(bytes.toByteArray(), bytes.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** {@code m} with the checksum of its encoding, so its model id names its weights. */
    static StudentEmbedder checked(StudentEmbedder m) {
        byte[] bytes = encode(m);
        return m.withChecksum(HexFormat.of().formatHex(bytes, bytes.length - SHA256_BYTES, bytes.length));
    }

    /** Writes the model to a temporary file beside {@code file}, then moves it in place. */
    static void write(StudentEmbedder m, Path file) {
        Path target = file.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
            Files.write(tmp, encode(m));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new EmbeddingException("cannot write the student model " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the model was written; a stray temporary file is harmless
                }
            }
        }
    }

    static StudentEmbedder read(Path file) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw problem(file, "is " + size + " bytes, larger than any student model (" + MAX_BYTES + ")");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw problem(file, "does not exist; train one with `paperboy train-embedder`");
        } catch (IOException e) {
            throw new EmbeddingException("student model " + file + " cannot be read: " + e, e);
        }
        return decode(bytes, file);
    }

    static StudentEmbedder decode(byte[] bytes, Path file) {
        if (bytes.length < MAGIC.length || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw problem(file, "is not a Paperboy student model (it does not start with PBSTUDNT)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.position(MAGIC.length);
        try {
            int version = in.getInt();
            if (version != VERSION) {
                throw problem(file, "has format version " + version + "; this Paperboy reads version " + VERSION);
            }
            int width = in.getInt();
            int features = in.getInt();
            int order = in.getInt();
            int tokenizer = in.getInt();
            if (width < 1 || width > 4096 || features < 0 || features > 10_000_000) {
                throw problem(file, "has an impossible header (width " + width + ", features " + features + ")");
            }
            if (order != NGRAM_ORDER || tokenizer != TOKENIZER) {
                throw problem(
                        file,
                        "uses n-gram order " + order + " and tokenizer " + tokenizer + "; this Paperboy knows order "
                                + NGRAM_ORDER + " and tokenizer " + TOKENIZER);
            }
            int teacherLength = Short.toUnsignedInt(in.getShort());
            byte[] teacherBytes = new byte[teacherLength];
            in.get(teacherBytes);
            long expected = (long) in.position() + 4L * width + 16L * features + (long) features * width + SHA256_BYTES;
            if (bytes.length != expected) {
                throw problem(
                        file,
                        (bytes.length < expected ? "is truncated" : "has trailing bytes") + ": " + bytes.length
                                + " bytes where its header announces " + expected);
            }
            byte[] digest = sha256(bytes, bytes.length - SHA256_BYTES);
            if (!Arrays.equals(digest, 0, SHA256_BYTES, bytes, bytes.length - SHA256_BYTES, bytes.length)) {
                throw problem(file, "is corrupt: its SHA-256 checksum does not match its content");
            }
            float[] bias = new float[width];
            in.asFloatBuffer().get(bias);
            in.position(in.position() + 4 * width);
            long[] hashes = new long[features];
            in.asLongBuffer().get(hashes);
            in.position(in.position() + 8 * features);
            float[] idf = new float[features];
            in.asFloatBuffer().get(idf);
            in.position(in.position() + 4 * features);
            float[] scales = new float[features];
            in.asFloatBuffer().get(scales);
            in.position(in.position() + 4 * features);
            byte[] weights = new byte[features * width];
            in.get(weights);
            FeatureVocabulary vocabulary;
            try {
                vocabulary = new FeatureVocabulary(hashes, idf);
            } catch (IllegalArgumentException e) {
                throw problem(file, "has a bad feature list: " + e.getMessage());
            }
            String teacher = new java.io.DataInputStream(
                            new java.io.ByteArrayInputStream(ByteBuffer.allocate(2 + teacherLength)
                                    .putShort((short) teacherLength)
                                    .put(teacherBytes)
                                    .array()))
                    .readUTF();
            String checksum = HexFormat.of().formatHex(digest);
            return StudentEmbedder.ofInt8(vocabulary, width, bias, weights, scales, teacher, checksum);
        } catch (BufferUnderflowException | IOException e) {
            throw problem(file, "is truncated: its header ends early");
        }
    }

    private static EmbeddingException problem(Path file, String reason) {
        return new EmbeddingException("student model " + file + " " + reason);
    }

    private static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(bytes, 0, length);
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
