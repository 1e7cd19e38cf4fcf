package org.paperboy.web;

import org.paperboy.sources.SourceStatus;
import org.paperboy.store.SourceStateRepository;

/** One scheduled source as {@code /admin/sources} shows it, its moments already written out (UTC). */
public record SourceRow(SourceStatus status, String lastRun, String lastRunEnd, String nextRun, String failingSince) {

    /** The latest run, or {@code null} before the first. */
    public SourceStateRepository.Run run() {
        return status.lastRun();
    }
}
