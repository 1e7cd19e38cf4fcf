package org.paperboy.mail;

import java.io.PrintStream;
import java.util.Objects;

/**
 * The development mailer: prints each message as {@code mail to ADDRESS: SUBJECT}, a line break
 * and the text body to a stream (standard error when the server runs without SMTP) instead of
 * sending it, so sign-in links can be followed from the console.
 */
public final class LogMailer implements Mailer {

    private final PrintStream out;

    public LogMailer(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void send(MailMessage message) {
        Objects.requireNonNull(message, "message");
        // One println call, so messages sent from several threads do not interleave.
        out.println("mail to " + message.to() + ": " + message.subject() + "\n" + message.textBody());
        out.flush();
    }
}
