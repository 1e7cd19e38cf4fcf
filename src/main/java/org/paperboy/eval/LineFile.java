package org.paperboy.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A UTF-8 text file read line by line with its physical line number, gunzipped when its name ends in
 * {@code .gz}. Undecodable bytes and lines that should be JSON but are not become {@link
 * DatasetException}s naming the file and line.
 */
final class LineFile implements Closeable {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Path path;
    private final InputStream in;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] line = new byte[8192];
    private long lineNumber;

    private LineFile(Path path, InputStream in) {
        this.path = path;
        this.in = in;
    }

    static LineFile open(Path path) throws IOException {
        InputStream in = Files.newInputStream(path);
        try {
            if (path.getFileName().toString().endsWith(".gz")) {
                in = new GZIPInputStream(in, 64 * 1024);
            }
        } catch (IOException e) {
            in.close();
            throw new DatasetException(path, "not a readable gzip file (" + e.getMessage() + ")");
        }
        return new LineFile(path, new BufferedInputStream(in, 256 * 1024));
    }

    Path path() {
        return path;
    }

    /** The physical line number of the line last returned, 1-based. */
    long lineNumber() {
        return lineNumber;
    }

    /** The next line without its terminator (a trailing CR is dropped too), or {@code null} at the end. */
    String nextLine() throws IOException {
        // Bytes are split at LF before decoding so that a decoding error is blamed on its own line.
        int length = 0;
        int b = read();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n') {
            if (length == line.length) {
                line = Arrays.copyOf(line, length * 2);
            }
            line[length++] = (byte) b;
            b = read();
        }
        lineNumber++;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        String text;
        try {
            text = utf8.decode(ByteBuffer.wrap(line, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw error("not valid UTF-8");
        }
        return lineNumber == 1 && text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private int read() throws IOException {
        try {
            return in.read();
        } catch (ZipException | EOFException e) {
            throw new DatasetException(
                    path, lineNumber + 1, "gzip data is corrupt or truncated (" + e.getMessage() + ")");
        }
    }

    /** The next non-blank line parsed as one JSON object, or {@code null} at the end. */
    JsonNode nextObject() throws IOException {
        String line;
        do {
            line = nextLine();
            if (line == null) {
                return null;
            }
        } while (line.isBlank());
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw error("not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (!node.isObject()) {
            throw error("expected one JSON object per line, found "
                    + node.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        return node;
    }

    /**
     * The id in field {@code key} of a JSON line: a non-empty string (or an integer, as some BEIR
     * exports write) without whitespace, because run files separate columns by whitespace.
     */
    String id(JsonNode object, String key) throws DatasetException {
        JsonNode node = object.get(key);
        if (node == null || node.isNull()) {
            throw error("field \"" + key + "\" is missing");
        }
        String id;
        if (node.isTextual()) {
            id = node.textValue();
        } else if (node.isIntegralNumber()) {
            id = node.asText();
        } else {
            throw error("field \"" + key + "\" must be a string, found " + abbreviate(node.toString()));
        }
        checkId(key, id);
        return id;
    }

    void checkId(String field, String id) throws DatasetException {
        if (id.isEmpty()) {
            throw error(field + " is empty");
        }
        if (id.codePoints().anyMatch(Character::isWhitespace)) {
            throw error(field + " '" + id + "' contains whitespace");
        }
    }

    /** The string in field {@code key}; a missing or null field is an error only when {@code required}. */
    String text(JsonNode object, String key, boolean required) throws DatasetException {
        JsonNode node = object.get(key);
        if (node == null || node.isNull()) {
            if (required) {
                throw error("field \"" + key + "\" is missing");
            }
            return "";
        }
        if (!node.isTextual()) {
            throw error("field \"" + key + "\" must be a string, found " + abbreviate(node.toString()));
        }
        return node.textValue();
    }

    DatasetException error(String reason) {
        return new DatasetException(path, lineNumber, reason);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
