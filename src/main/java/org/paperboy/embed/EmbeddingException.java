package org.paperboy.embed;

/** An embedding model could not be loaded or failed to run; the message names the model. */
public final class EmbeddingException extends RuntimeException {

    public EmbeddingException(String message) {
        super(message);
    }

    public EmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }
}
