package org.paperboy.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our tokenizer against the Hugging Face tokenizers library itself (the Rust implementation, through
 * DJL, whose native library ships inside its jar), both reading the shipped tokenizer JSON; the
 * library's copy is set to truncate at 256 tokens without padding. Texts are generated from a fixed
 * seed out of fragments that exercise every normalization rule: TeX, accents, CJK, emoji, controls,
 * odd whitespace, special tokens, over-long words and abstracts past the length limit.
 */
class HuggingFaceTokenizerParityTest {

    private static final String TOKENIZER_JSON = "/all-minilm-l6-v2-tokenizer.json";

    @TempDir
    static Path cache;

    private static HuggingFaceTokenizer reference;
    private static BertWordPieceTokenizer tokenizer;

    @BeforeAll
    static void load() throws IOException {
        assumeTrue(
                bundledNativeLibrary(),
                "DJL ships no tokenizers library for " + System.getProperty("os.name") + "/"
                        + System.getProperty("os.arch") + "; skipping the parity test rather than downloading one");
        // The native library is unpacked into the test's temporary directory, and never downloaded.
        System.setProperty("DJL_CACHE_DIR", cache.resolve("djl").toString());
        System.setProperty("ai.djl.offline", "true");

        ObjectNode json;
        try (InputStream in = HuggingFaceTokenizerParityTest.class.getResourceAsStream(TOKENIZER_JSON)) {
            json = (ObjectNode) new ObjectMapper().readTree(in);
        }
        ((ObjectNode) json.get("truncation")).put("max_length", BertWordPieceTokenizer.DEFAULT_MAX_LENGTH);
        json.putNull("padding");
        Path file = cache.resolve("tokenizer.json");
        Files.writeString(file, json.toString());
        reference = HuggingFaceTokenizer.newInstance(file);

        try (InputStream in = HuggingFaceTokenizerParityTest.class.getResourceAsStream(TOKENIZER_JSON)) {
            tokenizer = BertWordPieceTokenizer.fromJson(in);
        }
    }

    @AfterAll
    static void close() {
        if (reference != null) {
            reference.close();
        }
        System.clearProperty("DJL_CACHE_DIR");
        System.clearProperty("ai.djl.offline");
    }

    @Test
    void encodes_200_varied_texts_to_the_same_ids_as_the_hugging_face_library() {
        List<String> texts = texts(new Random(20250317), 200);
        int truncated = 0;

        for (String text : texts) {
            long[] expected = reference.encode(text).getIds();
            int[] actual = tokenizer.encode(text);
            assertThat(Arrays.stream(actual).asLongStream().toArray())
                    .as("ids of %s", text)
                    .containsExactly(expected);
            truncated += actual.length == BertWordPieceTokenizer.DEFAULT_MAX_LENGTH ? 1 : 0;
        }
        assertThat(truncated).as("texts cut at 256 tokens").isBetween(15, 40);
    }

    @Test
    void encodes_every_fragment_alone_to_the_same_ids() {
        for (String[] pool : POOLS) {
            for (String fragment : pool) {
                assertThat(Arrays.stream(tokenizer.encode(fragment))
                                .asLongStream()
                                .toArray())
                        .as("ids of %s", fragment)
                        .containsExactly(reference.encode(fragment).getIds());
            }
        }
    }

    private static final String[] WORDS = {
        "We",
        "propose",
        "a",
        "retrieval",
        "model",
        "that",
        "learns",
        "dense",
        "representations",
        "of",
        "scientific",
        "abstracts",
        "and",
        "outperforms",
        "BM25",
        "on",
        "BEIR",
        "benchmarks",
        "with",
        "fewer",
        "parameters",
        "Transformer-based",
        "encoders",
        "state-of-the-art",
        "zero-shot",
        "self-supervised",
        "fine-tuning",
        "LLMs",
        "GPT-4o",
        "RoBERTa",
        "e.g.",
        "i.e.",
        "et al.",
        "(ours)",
        "[12]",
        "Fig. 3",
        "Table 2",
        "nDCG@10",
        "F1-score",
        "C++",
        "Python3",
        "GitHub",
        "x86_64",
        "don't",
        "it's",
        "users'",
        "tokenizers",
        "subword",
        "embeddings",
        "hyperparameters",
        "quantization",
        "int8",
        "HNSW",
        "k-NN"
    };

