package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.store.DigestLedgerRepository;
import org.paperboy.store.Subscription;
import org.paperboy.store.Subscription.Frequency;
import org.paperboy.store.Subscription.Settings;

/**
 * In headless Chromium, at 1280 and 500 px: an admin follows "Admin" in the navigation to the
 * overview, finds every section filled from the store, shows a hidden paper again with its button
 * and lands back on the overview; the page fits both widths (screenshots in target/screenshots).
 */
class AdminBrowserIT {

    @TempDir
    Path dir;

    TestSite site;

    @BeforeEach
    void start() {
        site = TestSite.builder(dir)
                .papers(TestAccounts.papers())
                .config(PaperboyConfig.ADMINS, "boss@example.org")
                .start();
        site.site.feedStore().setHidden("hep-th/9901001", true);
        long member = site.site.users().signIn("member@example.org").id();
        site.site.submissionLog().record("2607.00002", member, true);
        Subscription alice = site.digests
                .subscriptionStore()
                .activate(new Settings("alice@example.org", Frequency.DAILY, true, List.of(), List.of()));
        DigestLedgerRepository ledger = site.digests.ledger();
        ledger.plan(List.of(alice.id()), "2026-07-01", LocalDate.of(2026, 7, 1));
        ledger.claim(alice.id(), "2026-07-01", "<a@paperboy.test>");
        ledger.markSent(alice.id(), "2026-07-01", List.of("2607.00001"));
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void an_admin_finds_the_overview_in_the_navigation_and_shows_a_hidden_paper_again() {
        for (int width : new int[] {1280, 500}) {
            try (HeadlessChromium chromium = HeadlessChromium.start(width, 900)) {
                var d = chromium.driver;
                String token = site.site.loginTokens().create("boss@example.org", "/", Duration.ofMinutes(15));
                d.get(site.base + "/login/confirm?token=" + token);
                d.findElement(By.cssSelector("form[action='/login/confirm'] button"))
                        .click();
                new WebDriverWait(d, Duration.ofSeconds(10))
                        .until(x -> x.getCurrentUrl().equals(site.base + "/"));

                d.findElement(By.linkText("Admin")).click();

                assertThat(d.getCurrentUrl()).isEqualTo(site.base + "/admin");
                assertThat(d.findElements(By.cssSelector(".overview > section h2")).stream()
                                .map(e -> e.getText().replaceAll("\\s+", " "))
                                .toList())
                        .containsExactly(
                                "Search index working",
                                "Hidden papers 1",
                                "Recent submissions 1",
                                "Accounts 2",
                                "Digest runs",
                                "Scheduled sources");
                assertThat(d.findElement(By.cssSelector("#submissions .entry-meta"))
                                .getText())
                        .isEqualTo("2607.00002 · by member@example.org · 2026-07-02 12:00:00 UTC · new");
                assertThat(d.findElement(By.cssSelector("#digests .entry-meta")).getText())
                        .isEqualTo("1 sent · 0 failed · 0 skipped · last 2026-07-02 12:00:00 UTC");
                assertFitsTheScreen(chromium);
                shoot(chromium, "admin-" + width);

                if (width == 500) {
                    d.findElement(By.cssSelector("#hidden .entry-action button"))
                            .click();
                    assertThat(d.getCurrentUrl()).isEqualTo(site.base + "/admin");
                    assertThat(d.findElement(By.cssSelector("#hidden p")).getText())
                            .startsWith("No paper is hidden.");
                    assertThat(site.site.feedStore().hidden("hep-th/9901001")).contains(false);
                }
            }
        }
    }

    private static void assertFitsTheScreen(HeadlessChromium chromium) {
        Object overflow = ((JavascriptExecutor) chromium.driver)
                .executeScript("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).longValue()).isLessThanOrEqualTo(0);
    }

    /** The whole page, its window stretched to the page's height. */
    private static void shoot(HeadlessChromium chromium, String name) {
        var d = chromium.driver;
        Dimension before = d.manage().window().getSize();
        long height = ((Number) ((JavascriptExecutor) d).executeScript("return document.documentElement.scrollHeight"))
                .longValue();
        d.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.max(before.getHeight(), height + 140)));
        try {
            Files.createDirectories(PagesBrowserIT.SHOTS);
            Path png = d.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(png, PagesBrowserIT.SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            d.manage().window().setSize(before);
        }
    }
}
