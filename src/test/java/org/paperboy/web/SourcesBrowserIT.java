package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.sources.FakeHfUpstream;
import org.paperboy.sources.HfDailySource;
import org.paperboy.sources.SourceScheduler;

/**
 * In headless Chromium: an empty install's front page shows the first fetch and turns into the
 * feed by itself once papers arrive; an admin signs in, finds the source on /admin/sources and
 * runs it with the "Run now" button. Thumbnails stay off (no request leaves this machine).
 */
class SourcesBrowserIT {

    static final LocalDate TODAY = LocalDate.of(2026, 7, 2);

    @TempDir
    Path dir;

    FakeHfUpstream hf;
    TestSite site;
    SourceScheduler scheduler;

    @BeforeEach
    void start() throws Exception {
        hf = new FakeHfUpstream();
        site = TestSite.builder(dir)
                .config(PaperboyConfig.ADMINS, "boss@example.org")
                .config(PaperboyConfig.SOURCES, "hf-daily")
                .config(PaperboyConfig.REMOTE_IMAGES, "off")
                .config(PaperboyConfig.SOURCES_BACKFILL_DAYS, "1")
                .sources(s -> scheduler = new SourceScheduler(
                        List.of(new HfDailySource(hf.endpoint(), Duration.ofHours(1), TestSite.upstreamClient())),
                        s.sourceRunner(),
                        Duration.ofMillis(200)))
                .start();
    }

    @AfterEach
    void stop() {
        scheduler.close();
        site.close();
        hf.close();
    }

    @Test
    void the_first_run_page_fills_itself_and_an_admin_runs_a_source_from_the_sources_page() {
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            var d = chromium.driver;
            d.get(site.base + "/");
            assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Fetching today's papers");
            assertThat(d.findElement(By.cssSelector("li.step[data-source='hf-daily']"))
                            .getText())
                    .startsWith("hf-daily from " + hf.endpoint());

            hf.day(TODAY, FakeHfUpstream.items(TODAY, 3));
            scheduler.start();
            // The page reloads itself every 5 s until the first papers are there.
            new WebDriverWait(d, Duration.ofSeconds(30))
                    .until(x -> !x.findElements(By.cssSelector("article.card")).isEmpty());
            assertThat(d.findElements(By.cssSelector("article.card"))).hasSize(3);
            assertThat(d.findElement(By.cssSelector("article.card .votes-split"))
                            .getText())
                    .isEqualTo("3 on Hugging Face · 0 here");
            assertThat(d.findElements(By.cssSelector("article.card img"))).isEmpty();

            String token = site.site.loginTokens().create("boss@example.org", "/admin/sources", Duration.ofMinutes(15));
            d.get(site.base + "/login/confirm?token=" + token);
            d.findElement(By.cssSelector("form[action='/login/confirm'] button"))
                    .click();
            new WebDriverWait(d, Duration.ofSeconds(10))
                    .until(x -> x.getCurrentUrl().endsWith("/admin/sources"));
            assertThat(d.findElement(By.cssSelector("#source-hf-daily")).getAttribute("data-status"))
                    .isEqualTo("ok");
            assertThat(d.findElement(By.cssSelector("#source-hf-daily .run-status"))
                            .getText())
                    .isEqualTo("ok");

            d.findElement(By.cssSelector("form[action='/admin/sources/hf-daily/run'] button"))
                    .click();
            assertThat(d.findElement(By.cssSelector("p.banner")).getText())
                    .isEqualTo("A run of hf-daily was asked for; reload to see it.");
            new WebDriverWait(d, Duration.ofSeconds(20)).until(x -> {
                x.navigate().refresh();
                return x.findElement(By.cssSelector("#source-hf-daily"))
                        .getText()
                        .contains("(manual): ok");
            });
        }
    }
}
