package org.paperboy.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Objects;
import org.paperboy.config.PaperboyConfig;

/**
 * Where and how {@link SmtpMailer} delivers: the server, its port, optional credentials (both or
 * neither), how the connection is protected and the {@code From} address, either bare
 * ({@code papers@example.org}) or with a name ({@code Paperboy <papers@example.org>}). The password
 * never appears in {@link #toString()}.
 */
public record SmtpSettings(String host, int port, String user, String password, Tls tls, String from) {

    /** How mail is protected on its way to the server. */
    public enum Tls {
        /** Plain SMTP, for a relay on the same host or network. */
        NONE,
        /** Plain connection upgraded with STARTTLS before anything else is sent; refused if the server cannot. */
        STARTTLS,
        /** TLS from the first byte ("implicit TLS", usually port 465). */
        SSL
    }

    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(from, "from");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank; set the SMTP server's name, like smtp.example.org");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(
                    "port=" + port + " is not a port number; use 1-65535 (usually 25, 587 for STARTTLS, 465 for SSL)");
        }
        user = user == null || user.isBlank() ? null : user;
        password = password == null || password.isEmpty() ? null : password;
        if (user == null && password != null) {
            throw new IllegalArgumentException("password is set but user is not; set both to log in, or neither");
        }
        if (user != null && password == null) {
            throw new IllegalArgumentException(
                    "user='" + user + "' is set but password is not; set both to log in, or neither");
        }
        try {
            new InternetAddress(from, true).validate();
        } catch (AddressException e) {
            throw new IllegalArgumentException("from='" + from + "' is not an e-mail address (" + e.getMessage()
                    + "); use e.g. papers@example.org or Paperboy <papers@example.org>");
        }
    }

    /** The SMTP keys of Paperboy's configuration. */
    public static SmtpSettings from(PaperboyConfig c) {
        Tls tls = switch (c.smtpTls()) {
            case NONE -> Tls.NONE;
            case STARTTLS -> Tls.STARTTLS;
            case SSL -> Tls.SSL;
        };
        return new SmtpSettings(c.smtpHost(), c.smtpPort(), c.smtpUser(), c.smtpPassword(), tls, c.mailFrom());
    }

    /** Whether the mailer logs in: a user (and so a password) is set. */
    public boolean authenticates() {
        return user != null;
    }

    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", user=" + user + ", password="
                + (password == null ? null : "****") + ", tls=" + tls + ", from=" + from + "]";
    }
}
