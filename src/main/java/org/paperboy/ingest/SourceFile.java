package org.paperboy.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens one input file for import: checks it exists and is a non-empty regular file, reads gzip
 * transparently (by its magic bytes, not its name), and tells the format from the content. The
 * problems it finds are {@link ImportException}s with one line naming the file.
 */
final class SourceFile {

    private static final int SNIFF_BYTES = 1024 * 1024;

    private final Path path;
    private final CountingInputStream counted;
    private final BufferedInputStream content;
    private final ImportFormat format;
    private final boolean jsonArray;

    private SourceFile(
            Path path,
            CountingInputStream counted,
            BufferedInputStream content,
            ImportFormat format,
            boolean jsonArray) {
        this.path = path;
        this.counted = counted;
        this.content = content;
        this.format = format;
        this.jsonArray = jsonArray;
    }

    /**
     * Checks that {@code path} is a readable regular file, before anything is read.
     *
     * @throws ImportException naming the file and what is wrong with it
     */
    static void checkReadable(Path path) throws ImportException {
        if (!Files.exists(path)) {
            throw new ImportException(path + ": no such file");
        }
        if (Files.isDirectory(path)) {
            throw new ImportException(path + ": is a directory; pass the files in it (e.g. " + path + "/*.jsonl.gz)");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new ImportException(path + ": cannot be read (not a regular readable file)");
        }
    }

