package org.paperboy.mail;

/**
 * Delivers one {@link MailMessage} per call. Implementations are safe for concurrent use; a failed
 * delivery throws {@link MailException}, whose {@link MailException#permanent()} tells the caller
 * whether retrying later can help.
 */
public interface Mailer {

    void send(MailMessage message) throws MailException;

    /**
     * Sends {@code message}, running {@code beforeEnd} at the last moment before the recipient's
     * server can have it: over SMTP, after the whole message was transferred and before the line
     * that ends it, so a process that dies before that line leaves nothing delivered. When
     * {@code beforeEnd} throws, nothing is delivered and the exception is passed on. A mailer that
     * cannot tell that moment runs it before sending.
     */
    default void send(MailMessage message, Runnable beforeEnd) throws MailException {
        beforeEnd.run();
        send(message);
    }
}
