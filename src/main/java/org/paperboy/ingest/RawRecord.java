package org.paperboy.ingest;

/**
 * One record as read from a source, before mapping: its 1-based line, raw bytes, and either the
 * parsed content ({@code json} or {@code xml}) or the {@code problem} that stopped the reader
 * from parsing it (invalid UTF-8, a NUL byte, malformed JSON ...).
 */
record RawRecord(long line, byte[] raw, Object parsed, String problem) {

    static RawRecord ok(long line, byte[] raw, Object parsed) {
        return new RawRecord(line, raw, parsed, null);
    }

    static RawRecord bad(long line, byte[] raw, String problem) {
        return new RawRecord(line, raw, null, problem);
    }
}
