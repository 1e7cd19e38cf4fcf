package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogMailerTest {

    @Test
    void prints_the_recipient_the_subject_and_the_text_body() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LogMailer mailer = new LogMailer(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        mailer.send(new MailMessage(
                "alice@example.org",
                "Sign in to Paperboy",
                "Open https://papers.example.org/login/abc\nIt expires in 15 minutes.",
                "<p>ignored</p>",
                Map.of("List-Unsubscribe", "<https://papers.example.org/u/1>")));

        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("mail to alice@example.org: Sign in to Paperboy\n"
                        + "Open https://papers.example.org/login/abc\nIt expires in 15 minutes."
                        + System.lineSeparator());
    }
}
