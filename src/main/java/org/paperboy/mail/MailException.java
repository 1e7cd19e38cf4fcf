package org.paperboy.mail;

/**
 * A message could not be delivered; the message names the recipient, the server and its reply.
 * {@link #permanent()} is true when retrying cannot help (an SMTP 5xx reply, rejected credentials,
 * an invalid address) and false for failures worth retrying later (connection refused or dropped,
 * time-outs, SMTP 4xx replies).
 */
public final class MailException extends RuntimeException {

    private final boolean permanent;

    public MailException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
