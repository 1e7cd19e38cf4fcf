package org.paperboy.ingest;

import org.paperboy.store.Reject;

/** What became of one record: exactly one of these per record read. */
public sealed interface ImportOutcome {

    /** A paper not stored before. */
    record Added(String id) implements ImportOutcome {}

    /** A stored paper that this record changed. */
    record Updated(String id) implements ImportOutcome {}

    /** A record that changed nothing (the same content, an older version, a deletion notice). */
    record Unchanged(String id) implements ImportOutcome {}

    /** A record that could not be imported, kept with its reason. */
    record Rejected(Reject reject) implements ImportOutcome {}
}
