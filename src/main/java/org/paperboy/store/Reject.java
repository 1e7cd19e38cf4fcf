package org.paperboy.store;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A record that could not be imported: where it came from ({@code source} file or URL and
 * 1-based {@code line}), its format, why, and its raw bytes exactly as read, so it can be
 * replayed after a fix.
 */
public record Reject(String source, long line, String format, String reason, byte[] raw) {

    public Reject {
        raw = raw == null ? new byte[0] : raw;
    }

    /** True when the raw bytes are valid UTF-8. */
    public boolean rawIsUtf8() {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The raw bytes as text, invalid UTF-8 shown as U+FFFD. */
    public String rawText() {
        return new String(raw, StandardCharsets.UTF_8);
    }
}
