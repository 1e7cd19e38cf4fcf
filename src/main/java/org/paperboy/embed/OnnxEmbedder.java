package org.paperboy.embed;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.IntStream;

/**
 * A BERT-family sentence embedder run in-process by ONNX Runtime: our WordPiece tokenizer, the
 * transformer, pooling (the mean over real tokens, or the [CLS] token's state), L2 normalization.
 * Two models ship: all-MiniLM-L6-v2 ({@link #allMiniLmL6V2()}) and the quantized
 * bge-small-en-v1.5 ({@link #bgeSmallEnV15()}). One session serves every thread; texts are sorted
 * by length and batched so each batch is padded only to its own longest text. Holds native memory
 * until {@link #close()}.
 */
public final class OnnxEmbedder implements Embedder {

    private static final String MINILM_NAME = "all-MiniLM-L6-v2";
    private static final String MINILM_MODEL = "/all-minilm-l6-v2.onnx";
    private static final String MINILM_TOKENIZER = "/all-minilm-l6-v2-tokenizer.json";

    private static final String BGE_SMALL_NAME = "bge-small-en-v1.5-q";
    private static final String BGE_SMALL_MODEL = "/bge-small-en-v1.5-q.onnx";
    private static final String BGE_SMALL_TOKENIZER = "/bge-small-en-v1.5-q-tokenizer.json";

    /**
     * The instruction bge-small-en-v1.5 puts before a short query to retrieve passages (its model
     * card); passages take none.
     */
    public static final String BGE_QUERY_PREFIX = "Represent this sentence for searching relevant passages: ";

    private static final String INPUT_IDS = "input_ids";
    private static final String ATTENTION_MASK = "attention_mask";
    private static final String TOKEN_TYPE_IDS = "token_type_ids";
    private static final String HIDDEN_STATES = "last_hidden_state";

    /** How a text's token states become one vector (before L2 normalization). */
    public enum Pooling {
        /** The average of the real tokens' states (sentence-transformers models such as MiniLM). */
        MEAN,
        /** The state of the first token, [CLS] (the BGE models). */
        CLS
    }

    /**
     * How texts are cut, batched, prefixed and pooled. {@code maxTokens} counts [CLS] and [SEP] and
     * is at most 512, the position limit of BERT-family models; the prefixes are prepended to every
     * query or passage before tokenization (empty for MiniLM, "query: " and "passage: " for e5, an
     * instruction before queries only for BGE).
     */
    public record Settings(int maxTokens, int batchSize, String queryPrefix, String passagePrefix, Pooling pooling) {

        /**
         * all-MiniLM-L6-v2: 256 tokens as the model was trained, mean pooling. Batches of 16: on 2
         * cores as fast as 32 or 64 (texts are length-sorted, so padding is small either way) with
         * far less native memory, since ONNX Runtime keeps its arena at the largest batch seen (RSS
         * 0.6 GB vs 0.8 and 1.35 GB).
         */
        public static final Settings DEFAULT =
                new Settings(BertWordPieceTokenizer.DEFAULT_MAX_LENGTH, 16, "", "", Pooling.MEAN);

        /**
         * bge-small-en-v1.5 as its model card and sentence-transformers configuration use it: 512
         * tokens, [CLS] pooling, the retrieval instruction before queries only. Its tokenizer file
         * lowercases and strips accents, as ours then does.
         */
        public static final Settings BGE_SMALL = new Settings(512, 16, BGE_QUERY_PREFIX, "", Pooling.CLS);

        /** Mean pooling. */
        public Settings(int maxTokens, int batchSize, String queryPrefix, String passagePrefix) {
            this(maxTokens, batchSize, queryPrefix, passagePrefix, Pooling.MEAN);
        }

        public Settings {
            if (maxTokens < 2 || maxTokens > 512) {
                throw new IllegalArgumentException("maxTokens " + maxTokens + " is outside 2..512");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize " + batchSize + " must be at least 1");
            }
            Objects.requireNonNull(queryPrefix, "queryPrefix");
            Objects.requireNonNull(passagePrefix, "passagePrefix");
            Objects.requireNonNull(pooling, "pooling");
        }

        public Settings withMaxTokens(int maxTokens) {
            return new Settings(maxTokens, batchSize, queryPrefix, passagePrefix, pooling);
        }