    /**
     * Opens {@code path}; {@code format} {@code null} means detect it.
     *
     * @throws ImportException naming the file and why it cannot be imported
     */
    static SourceFile open(Path path, ImportFormat format, ObjectMapper json) throws ImportException {
        checkReadable(path);
        CountingInputStream counted = null;
        try {
            if (Files.size(path) == 0) {
                throw new ImportException(path + ": file is empty");
            }
            counted = new CountingInputStream(Files.newInputStream(path));
            BufferedInputStream raw = new BufferedInputStream(counted, 64 * 1024);
            raw.mark(2);
            int b1 = raw.read();
            int b2 = raw.read();
            raw.reset();
            boolean gzip = b1 == 0x1f && b2 == 0x8b;
            InputStream decoded = gzip ? new GZIPInputStream(raw, 64 * 1024) : raw;
            BufferedInputStream content = new BufferedInputStream(decoded, 256 * 1024);
            content.mark(SNIFF_BYTES + 1);
            byte[] sample = content.readNBytes(SNIFF_BYTES);
            content.reset();
            ImportFormat detected = format != null ? format : detect(path, sample, gzip, json);
            return new SourceFile(path, counted, content, detected, isJsonArray(sample, json));
        } catch (ImportException e) {
            closeQuietly(counted);
            throw e;
        } catch (EOFException | ZipException e) {
            closeQuietly(counted);
            throw new ImportException(path + ": truncated or corrupt gzip data (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            closeQuietly(counted);
            throw new ImportException(path + ": cannot be read: " + e.getMessage(), e);
        }
    }

    ImportFormat format() {
        return format;
    }

    Path path() {
        return path;
    }

    /** Bytes of the file (compressed, if it is) read so far, for progress. */
    long bytesRead() {
        return counted.count;
    }

    RecordReader reader(ObjectMapper json) throws IOException {
        if (format.isXml()) {
            return new XmlRecordReader(content, format.xmlRecordName());
        }
        return jsonArray ? new JsonArrayReader(content, json) : new JsonLinesReader(content, json);
    }

    /**
     * True when the content is one JSON array (on one line, one element per line, or
     * pretty-printed) rather than JSON Lines: both readings are tried on the sample and the one
     * that reads more good records wins (fewer bad ones breaks a tie). So a JSON Lines file whose damaged first line happens to
     * start with '[' stays JSON Lines, and one bad line cannot hide the rest of the file.
     */
    static boolean isJsonArray(byte[] sample, ObjectMapper json) throws IOException {
        int i = 0;
        while (i < sample.length && (Character.isWhitespace(sample[i]) || (sample[i] & 0xff) >= 0xBB)) {
            i++; // whitespace and a UTF-8 byte order mark
        }
        if (i == sample.length || sample[i] != '[') {
            return false;
        }
        byte[] body = Arrays.copyOfRange(sample, i, sample.length);
        int[] asArray = count(new JsonArrayReader(new ByteArrayInputStream(body), json));
        int[] asLines = count(new JsonLinesReader(new ByteArrayInputStream(body), json));
        return asArray[0] > asLines[0] || (asArray[0] == asLines[0] && asArray[1] < asLines[1]);
    }

    /** Good and bad records among the first thousand. */
    private static int[] count(RecordReader reader) throws IOException {
        try (reader) {
            int[] goodBad = new int[2];
            RawRecord r;
            for (int seen = 0; seen < 1000 && (r = reader.next()) != null; seen++) {
                goodBad[r.problem() == null ? 0 : 1]++;
            }
            return goodBad;
        }
    }

    void close() {
        closeQuietly(content);
    }

    private static ImportFormat detect(Path path, byte[] sample, boolean gzip, ObjectMapper json)
            throws ImportException, IOException {
        if (sample.length == 0) {
            throw new ImportException(path + ": " + (gzip ? "is empty after decompression" : "file is empty"));
        }
        int start = 0;
        if (sample.length >= 3
                && (sample[0] & 0xff) == 0xEF
                && (sample[1] & 0xff) == 0xBB
                && (sample[2] & 0xff) == 0xBF) {
            start = 3;
        }
        while (start < sample.length && Character.isWhitespace(sample[start])) {
            start++;
        }
        if (start == sample.length) {
            throw new ImportException(path + ": contains only whitespace, no records");
        }
        int first = sample[start];
        if (first == '<') {
            String head = new String(
                    sample, start, Math.min(sample.length - start, 4096), java.nio.charset.StandardCharsets.UTF_8);
            if (head.contains("<OAI-PMH")) {
                return ImportFormat.OAI;
            }
            if (head.contains("<feed")) {
                return ImportFormat.ATOM;
            }
            throw new ImportException(path + ": XML, but neither an OAI-PMH response nor an Atom feed");
        }
        // Not JSON at its first byte: still JSON Lines if a readable record follows a damaged first line.
        boolean json0 = first == '{' || first == '[';
        byte[] body = Arrays.copyOfRange(sample, start, sample.length);
        try (RecordReader reader = isJsonArray(body, json)
                ? new JsonArrayReader(new ByteArrayInputStream(body), json)
                : new JsonLinesReader(new ByteArrayInputStream(body), json)) {
            int seen = 0;
            RawRecord r;
            while (seen < 1000 && (r = reader.next()) != null) {
                seen++;
                if (r.problem() == null && r.parsed() instanceof JsonNode node) {
                    ImportFormat f = ImportFormat.detect(node);
                    if (f != null) {
                        return f;
                    }
                    if (json0) {
                        throw new ImportException(path + ": cannot tell the format from the first record's fields "
                                + fieldNames(node) + "; pass --format (" + ImportFormat.names() + ")");
                    }
                }
            }
        }
        if (!json0) {
            throw new ImportException(
                    path + ": " + describeBinary(sample) + "; expected JSON Lines, a JSON array or XML (gzip allowed)");
        }
        throw new ImportException(path + ": no readable JSON record near the start of the file; pass --format ("
                + ImportFormat.names() + ") to import it anyway and see each line's problem");
    }

    private static String fieldNames(JsonNode node) {
        StringBuilder sb = new StringBuilder("[");
        node.fieldNames()
                .forEachRemaining(n -> sb.append(sb.length() > 1 ? ", " : "").append(n));
        return sb.append("]").toString();
    }

    private static String describeBinary(byte[] sample) {
        int control = 0;
        int n = Math.min(sample.length, 4096);
        for (int i = 0; i < n; i++) {
            int b = sample[i] & 0xff;
            if (b < 0x09 || (b > 0x0d && b < 0x20)) {
                control++;
            }
        }
        String hex = String.format("0x%02x 0x%02x", sample[0] & 0xff, sample.length > 1 ? sample[1] & 0xff : 0);
        return (control > n / 20 ? "binary data" : "not a paper file") + " (starts with bytes " + hex + ")";
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing a file we only read; nothing to lose
            }
        }
    }

    /** Counts the bytes read from the file itself. */
    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
