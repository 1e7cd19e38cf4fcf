package org.paperboy.web;

import java.time.Instant;
import java.util.List;
import org.paperboy.store.DigestLedgerRepository.PeriodRun;
import org.paperboy.store.FeedRepository.HiddenPaper;
import org.paperboy.store.SubmissionRepository.Submission;
import org.paperboy.store.UserRepository.SignUp;

/**
 * What {@code /admin} shows: the figures and short lists of each part of the site. Counts are
 * exact; each list holds at most {@link AdminPages#LIST_SIZE} rows, newest first. Holds no
 * secret: accounts are listed by address and dates only.
 */
public record AdminView(
        Indexing indexing,
        long hiddenCount,
        List<HiddenPaper> hidden,
        long submissionCount,
        List<Submission> submissions,
        long accountCount,
        List<SignUp> accounts,
        int digestsSent,
        int digestsFailed,
        List<PeriodRun> digestRuns,
        Sources sources) {

    public AdminView {
        hidden = List.copyOf(hidden);
        submissions = List.copyOf(submissions);
        accounts = List.copyOf(accounts);
        digestRuns = List.copyOf(digestRuns);
    }

    /**
     * The search index as {@code /health} reports it: papers stored, documents indexed, documents
     * with a vector, and the indexer's state in words ({@code failing since ...}).
     */
    public record Indexing(long stored, long indexed, long vectors, String state, boolean failing) {

        /** Stored papers not in the index yet. */
        public long notIndexed() {
            return Math.max(0, stored - indexed);
        }

        /** Stored papers without a vector yet (search by meaning and alerts do not see them). */
        public long vectorsMissing() {
            return Math.max(0, stored - vectors);
        }
    }

    /** The scheduled sources: none when {@code enabled} is false; how many there are and fail. */
    public record Sources(boolean enabled, int count, int failing) {}

    /** The page of paper {@code id} on this site ({@code /papers/hep-th/9901001}). */
    public String paperPath(String id) {
        return PaperPages.pathOf(id);
    }

    /** A moment for people, in UTC: {@code 2026-07-02 07:00:00 UTC}; empty for {@code null}. */
    public String moment(Instant at) {
        return at == null ? "" : SourcePages.moment(at);
    }
}
