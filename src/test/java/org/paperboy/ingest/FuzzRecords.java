package org.paperboy.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.paperboy.paper.Paper;

/**
 * Random records for {@link ImportFuzzIT}: valid arxiv-listing lines and hf-daily items, and
 * mutations of them, from bit flips to wrong field types. Everything comes from the one
 * {@link Random}, so a seed reproduces a run. Generated text has no ASCII digits and mutations
 * splice only mutated lines, so a mutated record never holds another record's id.
 */
final class FuzzRecords {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final String[] WORDS = {
        "sparse",
        "experts",
        "diffusion",
        "graph",
        "transformer",
        "attention",
        "retrieval",
        "language",
        "model",
        "scaling",
        "laws",
        "robust",
        "learning",
        "kernel",
        "bandit",
        "causal",
        "$\\alpha$-stable",
        "$O(n\\log n)$",
        "über",
        "naïve",
        "señal",
        "模型",
        "δ-net",
        "\\emph{fast}",
        "quantum",
        "tokens",
        "agents",
        "reasoning"
    };
    private static final String[] NAMES = {
        "Ada Lovelace",
        "Alan Turing",
        "Grace Hopper",
        "Kurt Gödel",
        "Emmy Noether",
        "Srinivasa Ramanujan",
        "Zhang Wei",
        "José Martí",
        "Sofia Kovalevskaya"
    };
    private static final String[] CATEGORIES = {"cs.CL", "cs.LG", "cs.AI", "stat.ML", "math.PR", "cs.IR"};

    private final Random random;
    private final List<byte[]> spliceDonors = new ArrayList<>();
    private int giantLines;

    FuzzRecords(Random random) {
        this.random = random;
    }

    /** A new-style id of {@code yymm} with a five-digit number. */
    static String id(String yymm, int number) {
        return yymm + "." + String.format("%05d", number);
    }

    /** A valid arxiv-listing record. */
    ObjectNode listing(String id) {
        ObjectNode r = NODES.objectNode();
        r.put("id", id);
        r.put("title", text(3, 12));
        ArrayNode authors = r.putArray("authors");
        for (int i = 0, n = random.nextInt(4); i <= n; i++) {
            authors.add(NAMES[random.nextInt(NAMES.length)]);
        }
        ArrayNode categories = r.putArray("categories");
        for (int i = 0, n = random.nextInt(3); i <= n; i++) {
            categories.add(CATEGORIES[random.nextInt(CATEGORIES.length)]);
        }
        r.put("summary", text(20, 80));
        if (random.nextBoolean()) {
            r.put("comment", text(2, 6));
        }
        r.put("abs", "https://arxiv.org/abs/" + id + "v1");
        r.put("pdf", "https://arxiv.org/pdf/" + id + "v1");
        r.put("listed_on", "2025-01-" + String.format("%02d", 1 + random.nextInt(28)));
        return r;
    }

    /** A valid hf-daily item. */
    ObjectNode hfItem(String id) {
        ObjectNode paper = NODES.objectNode();
        paper.put("id", id);
        paper.put("title", text(3, 12));
        paper.put("summary", text(20, 80));
        ArrayNode authors = paper.putArray("authors");
        for (int i = 0, n = random.nextInt(4); i <= n; i++) {
            authors.addObject().put("name", NAMES[random.nextInt(NAMES.length)]).put("hidden", false);
        }
        paper.put("publishedAt", "2025-01-" + String.format("%02d", 1 + random.nextInt(28)) + "T17:59:59.000Z");
        paper.put("upvotes", random.nextInt(500));
        if (random.nextBoolean()) {
            paper.put("githubRepo", "https://github.com/example/" + id);
        }
        ObjectNode item = NODES.objectNode();
        item.set("paper", paper);
        item.put("publishedAt", "2025-02-01T06:00:00.000Z");
        item.put("title", text(3, 12));
        return item;
    }

