package org.paperboy.digest;

/**
 * What a run did: digests it took up ({@code planned}), sent, skipped (nothing new, stale period,
 * subscription ended), failed (left for the next run or given up), and of those taken up, how
 * many a run that died had left in flight ({@code resumed}) and how many of these may have reached
 * the server before ({@code in_doubt}: sent again with the same Message-ID).
 */
public record DigestReport(int planned, int sent, int skipped, int failed, int resumed, int inDoubt) {

    /** The summary line the CLI prints last. */
    public String line() {
        return "planned=" + planned + " sent=" + sent + " skipped=" + skipped + " failed=" + failed + " resumed="
                + resumed + " in_doubt=" + inDoubt;
    }
}
