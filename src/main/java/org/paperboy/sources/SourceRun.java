package org.paperboy.sources;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.paperboy.ingest.ImportFormat;
import org.paperboy.ingest.ImportReport;
import org.paperboy.ingest.PageImporter;
import org.paperboy.paper.Paper;
import org.paperboy.paper.UpstreamFacts;
import org.paperboy.store.Database;
import org.paperboy.store.SourceStateRepository;
import org.paperboy.store.UpstreamRepository;

/**
 * One run of a source as the source sees it: which days are due, and how to store a page so that
 * it lands whole or not at all together with the run's progress and, when the page ends a day,
 * the source's {@code fetched_until}. Made by {@link SourceRunner} while it holds the source's
 * run lock; not thread-safe.
 */
public final class SourceRun {

    /** Days a run reads again although they were fetched: upvotes keep moving for a few days. */
    public static final int REREAD_DAYS = 3;

    private final String source;
    private final long runId;
    private final LocalDate today;
    private final LocalDate from;
    private final LocalDate until;
    private final int backfillDays;
    private final BooleanSupplier stopping;
    private final Database db;
    private final PageImporter importer;
    private final SourceStateRepository states;
    private final UpstreamRepository upstream;
    private final ImportReport total = PageImporter.emptyReport();
    private LocalDate fetchedUntil;
    private Long importRunId;
    private int daysTotal;
    private int daysDone;

    SourceRun(
            String source,
            long runId,
            LocalDate today,
            LocalDate from,
            LocalDate until,
            LocalDate fetchedUntil,
            int backfillDays,
            BooleanSupplier stopping,
            Database db,
            PageImporter importer,
            SourceStateRepository states,
            UpstreamRepository upstream) {
        this.source = source;
        this.runId = runId;
        this.today = today;
        this.from = from;
        this.until = until;
        this.fetchedUntil = fetchedUntil;
        this.backfillDays = backfillDays;
        this.stopping = stopping;
        this.db = db;
        this.importer = importer;
        this.states = states;
        this.upstream = upstream;
    }

    /** Today in UTC, by the scheduler's clock. */
    public LocalDate today() {
        return today;
    }

    /** The first day asked for ({@code sources run --from}), or {@code null} for a scheduled run. */
    public LocalDate from() {
        return from;
    }

    /** The last day asked for ({@code sources run --until}), or {@code null}. */
    public LocalDate until() {
        return until;
    }

    /** The last day fetched completely before this run, or {@code null} when the source never finished one. */
    public LocalDate fetchedUntil() {
        return fetchedUntil;
    }

    /** How many days before today a first run reaches back ({@code PAPERBOY_SOURCES_BACKFILL_DAYS}). */
    public int backfillDays() {
        return backfillDays;
    }

    /** True when the run should stop at the next page (the server is shutting down). */
    public boolean stopping() {
        return stopping.getAsBoolean();
    }

    /**
     * The days a day-by-day source fetches, oldest first: the days asked for; else on a first run
     * today and the {@link #backfillDays} before it; else from the day after the last one fetched
     * (catching up after downtime), but at least the last {@value #REREAD_DAYS} days, to today.
     */
    public List<LocalDate> days() {
        LocalDate first;
        LocalDate last;
        if (from != null || until != null) {
            last = until != null ? until : today;
            first = from != null ? from : last;
        } else {
            last = today;
            if (fetchedUntil == null) {
                first = today.minusDays(backfillDays);
            } else {
                LocalDate reread = today.minusDays(REREAD_DAYS - 1L);
                LocalDate next = fetchedUntil.plusDays(1);
                first = next.isBefore(reread) ? next : reread;
            }
        }
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }

    /** Says how many days this run will fetch, for its progress. */
    public void plan(int days) {
        daysTotal = days;
    }

    /**
     * Stores one fetched page in one transaction: its items mapped by {@code format} (bad ones
     * become rejects naming {@code url}), the {@code facts} of each good item, the run's progress,
     * and, when the page is the last of {@code completesDay} (else {@code null}), that day as
     * fetched. Returns the page's counts.
     */
    public ImportReport storePage(
            String url,
            ImportFormat format,
            List<PageImporter.Item> items,
            Function<JsonNode, UpstreamFacts> facts,
            LocalDate completesDay) {
        long importRun = importRunId();
        ImportReport page = db.transaction(tx -> {
            PageImporter.Stored stored = importer.store(tx, importRun, url, format, items);
            Map<String, UpstreamFacts> known = new LinkedHashMap<>();
            for (int i = 0; i < items.size(); i++) {
                Paper p = stored.papers().get(i);
                if (p != null && facts != null) {
                    UpstreamFacts f = facts.apply(items.get(i).json());
                    if (f != null && !f.isEmpty()) {
                        known.put(p.id(), f);
                    }
                }
            }
            upstream.saveAll(tx, known);
            ImportReport r = stored.report();
            states.progress(
                    tx,
                    runId,
                    daysTotal,
                    daysDone + (completesDay != null ? 1 : 0),
                    total.imported() + r.imported(),
                    total.updated() + r.updated(),
                    total.unchanged() + r.unchanged(),
                    total.rejected() + r.rejected());
            if (completesDay != null && advances(completesDay)) {
                states.advance(tx, source, completesDay);
            }
            return r;
        });
        // Counted only after the commit: a failed transaction leaves the run's figures as they were.
        PageImporter.add(total, page);
        if (completesDay != null) {
            daysDone++;
            if (advances(completesDay)) {
                fetchedUntil = completesDay;
            }
        }
        return page;
    }

    /** Counts one finished step that stored its own pages (an OAI-PMH harvest of a set) into this run's figures. */
    public void add(ImportReport report) {
        PageImporter.add(total, report);
        daysDone++;
        db.transaction(tx -> {
            states.progress(
                    tx,
                    runId,
                    daysTotal,
                    daysDone,
                    total.imported(),
                    total.updated(),
                    total.unchanged(),
                    total.rejected());
            return null;
        });
    }

    /**
     * Only a day next to the last one fetched moves the mark (or the first day ever): a day asked
     * for past a gap leaves the gap for the next scheduled run to fill.
     */
    private boolean advances(LocalDate day) {
        return fetchedUntil == null || (day.isAfter(fetchedUntil) && !day.isAfter(fetchedUntil.plusDays(1)));
    }

    /** The import run this run's rejects belong to, started with the first page. */
    long importRunId() {
        if (importRunId == null) {
            importRunId = importer.startRun("source " + source);
        }
        return importRunId;
    }

    boolean startedImportRun() {
        return importRunId != null;
    }

    ImportReport total() {
        return total;
    }

    int daysDone() {
        return daysDone;
    }

    int daysTotal() {
        return daysTotal;
    }
}