    /** Words with the odd hard wrap and double space, as arXiv writes them; never digits. */
    private String text(int minWords, int maxWords) {
        StringBuilder sb = new StringBuilder();
        int n = minWords + random.nextInt(maxWords - minWords + 1);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                int r = random.nextInt(20);
                sb.append(r == 0 ? "\n  " : r == 1 ? "  " : " ");
            }
            sb.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    /** What a mutation does: to the record's fields (applied first) or to its serialized bytes. */
    private enum Mutation {
        // on bytes
        FLIP_BIT,
        RANDOM_BYTE,
        TRUNCATE,
        DELETE_RANGE,
        DUPLICATE_RANGE,
        INSERT_NUL,
        INSERT_INVALID_UTF8,
        INSERT_STRUCTURAL,
        INSERT_LINE_BREAK,
        SPLICE,
        ESCAPED_SURROGATE,
        DEEP_NESTING,
        DUPLICATE_KEY,
        TRAILING_GARBAGE,
        BLANK,
        GIANT_LINE,
        // on fields (INSERT_UNICODE on both)
        INSERT_UNICODE,
        WRONG_TYPE,
        REMOVE_FIELD,
        HUGE_FIELD,
        BAD_ID,
        BAD_URL,
        ESCAPED_CONTROL,
        LONG_NUMBER,
        NOT_AN_OBJECT
    }

