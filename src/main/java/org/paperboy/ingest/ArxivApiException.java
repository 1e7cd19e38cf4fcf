package org.paperboy.ingest;

/**
 * The arXiv API could not be asked: it was unreachable, answered an HTTP error, or sent a
 * response that is not an Atom feed. The message names the URL and the problem; no partial
 * result goes with it.
 */
public final class ArxivApiException extends Exception {
    private final boolean invalidAnswer;

    public ArxivApiException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public ArxivApiException(String message, Throwable cause, boolean invalidAnswer) {
        super(message, cause);
        this.invalidAnswer = invalidAnswer;
    }

    /** arXiv answered, but with something unusable (not an Atom feed, an unreadable record, too large). */
    public boolean invalidAnswer() {
        return invalidAnswer;
    }
}
