package org.paperboy.ingest;

import java.io.IOException;

/** Streams the records of one input, one at a time, in constant memory. */
interface RecordReader extends AutoCloseable {

    /** The next record, or {@code null} at the end of the input. */
    RawRecord next() throws IOException;

    @Override
    void close() throws IOException;
}
