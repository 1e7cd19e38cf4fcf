package org.paperboy.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The BERT tokenizer (basic tokenization, then greedy longest-match WordPiece) configured from a
 * Hugging Face {@code tokenizer.json}, producing the ids the Hugging Face tokenizers library
 * produces for the same file. Encoded ids always start with [CLS], end with [SEP] and are never
 * longer than {@link #maxLength()}. The truncation and padding settings in the file are ignored:
 * the length is ours to choose (see {@link #DEFAULT_MAX_LENGTH}). Immutable and thread-safe.
 */
public final class BertWordPieceTokenizer {

    /**
     * Tokens per text including [CLS] and [SEP]. all-MiniLM-L6-v2 was trained and evaluated with
     * max_seq_length 256; the 128 in the tokenizer file it ships with cuts abstracts short.
     */
    public static final int DEFAULT_MAX_LENGTH = 256;

    private final Map<String, Integer> vocab;
    private final String[] tokensById;
    private final BertNormalizer normalizer;
    private final String continuingPrefix;
    private final int maxInputCharsPerWord;
    private final int unkId;
    private final int clsId;
    private final int sepId;
    private final int padId;
    /** Added tokens matched verbatim in the raw text before normalization, longest first. */
    private final List<AddedToken> addedTokens;

    private final int maxLength;

    private record AddedToken(String content, int id) {}

    private BertWordPieceTokenizer(BertWordPieceTokenizer base, int maxLength) {
        this.vocab = base.vocab;
        this.tokensById = base.tokensById;
        this.normalizer = base.normalizer;
        this.continuingPrefix = base.continuingPrefix;
        this.maxInputCharsPerWord = base.maxInputCharsPerWord;
        this.unkId = base.unkId;
        this.clsId = base.clsId;
        this.sepId = base.sepId;
        this.padId = base.padId;
        this.addedTokens = base.addedTokens;
        this.maxLength = checkMaxLength(maxLength);
    }

    private BertWordPieceTokenizer(JsonNode root) {
        JsonNode model = root.path("model");
        requireType(model, "model", "WordPiece");
        requireType(root.path("pre_tokenizer"), "pre_tokenizer", "BertPreTokenizer");
        JsonNode normalizerNode = root.path("normalizer");
        requireType(normalizerNode, "normalizer", "BertNormalizer");

        JsonNode vocabNode = model.path("vocab");
        if (!vocabNode.isObject() || vocabNode.isEmpty()) {
            throw invalid("model.vocab", "is missing or empty");
        }
        Map<String, Integer> ids = new HashMap<>(vocabNode.size() * 2);
        int maxId = -1;
        for (Map.Entry<String, JsonNode> e : vocabNode.properties()) {
            if (!e.getValue().canConvertToInt() || e.getValue().asInt() < 0) {
                throw invalid("model.vocab." + e.getKey(), "has id '" + e.getValue() + "', expected an integer >= 0");
            }
            ids.put(e.getKey(), e.getValue().asInt());
            maxId = Math.max(maxId, e.getValue().asInt());
        }
        this.vocab = Map.copyOf(ids);
        this.tokensById = new String[maxId + 1];
        vocab.forEach((token, id) -> tokensById[id] = token);

        boolean lowercase = normalizerNode.path("lowercase").asBoolean(true);
        // An absent or null strip_accents follows lowercase, as in the original BERT.
        JsonNode strip = normalizerNode.path("strip_accents");
        this.normalizer = new BertNormalizer(
                normalizerNode.path("clean_text").asBoolean(true),
                normalizerNode.path("handle_chinese_chars").asBoolean(true),
                strip.isBoolean() ? strip.booleanValue() : lowercase,
                lowercase);

        this.continuingPrefix = model.path("continuing_subword_prefix").asText("##");
        this.maxInputCharsPerWord = model.path("max_input_chars_per_word").asInt(100);
        this.unkId = idOf(model.path("unk_token").asText("[UNK]"), "model.unk_token");
        String[] frame = frameTokens(root.path("post_processor"));
        this.clsId = idOf(frame[0], "post_processor (first special token)");
        this.sepId = idOf(frame[1], "post_processor (last special token)");
        JsonNode padding = root.path("padding");
        this.padId = padding.has("pad_id") ? padding.path("pad_id").asInt() : vocab.getOrDefault("[PAD]", 0);
        this.addedTokens = addedTokens(root.path("added_tokens"));
        this.maxLength = DEFAULT_MAX_LENGTH;
    }

    /**
     * Reads a tokenizer from a Hugging Face {@code tokenizer.json} with a WordPiece model, a
     * BertNormalizer and a BertPreTokenizer; other kinds are rejected with an {@link
     * IllegalArgumentException} naming the field. The stream is read but not closed.
     */
    public static BertWordPieceTokenizer fromJson(InputStream json) throws IOException {
        Objects.requireNonNull(json, "json");
        return new BertWordPieceTokenizer(new ObjectMapper().readTree(json));
    }

    /** The same tokenizer with another maximum length (including [CLS] and [SEP], at least 2). */
    public BertWordPieceTokenizer withMaxLength(int maxLength) {
        return maxLength == this.maxLength ? this : new BertWordPieceTokenizer(this, maxLength);
    }

    public int maxLength() {
        return maxLength;
    }

    /** The id that fills positions after the end of a shorter text in a padded batch. */
    public int padId() {
        return padId;
    }

    public int vocabularySize() {
        return vocab.size();
    }

    /**
     * The ids of {@code text}: [CLS], the WordPiece ids of the text (as many as fit), [SEP]. Never
     * fails on any string; characters the vocabulary lacks become [UNK].
     */
    public int[] encode(String text) {
        Objects.requireNonNull(text, "text");
        IdSink sink = new IdSink(maxLength - 2);
        sink.add(clsId);
        appendIds(text, sink);
        sink.ids[sink.size++] = sepId; // the sink kept one slot free for [SEP]
        return Arrays.copyOf(sink.ids, sink.size);
    }

    /** The WordPiece tokens of {@code text}, without [CLS] and [SEP] and without truncation. */
    public List<String> tokenize(String text) {
        Objects.requireNonNull(text, "text");
        IdSink sink = new IdSink(Integer.MAX_VALUE - 8);
        appendIds(text, sink);
        List<String> tokens = new ArrayList<>(sink.size);
        for (int i = 0; i < sink.size; i++) {
            tokens.add(tokensById[sink.ids[i]]);
        }
        return tokens;
    }

    /**
     * Collects ids up to a limit; once full, further ids are dropped and {@link #full()} tells the
     * pipeline to stop, so a long abstract is only tokenized as far as it will be used.
     */
    private static final class IdSink {
        private final int limit;
        private int[] ids = new int[64];
        private int size;

        IdSink(int contentLimit) {
            this.limit = contentLimit + 1; // room for [CLS]; [SEP] is written past the limit
        }

        void add(int id) {
            if (size >= limit) {
                return;
            }
            if (size + 1 >= ids.length) {
                ids = Arrays.copyOf(ids, ids.length * 2);
            }
            ids[size++] = id;
        }

        boolean full() {
            return size >= limit;
        }
    }

    private void appendIds(String text, IdSink sink) {
        int from = 0;
        if (!addedTokens.isEmpty()) {
            // Added tokens such as [MASK] are matched in the raw text, leftmost then longest.
            for (int i = 0; i < text.length() && !sink.full(); ) {
                AddedToken match = addedTokenAt(text, i);
                if (match == null) {
                    i++;
                    continue;
                }
                appendSegmentIds(text.substring(from, i), sink);
                sink.add(match.id());
                i += match.content().length();
                from = i;
            }
        }
        if (!sink.full()) {
            appendSegmentIds(from == 0 ? text : text.substring(from), sink);
        }
    }

    private AddedToken addedTokenAt(String text, int index) {
        for (AddedToken token : addedTokens) {
            if (text.startsWith(token.content(), index)) {
                return token;
            }
        }
        return null;
    }

    private void appendSegmentIds(String segment, IdSink sink) {
        String normalized = normalizer.normalize(segment);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < normalized.length() && !sink.full(); ) {
            int cp = normalized.codePointAt(i);
            i += Character.charCount(cp);
            if (BertNormalizer.isWhitespace(cp)) {
                appendWordIds(word, sink);
            } else if (BertNormalizer.isPunctuation(cp)) {
                appendWordIds(word, sink);
                word.appendCodePoint(cp);
                appendWordIds(word, sink);
            } else {
                word.appendCodePoint(cp);
            }
        }
        appendWordIds(word, sink);
    }

    /** Greedy longest-match-first WordPiece; a word with any unmatched rest is one [UNK]. */
    private void appendWordIds(StringBuilder wordBuffer, IdSink sink) {
        if (wordBuffer.isEmpty()) {
            return;
        }
        String word = wordBuffer.toString();
        wordBuffer.setLength(0);
        int[] cps = word.codePoints().toArray();
        if (cps.length > maxInputCharsPerWord) {
            sink.add(unkId);
            return;
        }
        Integer whole = vocab.get(word);
        if (whole != null) {
            sink.add(whole);
            return;
        }
        int[] pieces = new int[cps.length];
        int count = 0;
        StringBuilder candidate = new StringBuilder(word.length() + continuingPrefix.length());
        for (int start = 0; start < cps.length; ) {
            Integer found = null;
            int end = cps.length;
            for (; end > start; end--) {
                candidate.setLength(0);
                if (start > 0) {
                    candidate.append(continuingPrefix);
                }
                candidate.append(new String(cps, start, end - start));
                found = vocab.get(candidate.toString());
                if (found != null) {
                    break;
                }
            }
            if (found == null) {
                sink.add(unkId);
                return;
            }
            pieces[count++] = found;
            start = end;
        }
        for (int i = 0; i < count; i++) {
            sink.add(pieces[i]);
        }
    }

    private int idOf(String token, String field) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw invalid(field, "names '" + token + "', which is not in model.vocab");
        }
        return id;
    }

    /** The special tokens around a single sequence: [CLS] and [SEP] for BERT. */
    private static String[] frameTokens(JsonNode processor) {
        String type = processor.path("type").asText("");
        if (type.equals("BertProcessing")) {
            return new String[] {
                processor.path("cls").path(0).asText("[CLS]"),
                processor.path("sep").path(0).asText("[SEP]")
            };
        }
        if (!type.equals("TemplateProcessing")) {
            throw invalid(
                    "post_processor.type", "is '" + type + "', expected 'TemplateProcessing' or 'BertProcessing'");
        }
        JsonNode single = processor.path("single");
        if (single.size() != 3
                || !single.path(0).has("SpecialToken")
                || !single.path(1).has("Sequence")
                || !single.path(2).has("SpecialToken")) {
            throw invalid("post_processor.single", "is " + single + ", expected [special] $A [special]");
        }
        return new String[] {
            single.path(0).path("SpecialToken").path("id").asText(),
            single.path(2).path("SpecialToken").path("id").asText()
        };
    }

    private static List<AddedToken> addedTokens(JsonNode added) {
        List<AddedToken> tokens = new ArrayList<>();
        for (JsonNode token : added) {
            if (token.path("normalized").asBoolean(false)) {
                throw invalid(
                        "added_tokens." + token.path("content").asText(),
                        "is matched after normalization, which this tokenizer does not support");
            }
            String content = token.path("content").asText("");
            if (!content.isEmpty()) {
                tokens.add(new AddedToken(content, token.path("id").asInt()));
            }
        }
        tokens.sort(
                Comparator.comparingInt((AddedToken t) -> t.content().length()).reversed());
        return List.copyOf(tokens);
    }

    private static void requireType(JsonNode node, String field, String expected) {
        String type = node.path("type").asText("");
        if (!type.equals(expected)) {
            throw invalid(field + ".type", "is '" + type + "', expected '" + expected + "'");
        }
    }

    private static IllegalArgumentException invalid(String field, String reason) {
        return new IllegalArgumentException("tokenizer JSON: " + field + " " + reason);
    }

    private static int checkMaxLength(int maxLength) {
        if (maxLength < 2) {
            throw new IllegalArgumentException(
                    "maxLength " + maxLength + " leaves no room for [CLS] and [SEP]; use at least 2");
        }
        return maxLength;
    }
}