    /** One to three mutations of a record: those on its fields first, then those on its bytes. */
    byte[] mutateLine(ObjectNode record) throws JsonProcessingException {
        List<Mutation> chosen = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            chosen.add(Mutation.values()[random.nextInt(Mutation.values().length)]);
        }
        JsonNode tree = record;
        for (Mutation m : chosen) {
            tree = mutateTree(tree, m);
        }
        byte[] line = JSON.writeValueAsBytes(tree);
        for (Mutation m : chosen) {
            line = mutateBytes(line, m);
        }
        spliceDonors.add(line);
        return line;
    }

    /**
     * One or two mutations of an item's fields that keep the JSON well-formed: in an array, one bad
     * byte ends the array, so byte mutations cannot tell one element's outcome from another's.
     */
    JsonNode mutateElement(ObjectNode item) {
        JsonNode tree = item;
        Mutation[] structural = {
            Mutation.WRONG_TYPE,
            Mutation.REMOVE_FIELD,
            Mutation.HUGE_FIELD,
            Mutation.BAD_ID,
            Mutation.BAD_URL,
            Mutation.ESCAPED_CONTROL,
            Mutation.INSERT_UNICODE,
            Mutation.NOT_AN_OBJECT
        };
        for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
            Mutation m = structural[random.nextInt(structural.length)];
            if (tree instanceof ObjectNode o
                    && o.get("paper") instanceof ObjectNode paper
                    && random.nextBoolean()
                    && m != Mutation.NOT_AN_OBJECT) {
                o.set("paper", mutateTree(paper, m));
            } else {
                tree = mutateTree(tree, m);
            }
        }
        return tree;
    }

    private JsonNode mutateTree(JsonNode tree, Mutation m) {
        if (!(tree instanceof ObjectNode r)) {
            return tree;
        }
        List<String> fields = new ArrayList<>();
        r.fieldNames().forEachRemaining(fields::add);
        String field = fields.isEmpty() ? "title" : fields.get(random.nextInt(fields.size()));
        switch (m) {
            case WRONG_TYPE -> {
                JsonNode[] wrong = {
                    NODES.numberNode(42),
                    NODES.booleanNode(true),
                    NODES.nullNode(),
                    NODES.arrayNode().add(1),
                    NODES.objectNode().put("x", "y"),
                    NODES.textNode(""),
                    NODES.numberNode(-7),
                    NODES.numberNode(1e308),
                    NODES.numberNode(Long.MAX_VALUE),
                    NODES.arrayNode().addNull(),
                    NODES.textNode("not a date")
                };
                r.set(field, wrong[random.nextInt(wrong.length)]);
            }
            case REMOVE_FIELD ->
                r.remove(
                        random.nextBoolean()
                                ? field
                                : List.of("id", "title", "summary").get(random.nextInt(3)));
            case HUGE_FIELD -> {
                // Just over or just under the limit, in ASCII or in three-byte characters.
                int size = random.nextBoolean()
                        ? Paper.MAX_FIELD_BYTES + 1 + random.nextInt(4096)
                        : Paper.MAX_FIELD_BYTES - random.nextInt(4096);
                String big = random.nextBoolean() ? "a".repeat(size) : "€".repeat((size + 2) / 3);
                if (random.nextInt(4) == 0) {
                    ArrayNode authors = r.putArray("authors");
                    for (int i = 0; i < 3; i++) {
                        authors.add(big.substring(0, big.length() / 2));
                    }
                } else {
                    r.put(List.of("title", "summary", "comment", "abs").get(random.nextInt(4)), big);
                }
            }
            case BAD_ID -> {
                String[] bad = {
                    "",
                    " ",
                    "2413.00001",
                    "2412.1234",
                    "0703.0001",
                    "2412.00001v0",
                    "foo",
                    "https://example.org/abs/2412.00001",
                    "hep-th/9913001",
                    "2412.00001v99999",
                    "2412.00001\n"
                };
                r.put("id", bad[random.nextInt(bad.length)]);
            }
            case BAD_URL -> {
                String[] bad = {
                    "javascript:alert(1)",
                    "ftp://arxiv.org/x",
                    "https://arxiv.org/abs/a b",
                    "//arxiv.org/abs/x",
                    "https://" + "x".repeat(3000),
                    "https://arxiv.org/\u0000"
                };
                r.put(random.nextBoolean() ? "abs" : "pdf", bad[random.nextInt(bad.length)]);
            }
            case ESCAPED_CONTROL -> r.put(field, "a\u0000b\u0001c\u001f\u007fd\u0085e");
            case INSERT_UNICODE -> r.put(field, randomUnicode(1 + random.nextInt(40)));
            case NOT_AN_OBJECT -> {
                JsonNode[] others = {
                    NODES.arrayNode().add(r),
                    NODES.textNode("record"),
                    NODES.numberNode(3),
                    NODES.nullNode(),
                    NODES.booleanNode(false),
                    NODES.arrayNode()
                };
                return others[random.nextInt(others.length)];
            }
            case LONG_NUMBER -> r.put(field, new BigInteger("9".repeat(1001 + random.nextInt(500))));
            default -> {
                // a byte-level mutation; applied after serialization
            }
        }
        return r;
    }

    private byte[] mutateBytes(byte[] line, Mutation m) {
        int n = line.length;
        int at = n == 0 ? 0 : random.nextInt(n + 1);
        return switch (m) {
            case FLIP_BIT -> {
                if (n == 0) {
                    yield line;
                }
                byte[] out = line.clone();
                int i = random.nextInt(n);
                out[i] ^= (byte) (1 << random.nextInt(8));
                yield out;
            }
            case RANDOM_BYTE -> {
                if (n == 0) {
                    yield line;
                }
                byte[] out = line.clone();
                out[random.nextInt(n)] = (byte) random.nextInt(256);
                yield out;
            }
            case TRUNCATE -> Arrays.copyOf(line, n == 0 ? 0 : random.nextInt(n));
            case DELETE_RANGE -> {
                int from = random.nextInt(n + 1);
                int to = Math.min(n, from + random.nextInt(40));
                yield concat(Arrays.copyOfRange(line, 0, from), Arrays.copyOfRange(line, to, n));
            }
            case DUPLICATE_RANGE -> {
                int from = random.nextInt(n + 1);
                int to = Math.min(n, from + random.nextInt(40));
                yield concat(Arrays.copyOfRange(line, 0, to), Arrays.copyOfRange(line, from, n));
            }
            case INSERT_NUL -> insert(line, at, new byte[] {0});
            case INSERT_INVALID_UTF8 -> {
                byte[][] bad = {
                    {(byte) 0xFF},
                    {(byte) 0xC0, (byte) 0xAF},
                    {(byte) 0xE2, (byte) 0x82},
                    {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    {(byte) 0x80},
                    {(byte) 0xF8, (byte) 0x88, (byte) 0x80},
                    {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}
                };
                yield insert(line, at, bad[random.nextInt(bad.length)]);
            }
            case INSERT_STRUCTURAL -> {
                String[] s = {"\"", "{", "}", "[", "]", ",", ":", "\\", "\\u", "\"\"", "{}", "\t"};
                yield insert(line, at, s[random.nextInt(s.length)].getBytes(StandardCharsets.UTF_8));
            }
            case INSERT_LINE_BREAK -> {
                String[] s = {"\n", "\r", "\r\n", "\n\n", "\n   \n"};
                yield insert(line, at, s[random.nextInt(s.length)].getBytes(StandardCharsets.UTF_8));
            }
            case INSERT_UNICODE ->
                insert(line, at, randomUnicode(1 + random.nextInt(5)).getBytes(StandardCharsets.UTF_8));
            case SPLICE -> {
                if (spliceDonors.isEmpty()) {
                    yield line;
                }
                byte[] donor = spliceDonors.get(random.nextInt(spliceDonors.size()));
                yield concat(
                        Arrays.copyOf(line, at),
                        Arrays.copyOfRange(donor, random.nextInt(donor.length + 1), donor.length));
            }
            case ESCAPED_SURROGATE -> {
                // Unpaired UTF-16 surrogates can only be written as escapes; Jackson reads them as they are.
                byte[] key = "\"title\":\"".getBytes(StandardCharsets.UTF_8);
                int i = indexOf(line, key);
                String[] lone = {"\\ud83d", "\\udc00", "\\udc00\\ud83d"};
                yield i < 0
                        ? line
                        : insert(
                                line,
                                i + key.length,
                                lone[random.nextInt(lone.length)].getBytes(StandardCharsets.UTF_8));
            }
            case DEEP_NESTING -> {
                // Written as text: Jackson refuses to write what it would refuse to read.
                int depth = 990 + random.nextInt(40);
                yield insert(
                        line,
                        Math.min(1, n),
                        ("\"deep\":" + "[".repeat(depth) + "]".repeat(depth) + ",").getBytes(StandardCharsets.UTF_8));
            }
            case DUPLICATE_KEY -> insert(line, Math.min(1, n), "\"title\":\"again\",".getBytes(StandardCharsets.UTF_8));
            case TRAILING_GARBAGE -> {
                String[] s = {" x", "{}", ",", "]", " {\"id\":\"2412.99999\"}", "\u00A0"};
                yield concat(line, s[random.nextInt(s.length)].getBytes(StandardCharsets.UTF_8));
            }
            case BLANK -> " \t ".getBytes(StandardCharsets.UTF_8);
            case GIANT_LINE -> {
                if (giantLines >= 2) {
                    yield line;
                }
                giantLines++;
                byte[] giant = new byte[JsonLinesReader.MAX_LINE_BYTES + 1 + random.nextInt(1000)];
                Arrays.fill(giant, (byte) 'g');
                System.arraycopy(line, 0, giant, 0, Math.min(line.length, 100));
                yield giant;
            }
            default -> line; // a field-level mutation, already applied
        };
    }

    /** Random code points: letters of many scripts, emoji, combining marks, odd spaces, BOM, controls. */
    private String randomUnicode(int count) {
        int[] special = {
            0x00A0, 0x2028, 0x2029, 0xFEFF, 0x200B, 0x0301, 0x1F9EA, 0x10FFFF, 0xFFFD, 0x202E, 0x0009, 0x000B, 0x3000,
            0x1D54F
        };
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int cp;
            do {
                cp = random.nextInt(4) == 0 ? special[random.nextInt(special.length)] : random.nextInt(0x10FFFF + 1);
            } while ((cp >= 0xD800 && cp <= 0xDFFF) || (cp >= '0' && cp <= '9'));
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] insert(byte[] line, int at, byte[] what) {
        return concat(Arrays.copyOf(line, at), what, Arrays.copyOfRange(line, at, line.length));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Swaps about a tenth of the mutated lines with each other; good lines stay in place. */
    void swapSomeMutatedLines(List<byte[]> lines, List<byte[]> mutatedLines) {
        List<Integer> positions = new ArrayList<>();
        Set<byte[]> mutated = Collections.newSetFromMap(new IdentityHashMap<>());
        mutated.addAll(mutatedLines);
        for (int i = 0; i < lines.size(); i++) {
            if (mutated.contains(lines.get(i))) {
                positions.add(i);
            }
        }
        for (int k = 0; k < positions.size() / 10; k++) {
            int a = positions.get(random.nextInt(positions.size()));
            int b = positions.get(random.nextInt(positions.size()));
            byte[] t = lines.get(a);
            lines.set(a, lines.get(b));
            lines.set(b, t);
        }
    }
}
