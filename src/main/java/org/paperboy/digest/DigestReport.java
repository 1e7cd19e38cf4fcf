package org.paperboy.digest;

/**
 * What a run did: digests it took up ({@code planned}), sent, skipped (nothing new, stale period,
 * subscription ended), failed (left for the next run or given up), and of those taken up, how
 * many a run that died had left in flight ({@code resumed}) and how many of these may have reached
 * the server before ({@code in_doubt}: sent again with the same Message-ID). {@code alertsByKeywords}
 * counts the papers alerts matched by their words alone because they had no vector yet.
 */
public record DigestReport(
        int planned, int sent, int skipped, int failed, int resumed, int inDoubt, int alertsByKeywords) {

    public DigestReport(int planned, int sent, int skipped, int failed, int resumed, int inDoubt) {
        this(planned, sent, skipped, failed, resumed, inDoubt, 0);
    }

    /**
     * The summary line the CLI prints last; {@code alerts_by_keywords=N} is added when alerts had
     * to match papers without vectors.
     */
    public String line() {
        return "planned=" + planned + " sent=" + sent + " skipped=" + skipped + " failed=" + failed + " resumed="
                + resumed + " in_doubt=" + inDoubt
                + (alertsByKeywords > 0 ? " alerts_by_keywords=" + alertsByKeywords : "");
    }
}