        public Settings withBatchSize(int batchSize) {
            return new Settings(maxTokens, batchSize, queryPrefix, passagePrefix, pooling);
        }

        public Settings withPrefixes(String queryPrefix, String passagePrefix) {
            return new Settings(maxTokens, batchSize, queryPrefix, passagePrefix, pooling);
        }

        public Settings withPooling(Pooling pooling) {
            return new Settings(maxTokens, batchSize, queryPrefix, passagePrefix, pooling);
        }

        /**
         * The part of a model id these settings contribute: the token limit, then the pooling and
         * the passage prefix when not the defaults (they change stored vectors; the query prefix
         * changes only query vectors, which are never stored).
         */
        String idSuffix() {
            return "/max-tokens:" + maxTokens
                    + (pooling == Pooling.MEAN
                            ? ""
                            : "/pooling:" + pooling.name().toLowerCase(java.util.Locale.ROOT))
                    + (passagePrefix.isEmpty() ? "" : "/passage-prefix:" + passagePrefix.strip());
        }
    }

    private final String modelId;
    private final Settings settings;
    private final BertWordPieceTokenizer tokenizer;
    private final OrtEnvironment environment;
    private final OrtSession session;
    /** One-thread session for single texts (search queries): no hand-off between threads for tiny inputs. */
    private final OrtSession singleSession;

    private final boolean takesTokenTypes;
    private final String hiddenStates;
    private final int dimensions;

    /** Runs hold the read lock, so {@link #close()} waits for them instead of freeing a live session. */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();

    private boolean closed;

