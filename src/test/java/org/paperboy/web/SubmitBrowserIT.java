package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Submitting a paper in headless Chromium against a local fake arXiv, at desktop and phone widths;
 * screenshots go to {@code target/screenshots}.
 */
class SubmitBrowserIT {

    @TempDir
    Path dir;

    FakeArxiv arxiv;
    TestSite site;

    @BeforeEach
    void start() {
        arxiv = new FakeArxiv().knows("2607.01234", "Sparse Retrieval Revisited", "We revisit sparse retrieval.");
        site = ApiFixtures.site(TestSite.builder(dir).arxivApi(arxiv.api()));
    }

    @AfterEach
    void stop() {
        site.close();
        arxiv.close();
    }

    @Test
    void submits_an_id_shows_why_a_bad_one_fails_and_opens_the_new_paper() {
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            var d = chromium.driver;
            d.get(site.base + "/health");
            String session = PagePapers.sessionCookie(site, "member@example.org");
            d.manage().addCookie(new Cookie(WebServer.SESSION_COOKIE, session.substring(session.indexOf('=') + 1)));

            d.get(site.base + "/submit");
            d.findElement(By.id("arxivId")).sendKeys("2607.99999");
            d.findElement(By.cssSelector("form.stack button[type=submit]")).click();
            new WebDriverWait(d, Duration.ofSeconds(5))
                    .until(x -> !x.findElements(By.id("submit-error")).isEmpty());
            assertThat(d.findElement(By.id("submit-error")).getText()).isEqualTo("arXiv has no paper 2607.99999");
            WebElement field = d.findElement(By.id("arxivId"));
            assertThat(field.getAttribute("value")).isEqualTo("2607.99999");
            assertThat(field.getAttribute("aria-invalid")).isEqualTo("true");
            shoot(chromium, "submit-error-desktop");

            field.clear();
            field.sendKeys("https://arxiv.org/abs/2607.01234");
            d.findElement(By.cssSelector("form.stack button[type=submit]")).click();
            new WebDriverWait(d, Duration.ofSeconds(5))
                    .until(x -> x.getCurrentUrl().endsWith("/papers/2607.01234"));
            assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Sparse Retrieval Revisited");
        }
    }

    @Test
    void shows_an_anonymous_visitor_the_form_and_the_way_to_sign_in_on_a_phone() {
        try (HeadlessChromium chromium = HeadlessChromium.start(500, 780)) {
            var d = chromium.driver;
            d.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", 360, "height", 780, "deviceScaleFactor", 2, "mobile", true));
            d.get(site.base + "/submit");

            assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Submit a paper");
            assertThat(d.findElement(By.cssSelector(".notice a")).getAttribute("href"))
                    .isEqualTo(site.base + "/login?next=/submit");
            Object overflow = d.executeScript("return document.documentElement.scrollWidth - window.innerWidth");
            assertThat(((Number) overflow).longValue()).isLessThanOrEqualTo(0);
            shoot(chromium, "submit-phone");
        }
    }

    private static void shoot(HeadlessChromium chromium, String name) {
        try {
            Files.createDirectories(PagesBrowserIT.SHOTS);
            Path png = chromium.driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(png, PagesBrowserIT.SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
