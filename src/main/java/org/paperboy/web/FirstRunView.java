package org.paperboy.web;

import java.util.List;

/**
 * The front page of an empty install while its sources fetch the first papers: one step per
 * source (its health, the days done of its current or last run, the papers it stored, a failure
 * and when it tries again) and the papers stored so far.
 */
public record FirstRunView(List<Step> steps, long papers) {

    public FirstRunView {
        steps = List.copyOf(steps);
    }

    /** One source's part of the first fetch. */
    public record Step(
            String name,
            String upstream,
            String health,
            int daysDone,
            int daysTotal,
            long stored,
            String error,
            String nextRun) {

        /** Percent of the days done, 0 before the run planned them. */
        public int percent() {
            return daysTotal == 0 ? 0 : Math.min(100, daysDone * 100 / daysTotal);
        }
    }
}
