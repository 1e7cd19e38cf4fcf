package org.paperboy.ingest;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paperboy.paper.InvalidRecordException;
import org.paperboy.paper.Paper;
import org.paperboy.store.PaperRepository;
import org.paperboy.store.Reject;
import org.paperboy.store.RejectRepository;
import org.paperboy.store.Transaction;

/**
 * Writes mapped records in batches inside the caller's transaction: new papers are inserted,
 * known ones merged ({@link Paper#merge}) and updated only when the merge changed them, bad
 * records stored as rejects. Every record gets exactly one {@link ImportOutcome}, counted in the
 * report when its batch is written. {@link #prepare} is pure and may run on another thread.
 */
final class PaperSink {
    static final int BATCH_SIZE = 1000;

    private final Transaction tx;
    private final PaperRepository papers;
    private final RejectRepository rejects;
    private final long runId;
    private final ImportReport report;
    private final List<Prepared> pending = new ArrayList<>(BATCH_SIZE);

    /**
     * One mapped record: a paper with its content hash, a reject, or neither (nothing to import);
     * {@code replayedRejectId} is set when it replays a stored reject.
     */
    record Prepared(Paper paper, String hash, Reject reject, Long replayedRejectId) {}

    PaperSink(Transaction tx, PaperRepository papers, RejectRepository rejects, long runId, ImportReport report) {
        this.tx = tx;
        this.papers = papers;
        this.rejects = rejects;
        this.runId = runId;
        this.report = report;
    }

    /** Maps one record read from {@code source}; never throws for bad input. */
    static Prepared prepare(String source, ImportFormat format, RawRecord record, Long rejectId) {
        if (record.problem() != null) {
            return rejected(source, format, record, record.problem(), rejectId);
        }
        try {
            Paper paper = format.map(record.parsed());
            if (paper != null) {
                paper.requirePlausibleDays(LocalDate.now(ZoneOffset.UTC));
            }
            return paper == null
                    ? new Prepared(null, null, null, rejectId)
                    : new Prepared(paper, PaperRepository.contentHash(paper), null, rejectId);
        } catch (InvalidRecordException e) {
            return rejected(source, format, record, e.getMessage(), rejectId);
        } catch (RuntimeException e) {
            // A mapping bug must not lose the record: keep it as a reject with the cause.
            return rejected(source, format, record, "could not map the record: " + e, rejectId);
        }
    }

    private static Prepared rejected(String source, ImportFormat format, RawRecord r, String reason, Long rejectId) {
        return new Prepared(null, null, new Reject(source, r.line(), format.cliName(), reason, r.raw()), rejectId);
    }

    /** Adds one record read from {@code source} in {@code format}. */
    void add(String source, ImportFormat format, RawRecord record) {
        add(prepare(source, format, record, null));
    }

    void add(Prepared p) {
        pending.add(p);
        if (pending.size() >= BATCH_SIZE) {
            flush();
        }
    }

    /** Writes a whole batch of prepared records. */
    void write(List<Prepared> batch) {
        for (Prepared p : batch) {
            add(p);
        }
        flush();
    }

    /** Writes the pending batch. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>();
        for (Prepared p : pending) {
            if (p.paper != null) {
                ids.add(p.paper.id());
            }
        }
        // Most re-imported records are identical to what is stored: compare hashes first and
        // load whole papers only for the ids that may change.
        Map<String, String> storedHashes = papers.hashes(tx, ids);
        List<String> toLoad = new ArrayList<>();
        for (Prepared p : pending) {
            if (p.paper != null) {
                String h = storedHashes.get(p.paper.id());
                if (h != null && !h.equals(p.hash)) {
                    toLoad.add(p.paper.id());
                }
            }
        }
        Map<String, Paper> stored = papers.findAll(tx, toLoad);
        Map<String, Paper> toInsert = new LinkedHashMap<>();
        Map<String, Paper> toUpdate = new LinkedHashMap<>();
        for (Prepared p : pending) {
            ImportOutcome outcome;
            if (p.reject != null) {
                if (p.replayedRejectId != null) {
                    rejects.updateReason(tx, p.replayedRejectId, p.reject.reason());
                } else {
                    rejects.add(tx, runId, p.reject);
                }
                outcome = new ImportOutcome.Rejected(p.reject);
            } else {
                if (p.replayedRejectId != null) {
                    rejects.markResolved(tx, p.replayedRejectId, runId);
                }
                if (p.paper == null) {
                    outcome = new ImportOutcome.Unchanged(null);
                } else {
                    outcome = upsert(p, storedHashes, stored, toInsert, toUpdate);
                }
            }
            report.count(outcome);
        }
        papers.insertAll(tx, List.copyOf(toInsert.values()));
        papers.updateAll(tx, List.copyOf(toUpdate.values()));
        pending.clear();
    }

    private static ImportOutcome upsert(
            Prepared p,
            Map<String, String> storedHashes,
            Map<String, Paper> stored,
            Map<String, Paper> toInsert,
            Map<String, Paper> toUpdate) {
        Paper incoming = p.paper;
        String id = incoming.id();
        Paper current = toInsert.get(id);
        if (current == null) {
            current = toUpdate.get(id);
        }
        if (current == null && p.hash.equals(storedHashes.get(id))) {
            return new ImportOutcome.Unchanged(id);
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
