package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.mail.SmtpSettings.Tls;

class SmtpSettingsTest {

    @Test
    void takes_the_smtp_keys_of_the_configuration() {
        PaperboyConfig config = new PaperboyConfig(
                Path.of("data"),
                "jdbc:sqlite:data/paperboy.db",
                8080,
                URI.create("http://localhost:8080"),
                "smtp.example.org",
                587,
                "bot",
                "s3cret",
                PaperboyConfig.SmtpTls.STARTTLS,
                "Paperboy <papers@example.org>",
                List.of(),
                URI.create("https://export.arxiv.org/api"),
                URI.create("https://oaipmh.arxiv.org/oai"),
                PaperboyConfig.DEFAULT_DIGEST_TIME,
                java.time.ZoneOffset.UTC);

        assertThat(SmtpSettings.from(config))
                .isEqualTo(new SmtpSettings(
                        "smtp.example.org", 587, "bot", "s3cret", Tls.STARTTLS, "Paperboy <papers@example.org>"));
    }

    @Test
    void masks_the_password_in_to_string() {
        SmtpSettings s = new SmtpSettings("smtp.example.org", 465, "bot", "s3cret", Tls.SSL, "papers@example.org");

        assertThat(s.toString())
                .isEqualTo("SmtpSettings[host=smtp.example.org, port=465, user=bot, password=****, tls=SSL, "
                        + "from=papers@example.org]");
    }

    @Test
    void treats_blank_credentials_as_none() {
        SmtpSettings s = new SmtpSettings("localhost", 25, " ", "", Tls.NONE, "paperboy@localhost");

        assertThat(s.user()).isNull();
        assertThat(s.password()).isNull();
        assertThat(s.authenticates()).isFalse();
    }

    @Test
    void rejects_a_user_without_a_password() {
        assertThatThrownBy(() -> new SmtpSettings("localhost", 25, "bot", null, Tls.NONE, "paperboy@localhost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("user='bot' is set but password is not; set both to log in, or neither");
    }

    @Test
    void rejects_a_password_without_a_user() {
        assertThatThrownBy(() -> new SmtpSettings("localhost", 25, null, "s3cret", Tls.NONE, "paperboy@localhost"))
                .hasMessage("password is set but user is not; set both to log in, or neither");
    }

    @Test
    void rejects_port_zero() {
        assertThatThrownBy(() -> new SmtpSettings("localhost", 0, null, null, Tls.NONE, "paperboy@localhost"))
                .hasMessage("port=0 is not a port number; use 1-65535 (usually 25, 587 for STARTTLS, 465 for SSL)");
    }

    @Test
    void rejects_a_blank_host() {
        assertThatThrownBy(() -> new SmtpSettings(" ", 25, null, null, Tls.NONE, "paperboy@localhost"))
                .hasMessage("host is blank; set the SMTP server's name, like smtp.example.org");
    }

    @Test
    void rejects_a_from_that_is_not_an_address() {
        assertThatThrownBy(() -> new SmtpSettings("localhost", 25, null, null, Tls.NONE, "Paperboy <papers>"))
                .hasMessage("from='Paperboy <papers>' is not an e-mail address (Missing final '@domain'); "
                        + "use e.g. papers@example.org or Paperboy <papers@example.org>");
    }
}