    private OnnxEmbedder(String modelId, Path model, BertWordPieceTokenizer tokenizer, Settings settings) {
        this.modelId = modelId;
        this.settings = settings;
        this.tokenizer = tokenizer.withMaxLength(settings.maxTokens());
        OnnxRuntimeLibraries.install(); // before ONNX Runtime loads: one cached copy, not one in /tmp per process
        this.environment = OrtEnvironment.getEnvironment();
        // Batches (indexing) use every core; a single text (a search query, one of many served at
        // once) runs on its caller's thread alone, which on two busy cores answered web searches
        // faster than splitting each small matrix product across both.
        this.session = createSession(modelId, model, Runtime.getRuntime().availableProcessors());
        try {
            this.singleSession = createSession(modelId, model, 1);
        } catch (EmbeddingException e) {
            closeQuietly(session, e);
            throw e;
        }
        try {
            Set<String> inputs = session.getInputNames();
            if (!inputs.contains(INPUT_IDS) || !inputs.contains(ATTENTION_MASK)) {
                throw new EmbeddingException(
                        modelId + ": model inputs are " + inputs + ", expected " + INPUT_IDS + " and " + ATTENTION_MASK
                                + " (and optionally " + TOKEN_TYPE_IDS + ")",
                        null);
            }
            this.takesTokenTypes = inputs.contains(TOKEN_TYPE_IDS);
            this.hiddenStates = hiddenStatesOutput(modelId, session.getOutputInfo());
            this.dimensions = hiddenSize(modelId, session.getOutputInfo().get(hiddenStates));
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session, e);
            closeQuietly(singleSession, e);
            throw e instanceof EmbeddingException ee ? ee : new EmbeddingException(modelId + ": " + e.getMessage(), e);
        }
    }

    private OrtSession createSession(String modelId, Path model, int threads) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            // Spinning workers burn the cores the web server and Lucene share with us; under load on
            // two busy cores spinning halved embedding throughput in our measurement (issue 3).
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            return environment.createSession(model.toString(), options);
        } catch (OrtException e) {
            throw new EmbeddingException(modelId + ": ONNX Runtime cannot load the model", e);
        }
    }

    /** all-MiniLM-L6-v2 as shipped in the langchain4j model artifact, with default settings. */
    public static OnnxEmbedder allMiniLmL6V2() {
        return allMiniLmL6V2(Settings.DEFAULT);
    }

    public static OnnxEmbedder allMiniLmL6V2(Settings settings) {
        return fromClasspath(MINILM_NAME, MINILM_MODEL, MINILM_TOKENIZER, settings);
    }

    /**
     * bge-small-en-v1.5, int8-quantized, as shipped in the langchain4j model artifact, with {@link
     * Settings#BGE_SMALL}: twice MiniLM's layers, better on scientific retrieval (BENCHMARKS.md).
     */
    public static OnnxEmbedder bgeSmallEnV15() {
        return bgeSmallEnV15(Settings.BGE_SMALL);
    }

    public static OnnxEmbedder bgeSmallEnV15(Settings settings) {
        return fromClasspath(BGE_SMALL_NAME, BGE_SMALL_MODEL, BGE_SMALL_TOKENIZER, settings);
    }

    /**
     * Loads an ONNX model and its Hugging Face tokenizer JSON from classpath resources. The model id
     * is {@code name/sha256:<first 16 hex digits of the model file>/max-tokens:<maxTokens>}, followed
     * by {@code /pooling:cls} for [CLS] pooling and the passage prefix when there is one.
     */
    public static OnnxEmbedder fromClasspath(
            String name, String modelResource, String tokenizerResource, Settings settings) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(settings, "settings");
        BertWordPieceTokenizer tokenizer;
        try (InputStream in = resource(tokenizerResource)) {
            tokenizer = BertWordPieceTokenizer.fromJson(in);
        } catch (IOException e) {
            throw new EmbeddingException(name + ": cannot read tokenizer " + tokenizerResource, e);
        }
        // The model goes through a temporary file rather than a byte array: measured 1.4 s instead
        // of 2.4 s to a ready session, with 60 MB instead of 200 MB of peak heap.
        Path model;
        try {
            model = Files.createTempFile("paperboy-model-", ".onnx");
        } catch (IOException e) {
            throw new EmbeddingException(name + ": cannot create a temporary file for the model", e);
        }
        try {
            MessageDigest sha256 = sha256();
            try (InputStream in = new DigestInputStream(resource(modelResource), sha256)) {
                Files.copy(in, model, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new EmbeddingException(name + ": cannot read model " + modelResource, e);
            }
            String checksum = HexFormat.of().formatHex(sha256.digest(), 0, 8);
            String modelId = name + "/sha256:" + checksum + settings.idSuffix();
            return new OnnxEmbedder(modelId, model, tokenizer, settings);
        } finally {
            deleteQuietly(model);
        }
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public float[][] embedPassages(List<String> texts) {
        return embed(texts, settings.passagePrefix());
    }

    @Override
    public float[][] embedQueries(List<String> texts) {
        return embed(texts, settings.queryPrefix());
    }

    /** Waits for running calls, then frees the session; later calls fail. Idempotent. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                session.close();
                singleSession.close();
            }
        } catch (OrtException e) {
            throw new EmbeddingException(modelId + ": closing the ONNX session failed", e);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private float[][] embed(List<String> texts, String prefix) {
        Objects.requireNonNull(texts, "texts");
        int[][] ids = new int[texts.size()][];
        for (int i = 0; i < ids.length; i++) {
            int index = i;
            String text = Objects.requireNonNull(texts.get(i), () -> "texts[" + index + "]");
            ids[i] = tokenizer.encode(prefix.isEmpty() ? text : prefix + text);
        }
        // Longest first, so texts of similar length share a batch and little padding is computed.
        int[] order = IntStream.range(0, ids.length)
                .boxed()
                .sorted(Comparator.comparingInt((Integer i) -> ids[i].length).reversed())
                .mapToInt(Integer::intValue)
                .toArray();
        float[][] vectors = new float[ids.length][];
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException(modelId + ": embedder is closed");
            }
            for (int from = 0; from < order.length; from += settings.batchSize()) {
                int[] batch = Arrays.copyOfRange(order, from, Math.min(order.length, from + settings.batchSize()));
                embedBatch(ids.length == 1 ? singleSession : session, ids, batch, vectors);
            }
        } catch (OrtException e) {
            throw new EmbeddingException(modelId + ": inference failed", e);
        } finally {
            lifecycle.readLock().unlock();
        }
        return vectors;
    }

    private void embedBatch(OrtSession session, int[][] ids, int[] batch, float[][] vectors) throws OrtException {
        int width = 0;
        for (int i : batch) {
            width = Math.max(width, ids[i].length);
        }
        long[] inputIds = new long[batch.length * width];
        long[] mask = new long[batch.length * width];
        Arrays.fill(inputIds, tokenizer.padId());
        for (int row = 0; row < batch.length; row++) {
            int[] textIds = ids[batch[row]];
            for (int t = 0; t < textIds.length; t++) {
                inputIds[row * width + t] = textIds[t];
                mask[row * width + t] = 1;
            }
        }
        long[] shape = {batch.length, width};
        try (OnnxTensor idsTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(inputIds), shape);
                OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
                OnnxTensor typesTensor = takesTokenTypes
                        ? OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[inputIds.length]), shape)
                        : null) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put(INPUT_IDS, idsTensor);
            inputs.put(ATTENTION_MASK, maskTensor);
            if (typesTensor != null) {
                inputs.put(TOKEN_TYPE_IDS, typesTensor);
            }
            try (OrtSession.Result result = session.run(inputs, Set.of(hiddenStates))) {
                FloatBuffer states = ((OnnxTensor) result.get(0)).getFloatBuffer();
                for (int row = 0; row < batch.length; row++) {
                    // [CLS] pooling reads only the first position: the unit vector of that state.
                    int tokens = settings.pooling() == Pooling.CLS ? 1 : ids[batch[row]].length;
                    vectors[batch[row]] = pooledUnitVector(states, row * width, tokens);
                }
            }
        }
    }

    /**
     * Averages the hidden states of a text's first {@code tokens} positions (its real tokens, where
     * the attention mask is 1, for mean pooling; just [CLS] for CLS pooling) and scales the mean to
     * unit length, as sentence-transformers does for these models.
     */
    private float[] pooledUnitVector(FloatBuffer states, int firstPosition, int tokens) {
        double[] sum = new double[dimensions];
        for (int t = 0; t < tokens; t++) {
            int offset = (firstPosition + t) * dimensions;
            for (int d = 0; d < dimensions; d++) {
                sum[d] += states.get(offset + d);
            }
        }
        double squares = 0;
        for (double s : sum) {
            squares += s * s;
        }
        // Dividing by the token count cancels out in the normalization, so it is skipped.
        double scale = 1.0 / Math.max(Math.sqrt(squares), 1e-12);
        float[] vector = new float[dimensions];
        for (int d = 0; d < dimensions; d++) {
            vector[d] = (float) (sum[d] * scale);
        }
        return vector;
    }

    /**
     * The output holding every token's state: {@code last_hidden_state}, or else the only output
     * of shape [batch, sequence, hidden] (exports name it differently).
     */
    private static String hiddenStatesOutput(String modelId, Map<String, NodeInfo> outputs) {
        if (outputs.containsKey(HIDDEN_STATES)) {
            return HIDDEN_STATES;
        }
        List<String> threeD = outputs.entrySet().stream()
                .filter(e -> e.getValue().getInfo() instanceof TensorInfo t && t.getShape().length == 3)
                .map(Map.Entry::getKey)
                .toList();
        if (threeD.size() != 1) {
            throw new EmbeddingException(
                    modelId + ": model outputs are " + outputs.keySet() + ", expected " + HIDDEN_STATES, null);
        }
        return threeD.get(0);
    }

    private static int hiddenSize(String modelId, NodeInfo output) {
        if (output == null || !(output.getInfo() instanceof TensorInfo info)) {
            throw new EmbeddingException(modelId + ": model has no " + HIDDEN_STATES + " output", null);
        }
        long[] shape = info.getShape();
        if (shape.length != 3 || shape[2] <= 0) {
            throw new EmbeddingException(
                    modelId + ": " + HIDDEN_STATES + " has shape " + Arrays.toString(shape)
                            + ", expected [batch, sequence, hidden] with a fixed hidden size",
                    null);
        }
        return Math.toIntExact(shape[2]);
    }

    private static InputStream resource(String name) throws IOException {
        Objects.requireNonNull(name, "resource name");
        InputStream in = OnnxEmbedder.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is not on the classpath");
        }
        return in;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /** The session has read the whole model, so the file can go; a leftover is only wasted space. */
    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }

    private static void closeQuietly(OrtSession session, Exception failure) {
        try {
            session.close();
        } catch (OrtException e) {
            failure.addSuppressed(e);
        }
    }
}
