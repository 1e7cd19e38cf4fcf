package org.paperboy.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads JSON Lines byte by byte: each non-blank line is one record. A line that is not valid
 * UTF-8, holds a NUL byte, is longer than {@link #MAX_LINE_BYTES} or is not one JSON object
 * becomes a record with a problem; the next line is read as usual.
 */
final class JsonLinesReader implements RecordReader {

    /** Longest line read whole; longer ones are rejected and only their start is kept. */
    static final int MAX_LINE_BYTES = 8 * 1024 * 1024;

    private static final int KEPT_OF_LONG_LINE = 1024 * 1024;

    private final InputStream in;
    private final ObjectMapper json;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;
    private long lineNumber;
    private byte[] line = new byte[4096];

    JsonLinesReader(InputStream in, ObjectMapper json) {
        this.in = in;
        this.json = json;
    }

    @Override
    public RawRecord next() throws IOException {
        while (true) {
            int length = readLine();
            if (length < 0) {
                return null;
            }
            lineNumber++;
            if (length > MAX_LINE_BYTES) {
                byte[] kept = Arrays.copyOf(line, KEPT_OF_LONG_LINE);
                return RawRecord.bad(
                        lineNumber,
                        kept,
                        "line is " + length + " bytes, over the " + MAX_LINE_BYTES / (1024 * 1024)
                                + " MB limit (first 1 MB kept)");
            }
            int start = 0;
            if (lineNumber == 1
                    && length >= 3
                    && (line[0] & 0xff) == 0xEF
                    && (line[1] & 0xff) == 0xBB
                    && (line[2] & 0xff) == 0xBF) {
                start = 3; // UTF-8 byte order mark
            }
            int end = length;
            if (end > start && line[end - 1] == '\r') {
                end--;
            }
            if (isBlank(start, end)) {
                continue;
            }
            byte[] raw = Arrays.copyOfRange(line, start, end);
            return parse(raw);
        }
    }

    private RawRecord parse(byte[] raw) {
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                return RawRecord.bad(lineNumber, raw, "contains a NUL byte at byte " + (i + 1));
            }
        }
        String text;
        try {
            CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(raw));
            text = chars.toString();
        } catch (MalformedInputException e) {
            return RawRecord.bad(lineNumber, raw, "invalid UTF-8 at byte " + (firstInvalid(raw) + 1));
        } catch (CharacterCodingException e) {
            return RawRecord.bad(lineNumber, raw, "invalid UTF-8: " + e.getMessage());
        }
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                return RawRecord.bad(
                        lineNumber,
                        raw,
                        "expected a JSON object, got "
                                + (node == null
                                        ? "nothing"
                                        : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
            }
            return RawRecord.ok(lineNumber, raw, node);
        } catch (JsonProcessingException e) {
            // Jackson's stream limits (number length, nesting depth, name length) carry no location.
            String where =
                    e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")";
            return RawRecord.bad(lineNumber, raw, "malformed JSON: " + e.getOriginalMessage() + where);
        }
    }

    private int firstInvalid(byte[] raw) {
        CharsetDecoder d = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bb = ByteBuffer.wrap(raw);
        CharBuffer cb = CharBuffer.allocate(raw.length + 1);
        d.decode(bb, cb, true);
        return bb.position();
    }

    private boolean isBlank(int start, int end) {
        for (int i = start; i < end; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Reads up to the next '\n' into {@link #line}; returns its length, or -1 at the end. */
    private int readLine() throws IOException {
        int length = 0;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? length : -1;
                }
            }
            any = true;
            int i = pos;
            while (i < limit && buffer[i] != '\n') {
                i++;
            }
            int chunk = i - pos;
            if (length < MAX_LINE_BYTES + 1) {
                int keep = Math.min(chunk, MAX_LINE_BYTES + 1 - length);
                ensure(length + keep);
                System.arraycopy(buffer, pos, line, length, keep);
            }
            length += chunk;
            if (i < limit) {
                pos = i + 1;
                return length;
            }
            pos = limit;
        }
    }

    private void ensure(int capacity) {
        if (capacity > line.length) {
            line = Arrays.copyOf(line, Math.max(capacity, line.length * 2));
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
