package org.paperboy.ingest;

/**
 * Hears how an import is going, for progress bars and logs. {@code progress} may be called from
 * the reader thread and {@code inputDone} from the writing one, so implementations must be
 * thread-safe.
 */
public interface ImportListener {
    ImportListener NONE = new ImportListener() {};

    /** About every thousand records: the input, its bytes read so far and in all, records so far. */
    default void progress(String input, long bytesDone, long bytesTotal, long records) {}

    /** An input is done (or failed, {@code failure} non-null). */
    default void inputDone(String input, ImportReport report, String failure) {}
}
