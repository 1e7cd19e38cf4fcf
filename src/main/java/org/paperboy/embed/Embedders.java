package org.paperboy.embed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Builds the embedder an install names ({@code PAPERBOY_EMBEDDER}): {@value #MINILM}, {@value
 * #BGE_SMALL} or {@value #STUDENT}. The one place that knows which class serves which name; every
 * command gets its embedder from here. The caller closes what it gets.
 */
public final class Embedders {

    /** all-MiniLM-L6-v2: mean pooling, 256 tokens; the default. */
    public static final String MINILM = "minilm";

    /** bge-small-en-v1.5, int8-quantized: [CLS] pooling, 512 tokens, a query instruction. */
    public static final String BGE_SMALL = "bge-small";

    /** The fast student model trained on the install's own papers, read from {@link #studentModel}. */
    public static final String STUDENT = "student";

    /** Every name {@link #create} accepts, in the order the documentation lists them. */
    public static final List<String> NAMES = List.of(MINILM, BGE_SMALL, STUDENT);

    private Embedders() {}

    /**
     * The embedder called {@code name} (one of {@link #NAMES}); {@code dataDir} holds the student
     * model. Loading an ONNX model takes a few seconds.
     *
     * @throws IllegalArgumentException for another name
     * @throws EmbeddingException when the model cannot be loaded, e.g. no student model was trained
     */
    public static Embedder create(String name, Path dataDir) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataDir, "dataDir");
        return switch (name) {
            case MINILM -> OnnxEmbedder.allMiniLmL6V2();
            case BGE_SMALL -> OnnxEmbedder.bgeSmallEnV15();
            case STUDENT -> student(studentModel(dataDir));
            default ->
                throw new IllegalArgumentException("embedder '" + name + "' is not one of " + String.join(", ", NAMES));
        };
    }

    /** Where an install keeps its trained student model: {@code DATA/student.model}. */
    public static Path studentModel(Path dataDir) {
        return dataDir.resolve("student.model");
    }

    /** The student model in {@code file}; a missing file is an error that says how to make one. */
    public static Embedder student(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new EmbeddingException(
                    "no student model at " + file.toAbsolutePath() + "; run paperboy train-embedder", null);
        }
        return StudentEmbedder.load(file);
    }
}
