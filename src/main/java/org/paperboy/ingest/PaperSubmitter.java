package org.paperboy.ingest;

/**
 * Adds one paper to today's feed by its arXiv id or URL, fetched through the arXiv API.
 * PLACEHOLDER: being written (issue 4); the web layer depends only on {@link #submit}.
 */
public final class PaperSubmitter {

    public PaperSubmitter(
            ArxivClient client,
            org.paperboy.store.Database db,
            org.paperboy.store.PaperRepository papers,
            java.time.Clock clock) {}

    /** The result of a submission: the paper's id and whether it was new to the store. */
    public record Submitted(String id, boolean added) {}

    /**
     * Fetches and stores the paper {@code idOrUrl}.
     *
     * @throws IllegalArgumentException when {@code idOrUrl} is not an arXiv id or URL
     * @throws ArxivApiException when arXiv is unreachable or does not know the id
     */
    public Submitted submit(String idOrUrl) throws ArxivApiException {
        throw new UnsupportedOperationException("not written yet");
    }
}
