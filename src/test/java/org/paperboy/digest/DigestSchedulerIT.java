package org.paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.mail.SmtpMailer;
import org.paperboy.mail.SmtpSettings;
import org.paperboy.store.Subscription.Frequency;

/** The scheduler in {@code serve}: a run at the time of day in its zone, once a day, when ready. */
class DigestSchedulerIT {

    @RegisterExtension
    final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    SmtpMailer smtp;
    DigestFixture f;
    DigestScheduler scheduler;
    final AtomicBoolean ready = new AtomicBoolean(true);

    @BeforeEach
    void start() {
        smtp = new SmtpMailer(new SmtpSettings(
                "127.0.0.1", greenMail.getSmtp().getPort(), null, null, SmtpSettings.Tls.NONE, "papers@paperboy.test"));
        f = new DigestFixture(dir, smtp);
        f.subscribe("alice@example.org", Frequency.DAILY, true, List.of(), List.of());
        // 2026-07-02 07:00 in Berlin is 05:00 UTC; the fixture's clock starts at 07:00 UTC, so: move back.
        f.clock.advance(Duration.ofHours(-3));
        scheduler = new DigestScheduler(
                f.digests.sender(),
                f.clock,
                LocalTime.of(7, 0),
                ZoneId.of("Europe/Berlin"),
                ready::get,
                Duration.ofMillis(20));
    }

    @AfterEach
    void stop() {
        scheduler.close();
        f.close();
        smtp.close();
    }

    private int received() throws InterruptedException {
        Thread.sleep(300);
        return greenMail.getReceivedMessages().length;
    }

    @Test
    void sends_at_the_time_of_day_in_its_zone_the_digest_of_the_day_before_and_once_only() throws Exception {
        scheduler.start();
        assertThat(received()).as("04:00 UTC is 06:00 in Berlin").isZero();

        f.clock.advance(Duration.ofHours(1));
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(greenMail.getReceivedMessages()[0].getSubject())
                .isEqualTo("Paperboy daily · Wednesday, July 1, 2026 · 5 new papers");

        f.clock.advance(Duration.ofHours(3));
        assertThat(received()).as("later the same day").isEqualTo(1);
    }

    @Test
    void waits_until_the_model_and_index_are_ready() throws Exception {
        ready.set(false);
        f.clock.advance(Duration.ofHours(2));
        scheduler.start();
        assertThat(received()).isZero();

        ready.set(true);

        assertThat(greenMail.waitForIncomingEmail(40_000, 1)).isTrue();
    }
}
