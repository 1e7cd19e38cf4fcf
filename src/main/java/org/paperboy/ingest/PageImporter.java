package org.paperboy.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.paperboy.paper.Paper;
import org.paperboy.store.ImportRunRepository;
import org.paperboy.store.PaperRepository;
import org.paperboy.store.RejectRepository;
import org.paperboy.store.Transaction;

/**
 * Stores pages of JSON items fetched from an upstream (a scheduled source) the way {@link Importer}
 * stores files: each item mapped by an {@link ImportFormat}, new papers inserted, known ones
 * merged, bad items kept as rejects with the page's URL, the item's position and the reason. A
 * page is written inside the caller's transaction, so it is stored whole or not at all.
 */
public final class PageImporter {

    /** One item of a page: its 1-based position, its JSON text (kept when rejected) and its parsed form. */
    public record Item(long position, byte[] raw, JsonNode json) {}

    /**
     * What storing a page did: its counts, and per item (same order) the paper it mapped to, or
     * {@code null} for an item that was rejected or carried nothing.
     */
    public record Stored(ImportReport report, List<Paper> papers) {}

    private final PaperRepository papers;
    private final RejectRepository rejects;
    private final ImportRunRepository runs;
    private final Path rejectsDir;

    public PageImporter(PaperRepository papers, RejectRepository rejects, ImportRunRepository runs, Path rejectsDir) {
        this.papers = papers;
        this.rejects = rejects;
        this.runs = runs;
        this.rejectsDir = rejectsDir;
    }

    /** Starts an import run (the rejects of the pages stored in it point to it) and returns its id. */
    public long startRun(String command) {
        return runs.start(command);
    }

    /** Stores one page read from {@code url} in {@code format}, in the caller's unit of work {@code tx}. */
    public Stored store(Transaction tx, long runId, String url, ImportFormat format, List<Item> items) {
        ImportReport report = new ImportReport();
        PaperSink sink = new PaperSink(tx, papers, rejects, runId, report);
        List<Paper> mapped = new ArrayList<>(items.size());
        for (Item item : items) {
            PaperSink.Prepared p =
                    PaperSink.prepare(url, format, RawRecord.ok(item.position(), item.raw(), item.json()), null);
            mapped.add(p.paper());
            sink.add(p);
        }
        sink.flush();
        return new Stored(report, java.util.Collections.unmodifiableList(mapped));
    }

    /**
     * Ends the run with the totals of its pages, {@code failure} (or {@code null}) as the reason it
     * stopped, and writes its rejects file; returns the finished run.
     */
    public Importer.Run finish(long runId, ImportReport total, String failure) {
        if (failure != null) {
            total.fail(failure);
        }
        return Importer.finish(runs, rejects, rejectsDir, runId, total);
    }

    /** A new, empty report to add pages' reports to. */
    public static ImportReport emptyReport() {
        return new ImportReport();
    }

    /** Adds {@code page}'s counts to {@code total}. */
    public static void add(ImportReport total, ImportReport page) {
        total.add(page);
    }
}
