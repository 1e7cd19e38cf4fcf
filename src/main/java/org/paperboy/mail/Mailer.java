package org.paperboy.mail;

/**
 * Delivers one {@link MailMessage} per call. Implementations are safe for concurrent use; a failed
 * delivery throws {@link MailException}, whose {@link MailException#permanent()} tells the caller
 * whether retrying later can help.
 */
public interface Mailer {

    void send(MailMessage message) throws MailException;
}
