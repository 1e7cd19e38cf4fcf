package org.paperboy.ingest;

import java.nio.file.Path;
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
    private final List<Path> notStored = new ArrayList<>();

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
        notStored.addAll(other.notStored);
    }

    void fail(String message) {
        failures.add(message);
    }

    /** The run stopped at the first of {@code files} because the disk is full; none of them is stored. */
    void diskFull(List<Path> files, String message) {
        failures.add(message);
        notStored.addAll(files);
    }

    /**
     * The files not stored because the disk was full: the one being imported when it filled up and
     * those after it; empty when the disk did not fill up.
     */
    public List<Path> notStoredForLackOfSpace() {
        return List.copyOf(notStored);
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