    private static final String[] TEX = {
        "$\\alpha_{t+1} = \\beta^2$",
        "\\cite{smith2020}",
        "$\\mathbb{E}[x]$",
        "$O(n \\log n)$",
        "\\textbf{bold}",
        "~\\ref{fig:overview}",
        "$\\sum_{i=1}^{N} w_i x_i$",
        "$10^{-3}$",
        "\\emph{not}",
        "$\\mathcal{L}_{\\text{NCE}}$",
        "\\%",
        "$\\|v\\|_2 = 1$",
        "{\\\"o}",
        "$x \\in \\mathbb{R}^{d}$"
    };

    private static final String[] ACCENTED = {
        "Café", "naïve", "Zürich", "Łódź", "Ångström", "São Paulo", "Dvořák", "Erdős", "façade",
        "Schrödinger", "crème brûlée", "İstanbul", "Þór", "Ægir", "Cafe\u0301", "ÉCOLE", "Straße", "ﬁnal"
    };

    private static final String[] SCRIPTS = {
        "αβγ",
        "Σίσυφος",
        "ΣΟΦΙΑ",
        "Москва",
        "Ελληνικά",
        "深度学习",
        "日本語のテキスト",
        "한국어",
        "中文分词",
        "עברית",
        "العربية",
        "हिन्दी",
        "ภาษาไทย",
        "ＡＢＣ１２３",
        "ｶﾀｶﾅ"
    };

    private static final String[] SYMBOLS = {
        "🤖", "🚀", "👍🏽", "👨\u200D👩\u200D👧", "🫠", "❤️", "≤", "≥", "→", "∑", "∞", "±", "×", "°C", "€5",
        "£", "©", "™", "…", "—", "–", "“quoted”", "«guillemets»", "‰", "½", "x²", "§3.2", "•", "†", "√2"
    };

    private static final String[] SPECIAL = {
        "\u0000",
        "\u0007",
        "\t",
        "\n",
        "\r\n",
        "\u00A0",
        "\u2009",
        "\u3000",
        "\u200B",
        "\u200D",
        "\uFEFF",
        "\u00AD",
        "\u001F",
        "\u000B",
        "\u0085",
        "\uFFFD",
        "\uE000",
        "[MASK]",
        "[SEP]",
        "[CLS]",
        "[UNK]",
        "[PAD]",
        "[mask]",
        "[MASK",
        "https://example.org/a?b=c&d=e",
        "arXiv:2503.01234v2",
        "1e-4",
        "3.14159",
        "mail@example.com",
        "supercalifragilisticexpialidocious".repeat(3),
        "a".repeat(100)
    };

    private static final String[][] POOLS = {WORDS, TEX, ACCENTED, SCRIPTS, SYMBOLS, SPECIAL};

    private static final String[] SEPARATORS = {" ", " ", " ", "", ", ", ". ", "\n", "  "};

    /** Mostly English fragments with a sprinkling of the rest; every eighth text is abstract-length. */
    private static List<String> texts(Random random, int count) {
        List<String> texts = new ArrayList<>(count);
        for (int t = 0; t < count; t++) {
            int fragments = t % 8 == 7 ? 200 + random.nextInt(200) : 1 + random.nextInt(40);
            StringBuilder text = new StringBuilder();
            for (int f = 0; f < fragments; f++) {
                String[] pool = random.nextInt(3) == 0 ? POOLS[1 + random.nextInt(POOLS.length - 1)] : WORDS;
                String fragment = pool[random.nextInt(pool.length)];
                text.append(random.nextInt(10) == 0 ? fragment.toUpperCase(Locale.ROOT) : fragment);
                text.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
            }
            texts.add(text.toString());
        }
        return texts;
    }

    private static boolean bundledNativeLibrary() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String platform = (os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "osx" : "win") + "-"
                + (arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : "aarch64");
        String library = os.startsWith("linux")
                ? "libtokenizers.so"
                : os.startsWith("mac") ? "libtokenizers.dylib" : "tokenizers.dll";
        return HuggingFaceTokenizer.class.getResource("/native/lib/" + platform + "/cpu/" + library) != null;
    }
}
