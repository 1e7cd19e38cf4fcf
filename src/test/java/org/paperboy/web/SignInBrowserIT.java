package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.paperboy.mail.SmtpMailer;
import org.paperboy.mail.SmtpSettings;

/**
 * A visitor in headless Chromium signs in with the link a real SMTP server (GreenMail) received,
 * upvotes a paper and sees the count change, then signs out.
 */
class SignInBrowserIT {

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final Pattern LINK = Pattern.compile("https?://[^/\\s]+(/login/confirm\\?token=[A-Za-z0-9_-]{43})");

    @TempDir
    Path dir;

    SmtpMailer mailer;
    TestSite site;

    @BeforeEach
    void start() {
        mailer = new SmtpMailer(new SmtpSettings(
                "127.0.0.1", greenMail.getSmtp().getPort(), null, null, SmtpSettings.Tls.NONE, "paperboy@localhost"));
        site = TestSite.builder(dir)
                .papers(TestAccounts.papers())
                .mailer(mailer)
                .start();
    }

    @AfterEach
    void stop() {
        site.close();
        mailer.close();
    }

    @Test
    void signs_in_with_the_mailed_link_upvotes_and_signs_out() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            var d = chromium.driver;
            d.get(site.base + "/papers/2607.00001");
            WebElement anonymous = d.findElement(By.cssSelector(".paper-head .upvote button"));
            assertThat(count(anonymous)).isEqualTo("5");

            d.findElement(By.cssSelector("header a[href='/login']")).click();
            d.findElement(By.id("email")).sendKeys("ada@example.org");
            d.findElement(By.cssSelector("form[action='/login'] button")).click();
            assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Check your inbox");

            assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
            MimeMessage mail = greenMail.getReceivedMessages()[0];
            String text =
                    (String) ((MimeMultipart) mail.getContent()).getBodyPart(0).getContent();
            Matcher link = LINK.matcher(text);
            assertThat(link.find()).isTrue();
            // The mail links to the configured public address; the test server listens elsewhere.
            d.get(site.base + link.group(1));
            d.findElement(By.cssSelector("form[action='/login/confirm'] button"))
                    .click();
            new WebDriverWait(d, Duration.ofSeconds(5))
                    .until(x -> !x.findElements(By.cssSelector("header a[href='/me']"))
                            .isEmpty());
            assertThat(d.findElement(By.cssSelector("header a[href='/me']")).getText())
                    .isEqualTo("ada@example.org");

            d.get(site.base + "/papers/2607.00001");
            WebElement button = d.findElement(By.cssSelector(".paper-head .upvote button"));
            button.click();
            new WebDriverWait(d, Duration.ofSeconds(5)).until(x -> "true".equals(button.getAttribute("aria-pressed")));
            assertThat(count(button)).isEqualTo("6");
            d.navigate().refresh();
            assertThat(count(d.findElement(By.cssSelector(".paper-head .upvote button"))))
                    .isEqualTo("6");

            d.get(site.base + "/me");
            assertThat(d.findElement(By.tagName("main")).getText()).contains("Sparse retrieval");
            d.findElement(By.cssSelector("form[action='/logout'] button")).click();
            new WebDriverWait(d, Duration.ofSeconds(5))
                    .until(x -> !x.findElements(By.cssSelector("header a[href='/login']"))
                            .isEmpty());
        }
    }

    private static String count(WebElement button) {
        return button.findElement(By.className("count")).getText();
    }
}
