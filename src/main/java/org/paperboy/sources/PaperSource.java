package org.paperboy.sources;

/**
 * A place papers come from by themselves, fetched on a {@link Schedule} inside {@code serve} (or
 * once by {@code paperboy sources run}): Hugging Face's daily papers, arXiv's OAI-PMH interface,
 * another Paperboy. A run fetches what is due, from where the last one stopped, and stores it
 * through the {@link SourceRun} it is given, page by page; it must be safe to repeat.
 */
public interface PaperSource {

    /** The name in {@code PAPERBOY_SOURCES}, the run lock, the state and the metrics: {@code hf-daily}. */
    String name();

    /** Where it fetches from, for people (status pages). */
    String upstream();

    Schedule schedule();

    /**
     * Fetches and stores what is due.
     *
     * @throws SourceFailure when the upstream or the store failed; what was stored before stays
     * @throws InterruptedException when the run was asked to stop
     */
    void run(SourceRun run) throws SourceFailure, InterruptedException;
}
