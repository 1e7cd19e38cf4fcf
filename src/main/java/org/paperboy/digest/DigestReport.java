package org.paperboy.digest;

/**
 * What a run did: digests it took up ({@code planned}), sent, skipped (nothing new, stale period,
 * subscription ended), failed (left for the next run or given up), and those whose fate it
 * cannot know because another run holds them or a run died while sending them ({@code uncertain}).
 */
public record DigestReport(int planned, int sent, int skipped, int failed, int uncertain) {

    /** The summary line the CLI prints last. */
    public String line() {
        return "planned=" + planned + " sent=" + sent + " skipped=" + skipped + " failed=" + failed + " uncertain="
                + uncertain;
    }
}
