package org.paperboy.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a top-level JSON array one element at a time (as the Hugging Face daily papers API
 * returns it). An element that is not an object is a record with a problem. Malformed JSON
 * ends the stream: one last record with the problem and its position, since nothing after it
 * can be located reliably.
 */
final class JsonArrayReader implements RecordReader {

    private final JsonParser parser;
    private final ObjectMapper json;
    private final ObjectReader elements;
    private boolean started;
    private boolean done;

    JsonArrayReader(InputStream in, ObjectMapper json) throws IOException {
        this.json = json;
        this.elements = json.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.parser = json.getFactory().createParser(in);
    }

    @Override
    public RawRecord next() throws IOException {
        if (done) {
            return null;
        }
        long line = parser.currentLocation().getLineNr();
        try {
            if (!started) {
                started = true;
                JsonToken first = parser.nextToken();
                if (first != JsonToken.START_ARRAY) {
                    done = true;
                    return RawRecord.bad(Math.max(1, line), new byte[0], "expected a JSON array of records");
                }
            }
            JsonToken t = parser.nextToken();
            line = parser.currentLocation().getLineNr();
            if (t == JsonToken.END_ARRAY || t == null) {
                done = true;
                if (t == JsonToken.END_ARRAY && parser.nextToken() != null) {
                    return RawRecord.bad(
                            parser.currentLocation().getLineNr(),
                            new byte[0],
                            "unexpected content after the closing ]");
                }
                return null;
            }
            // One element at a time: the elements after it are not "trailing tokens" here.
            JsonNode node = elements.readTree(parser);
            byte[] raw = json.writeValueAsBytes(node);
            if (!node.isObject()) {
                return RawRecord.bad(
                        line,
                        raw,
                        "expected a JSON object, got "
                                + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
            }
            return RawRecord.ok(line, raw, node);
        } catch (JsonProcessingException e) {
            done = true;
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + " column "
                            + e.getLocation().getColumnNr();
            return RawRecord.bad(
                    line,
                    ("<unreadable from here: " + e.getOriginalMessage() + ">").getBytes(StandardCharsets.UTF_8),
                    "malformed JSON" + where + ": " + e.getOriginalMessage() + "; the rest of the array was not read");
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
