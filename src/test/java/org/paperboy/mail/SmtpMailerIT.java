package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paperboy.mail.SmtpSettings.Tls;

class SmtpMailerIT {

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("bot@paperboy.test", "bot", "s3cret"));

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-03T12:00:00Z"), ZoneOffset.UTC);
    private static final String FROM = "Paperboy <papers@paperboy.test>";

    private static SmtpMailer mailer(int port) {
        return new SmtpMailer(new SmtpSettings("127.0.0.1", port, null, null, Tls.NONE, FROM), CLOCK);
    }

    private static int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    private static Map<String, String> unsubscribeHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<https://papers.example.org/unsubscribe/tok3n>, <mailto:u@paperboy.test>");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return headers;
    }

    @Test
    void sends_plain_text_with_an_encoded_subject_and_the_extra_headers() throws Exception {
        try (SmtpMailer mailer = mailer(smtpPort())) {
            mailer.send(new MailMessage(
                    "alice@example.org",
                    "Papers für dich — 3 new",
                    "Hallo Jürgen,\nhere are today's papers.",
                    null,
                    unsubscribeHeaders()));
        }

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage m = received[0];
        assertThat(m.getSubject()).isEqualTo("Papers für dich — 3 new");
        assertThat(m.getHeader("Subject", null)).startsWith("=?UTF-8?");
        assertThat(m.getFrom()).containsExactly(new InternetAddress("papers@paperboy.test", "Paperboy"));
        assertThat(m.getRecipients(Message.RecipientType.TO)).containsExactly(new InternetAddress("alice@example.org"));
        assertThat(m.getSentDate().toInstant()).isEqualTo(Instant.parse("2024-05-03T12:00:00Z"));
        assertThat(m.getMessageID()).matches("<[0-9a-f-]{36}@paperboy\\.test>");
        assertThat(m.getContentType()).isEqualTo("text/plain; charset=UTF-8");
        assertThat(m.getContent()).isEqualTo("Hallo Jürgen,\r\nhere are today's papers.");
        assertThat(m.getHeader("List-Unsubscribe"))
                .containsExactly("<https://papers.example.org/unsubscribe/tok3n>, <mailto:u@paperboy.test>");
        assertThat(m.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
    }

    @Test
    void encodes_a_non_ascii_sender_name() throws Exception {
        SmtpSettings settings = new SmtpSettings(
                "127.0.0.1", smtpPort(), null, null, Tls.NONE, "Zeitungsjunge Zürich <papers@paperboy.test>");
        try (SmtpMailer mailer = new SmtpMailer(settings, CLOCK)) {
            mailer.send(new MailMessage("alice@example.org", "Sign in", "link"));
        }

        MimeMessage m = greenMail.getReceivedMessages()[0];
        assertThat(m.getHeader("From", null)).isEqualTo("=?UTF-8?Q?Zeitungsjunge_Z=C3=BCrich?= <papers@paperboy.test>");
        assertThat(m.getFrom()).containsExactly(new InternetAddress("papers@paperboy.test", "Zeitungsjunge Zürich"));
    }

    @Test
    void sends_html_as_multipart_alternative_with_the_text_first() throws Exception {
        try (SmtpMailer mailer = mailer(smtpPort())) {
            mailer.send(new MailMessage(
                    "alice@example.org", "Your digest", "3 papers for you", "<p>3 papers für dich</p>", Map.of()));
        }

        MimeMessage m = greenMail.getReceivedMessages()[0];
        assertThat(m.getContentType()).startsWith("multipart/alternative;");
        MimeMultipart alternative = (MimeMultipart) m.getContent();
        assertThat(alternative.getCount()).isEqualTo(2);
        assertThat(alternative.getBodyPart(0).getContentType()).isEqualTo("text/plain; charset=UTF-8");
        assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("3 papers for you");
        assertThat(alternative.getBodyPart(1).getContentType()).isEqualTo("text/html; charset=UTF-8");
        assertThat(alternative.getBodyPart(1).getContent()).isEqualTo("<p>3 papers für dich</p>");
    }

    @Test
    void logs_in_with_the_user_and_password() throws Exception {
        SmtpSettings settings = new SmtpSettings("127.0.0.1", smtpPort(), "bot", "s3cret", Tls.NONE, FROM);
        try (SmtpMailer mailer = new SmtpMailer(settings, CLOCK)) {
            mailer.send(new MailMessage("alice@example.org", "Sign in", "https://papers.example.org/login/abc"));
        }

        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("Sign in");
    }

    @Test
    void rejected_credentials_are_a_permanent_failure() {
        SmtpSettings settings = new SmtpSettings("127.0.0.1", smtpPort(), "bot", "wrong", Tls.NONE, FROM);
        try (SmtpMailer mailer = new SmtpMailer(settings, CLOCK)) {
            assertThatThrownBy(() -> mailer.send(new MailMessage("alice@example.org", "Sign in", "link")))
                    .isInstanceOfSatisfying(
                            MailException.class, e -> assertThat(e.permanent()).isTrue())
                    .hasMessage("mail to alice@example.org via 127.0.0.1:" + smtpPort()
                            + " failed (permanent): 535 5.7.8 Authentication credentials invalid");
        }
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void an_unreachable_server_is_a_transient_failure() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (SmtpMailer mailer = mailer(closedPort)) {
            assertThatThrownBy(() -> mailer.send(new MailMessage("alice@example.org", "Sign in", "link")))
                    .isInstanceOfSatisfying(
                            MailException.class, e -> assertThat(e.permanent()).isFalse())
                    .hasMessage("mail to alice@example.org via 127.0.0.1:" + closedPort
                            + " failed (transient): Couldn't connect to host, port: 127.0.0.1, " + closedPort
                            + "; timeout 10000: Connection refused");
        }
    }

    @Test
    void sends_fifty_messages_on_one_connection() throws Exception {
        try (CountingProxy proxy = new CountingProxy(smtpPort());
                SmtpMailer mailer = mailer(proxy.port())) {
            for (int i = 0; i < 50; i++) {
                mailer.send(new MailMessage("reader" + i + "@example.org", "Digest " + i, "paper " + i));
            }

            assertThat(proxy.connections()).isEqualTo(1);
            assertThat(mailer.connections()).isEqualTo(1);
        }
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(50);
        assertThat(Arrays.stream(received).map(SmtpMailerIT::subject))
                .containsExactlyElementsOf(
                        IntStream.range(0, 50).mapToObj(i -> "Digest " + i).toList());
    }

    @Test
    void reconnects_when_the_server_dropped_the_connection() throws Exception {
        try (CountingProxy proxy = new CountingProxy(smtpPort());
                SmtpMailer mailer = mailer(proxy.port())) {
            mailer.send(new MailMessage("alice@example.org", "before", "1"));
            proxy.dropAll();
            mailer.send(new MailMessage("alice@example.org", "after", "2"));

            assertThat(proxy.connections()).isEqualTo(2);
        }
        assertThat(Arrays.stream(greenMail.getReceivedMessages()).map(SmtpMailerIT::subject))
                .containsExactly("before", "after");
    }

    @Test
    void refuses_a_server_certificate_it_cannot_verify() {
        GreenMail smtps = new GreenMail(ServerSetupTest.SMTPS.dynamicPort());
        smtps.start();
        try {
            int port = smtps.getSmtps().getPort();
            SmtpSettings settings = new SmtpSettings("127.0.0.1", port, null, null, Tls.SSL, FROM);
            try (SmtpMailer mailer = new SmtpMailer(settings, CLOCK)) {
                assertThatThrownBy(() -> mailer.send(new MailMessage("alice@example.org", "Sign in", "link")))
                        .isInstanceOfSatisfying(
                                MailException.class,
                                e -> assertThat(e.permanent()).isFalse())
                        // The middle (the TLS alert) is worded differently across JDK releases.
                        .hasMessageStartingWith("mail to alice@example.org via 127.0.0.1:" + port
                                + " failed (transient): Could not connect to SMTP host: 127.0.0.1, port: " + port
                                + ": ")
                        .hasMessageEndingWith("unable to find valid certification path to requested target");
            }
            assertThat(smtps.getReceivedMessages()).isEmpty();
        } finally {
            smtps.stop();
        }
    }

    @Test
    void refuses_to_send_after_close() {
        SmtpMailer mailer = mailer(smtpPort());
        mailer.close();

        assertThatThrownBy(() -> mailer.send(new MailMessage("alice@example.org", "Sign in", "link")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the SMTP mailer for 127.0.0.1:" + smtpPort() + " is closed");
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sends_the_message_id_given_and_runs_the_hook_before_the_server_has_the_message() throws Exception {
        List<Integer> atHook = new ArrayList<>();
        try (SmtpMailer mailer = mailer(smtpPort())) {
            mailer.send(
                    new MailMessage("alice@example.org", "Digest", "text")
                            .withHeader("Message-ID", "<digest-2026-07-01-42@paperboy.test>"),
                    () -> atHook.add(greenMail.getReceivedMessages().length));
        }

        assertThat(atHook).containsExactly(0);
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getHeader("Message-ID")).containsExactly("<digest-2026-07-01-42@paperboy.test>");
    }

    @Test
    void a_failing_hook_delivers_nothing_and_the_next_message_goes_out() throws Exception {
        try (SmtpMailer mailer = mailer(smtpPort())) {
            assertThatThrownBy(() -> mailer.send(new MailMessage("alice@example.org", "First", "text"), () -> {
                        throw new IllegalStateException("the ledger is locked");
                    }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the ledger is locked");
            mailer.send(new MailMessage("alice@example.org", "Second", "text"));
        }

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Second");
    }
}
