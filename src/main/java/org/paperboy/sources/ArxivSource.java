package org.paperboy.sources;

import java.net.URI;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.paperboy.ingest.ImportException;
import org.paperboy.ingest.ImportListener;
import org.paperboy.ingest.Importer;
import org.paperboy.ingest.OaiHarvester;

/**
 * arXiv's OAI-PMH interface through the {@link OaiHarvester}, once a day after arXiv's evening
 * announcement (20:00 US Eastern, so 02:00 UTC is after it all year), one incremental harvest per
 * configured set: each continues from the last day its previous harvest covered and resumes an
 * interrupted one at its saved token. A first harvest of a set reaches back the backfill days.
 */
public final class ArxivSource implements PaperSource {

    public static final String NAME = "arxiv";

    /** When the daily harvest runs: after arXiv's announcement at 20:00 US Eastern (00:00 or 01:00 UTC). */
    static final LocalTime AFTER_ANNOUNCEMENT = LocalTime.of(2, 0);

    private final URI endpoint;
    private final List<String> sets;
    private final OaiHarvester harvester;
    private final Covered covered;

    /** Tells the last day a previous harvest of an endpoint covered, or {@code null} when none completed. */
    @FunctionalInterface
    public interface Covered {
        LocalDate until(String endpoint);
    }

    public ArxivSource(URI endpoint, List<String> sets, OaiHarvester harvester, Covered covered) {
        this.endpoint = endpoint;
        this.sets = List.copyOf(sets);
        this.harvester = harvester;
        this.covered = covered;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String upstream() {
        return endpoint + " (sets " + String.join(", ", sets) + ")";
    }

    @Override
    public Schedule schedule() {
        return new Schedule.DailyAt(AFTER_ANNOUNCEMENT);
    }

    @Override
    public void run(SourceRun run) throws SourceFailure, InterruptedException {
        run.plan(sets.size());
        for (String set : sets) {
            if (run.stopping()) {
                throw new InterruptedException("stopping before set " + set);
            }
            LocalDate from = run.from();
            if (from == null && covered.until(OaiHarvester.endpoint(endpoint, set)) == null) {
                // Never harvested: not all of arXiv, only the backfill days.
                from = run.today().minusDays(run.backfillDays());
            }
            try {
                Importer.Run done = harvester.harvest(endpoint, from, run.until(), set, ImportListener.NONE);
                run.add(done.report());
            } catch (ImportException e) {
                throw new SourceFailure(e.getMessage(), null, e);
            } catch (IllegalArgumentException e) {
                throw new SourceFailure("arXiv set " + set + ": " + e.getMessage(), null, e);
            }
        }
    }
}
