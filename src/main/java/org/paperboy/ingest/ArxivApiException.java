package org.paperboy.ingest;

/**
 * The arXiv API could not be asked: it was unreachable, answered an HTTP error, or sent a
 * response that is not an Atom feed. The message names the URL and the problem; no partial
 * result goes with it.
 */
public final class ArxivApiException extends Exception {
    public ArxivApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
