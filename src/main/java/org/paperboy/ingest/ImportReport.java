package org.paperboy.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Outcome counts of an import run, each record counted exactly once, plus the inputs that could
 * not be read at all ({@link #failures}). Mutable while the run goes on; read it after.
 */
public final class ImportReport {
    private long imported;
    private long updated;
    private long unchanged;
    private long rejected;
    private final List<String> failures = new ArrayList<>();

    void count(ImportOutcome outcome) {
        switch (outcome) {
            case ImportOutcome.Added a -> imported++;
            case ImportOutcome.Updated u -> updated++;
            case ImportOutcome.Unchanged u -> unchanged++;
            case ImportOutcome.Rejected r -> rejected++;
        }
    }

    void add(ImportReport other) {
        imported += other.imported;
        updated += other.updated;
        unchanged += other.unchanged;
        rejected += other.rejected;
        failures.addAll(other.failures);
    }

    void fail(String message) {
        failures.add(message);
    }

    public long imported() {
        return imported;
    }

    public long updated() {
        return updated;
    }

    public long unchanged() {
        return unchanged;
    }

    public long rejected() {
        return rejected;
    }

    public long records() {
        return imported + updated + unchanged + rejected;
    }

    /** One line per input that could not be read, naming it and the problem. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** The summary line: {@code imported=N updated=N unchanged=N rejected=N}. */
    public String summary() {
        return "imported=" + imported + " updated=" + updated + " unchanged=" + unchanged + " rejected=" + rejected;
    }

    @Override
    public String toString() {
        return summary();
    }
}
