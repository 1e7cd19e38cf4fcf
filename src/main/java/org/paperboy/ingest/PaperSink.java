package org.paperboy.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.paperboy.paper.InvalidRecordException;
import org.paperboy.paper.Paper;
import org.paperboy.store.PaperRepository;
import org.paperboy.store.Reject;
import org.paperboy.store.RejectRepository;

/**
 * Maps raw records to papers and writes them in batches inside the caller's transaction:
 * new papers are inserted, known ones merged ({@link Paper#merge}) and updated only when the
 * merge changed them, bad records stored as rejects. Every record added gets exactly one
 * {@link ImportOutcome}, counted in the report when its batch is flushed.
 */
final class PaperSink {
    static final int BATCH_SIZE = 1000;

    private final Handle handle;
    private final PaperRepository papers;
    private final RejectRepository rejects;
    private final long runId;
    private final ImportReport report;
    private final List<Pending> pending = new ArrayList<>(BATCH_SIZE);

    /** A record waiting for its batch: either a paper or a reject, maybe replaying a stored reject. */
    private record Pending(Paper paper, Reject reject, Long replayedRejectId) {}

    PaperSink(Handle handle, PaperRepository papers, RejectRepository rejects, long runId, ImportReport report) {
        this.handle = handle;
        this.papers = papers;
        this.rejects = rejects;
        this.runId = runId;
        this.report = report;
    }

    /** Adds one record read from {@code source} in {@code format}. */
    void add(String source, ImportFormat format, RawRecord record) {
        add(source, format, record, null);
    }

    /** Adds a record replayed from the stored reject {@code rejectId}. */
    void add(String source, ImportFormat format, RawRecord record, Long rejectId) {
        Pending p;
        if (record.problem() != null) {
            p = new Pending(null, new Reject(source, record.line(), format.cliName(), record.problem(), record.raw()),
                    rejectId);
        } else {
            try {
                Paper paper = format.map(record.parsed());
                p = paper == null
                        ? new Pending(null, null, rejectId)
                        : new Pending(paper, null, rejectId);
            } catch (InvalidRecordException e) {
                p = new Pending(null, new Reject(source, record.line(), format.cliName(), e.getMessage(), record.raw()),
                        rejectId);
            } catch (RuntimeException e) {
                // A mapping bug must not lose the record: keep it as a reject with the cause.
                p = new Pending(null, new Reject(source, record.line(), format.cliName(),
                        "could not map the record: " + e, record.raw()), rejectId);
            }
        }
        pending.add(p);
        if (pending.size() >= BATCH_SIZE) {
            flush();
        }
    }

    /** Writes the pending batch. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>();
        for (Pending p : pending) {
            if (p.paper != null) {
                ids.add(p.paper.id());
            }
        }
        Map<String, Paper> stored = papers.findAll(handle, ids);
        Map<String, Paper> toInsert = new LinkedHashMap<>();
        Map<String, Paper> toUpdate = new LinkedHashMap<>();
        for (Pending p : pending) {
            ImportOutcome outcome;
            if (p.reject != null) {
                if (p.replayedRejectId != null) {
                    rejects.updateReason(handle, p.replayedRejectId, p.reject.reason());
                } else {
                    rejects.add(handle, runId, p.reject);
                }
                outcome = new ImportOutcome.Rejected(p.reject);
            } else {
                if (p.replayedRejectId != null) {
                    rejects.markResolved(handle, p.replayedRejectId, runId);
                }
                outcome = p.paper == null ? new ImportOutcome.Unchanged(null) : upsert(p.paper, stored, toInsert, toUpdate);
            }
            report.count(outcome);
        }
        papers.insertAll(handle, List.copyOf(toInsert.values()));
        papers.updateAll(handle, List.copyOf(toUpdate.values()));
        pending.clear();
    }

    private static ImportOutcome upsert(Paper incoming, Map<String, Paper> stored, Map<String, Paper> toInsert,
            Map<String, Paper> toUpdate) {
        String id = incoming.id();
        Paper current = toInsert.get(id);
        if (current == null) {
            current = toUpdate.get(id);
        }
        if (current == null) {
            current = stored.get(id);
        }
        if (current == null) {
            toInsert.put(id, incoming);
            return new ImportOutcome.Added(id);
        }
        Paper merged = current.merge(incoming);
        if (merged.equals(current)) {
            return new ImportOutcome.Unchanged(id);
        }
        if (toInsert.containsKey(id)) {
            toInsert.put(id, merged);
        } else {
            toUpdate.put(id, merged);
        }
        return new ImportOutcome.Updated(id);
    }
}
