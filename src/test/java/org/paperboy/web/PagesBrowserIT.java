package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.paperboy.paper.Author;
import org.paperboy.paper.Links;
import org.paperboy.paper.Paper;

/**
 * The pages in headless Chromium at phone (360 px) and desktop (1280 px) widths: moving between
 * days, searching, opening a paper, the abstract opening without script, the copy button the
 * script adds, and no page wider than the screen. Screenshots go to {@code target/screenshots}
 * (never into git) for a person to look at.
 */
class PagesBrowserIT {

    static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    Path dir;

    TestSite site;

    @BeforeEach
    void start() {
        List<Paper> papers = new ArrayList<>(PagePapers.standard());
        String long1 = "Text embedding models map a query and a passage to vectors whose dot product says how well"
                + " they match. We distil a large cross-encoder into a model of six layers that runs on a laptop"
                + " CPU at forty abstracts a second, quantize its vectors to eight bits and re-rank the best"
                + " hundred with the full-precision ones. On thirteen retrieval benchmarks the small model keeps"
                + " ninety-six percent of the teacher's nDCG@10 while answering twelve times faster.";
        papers.add(Paper.builder("2607.00004")
                .title("Small, fast and good enough: distilled embedders for search on a single machine")
                .abstractText(long1)
                .authors(List.of(
                        new Author("Mara Ivanova"),
                        new Author("Tomás Okafor"),
                        new Author("Yuki Tanaka"),
                        new Author("Priya Raman"),
                        new Author("Lena Fischer"),
                        new Author("Omar Haddad"),
                        new Author("Chen Jie"),
                        new Author("Sofia Rossi")))
                .categories(List.of("cs.IR", "cs.CL", "cs.LG"))
                .listedOn(PagePapers.JUL_1)
                .published(PagePapers.JUN_30)
                .links(new Links(null, null, "https://github.com/example/small-embedders", null))
                .upvotes(12)
                .build());
        site = TestSite.builder(dir).papers(papers).start();
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void moves_between_days_and_opens_an_abstract_on_a_phone() {
        try (HeadlessChromium chromium = phone()) {
            var d = chromium.driver;
            d.get(site.base + "/");
            assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Wednesday, July 1, 2026");
            assertFitsTheScreen(chromium);
            shoot(chromium, "home-phone");

            WebElement details = d.findElement(By.cssSelector("details.abstract"));
            details.findElement(By.tagName("summary")).click();
            assertThat(details.getAttribute("open")).isNotNull();
            assertThat(details.findElement(By.tagName("p")).getText()).contains("twelve times faster.");

            d.findElement(By.cssSelector(".period-nav a.prev")).click();
            assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Tuesday, June 30, 2026");
            assertThat(d.getCurrentUrl()).isEqualTo(site.base + "/date/2026-06-30");
            assertFitsTheScreen(chromium);
        }
    }

    @Test
    void searches_and_opens_a_paper_with_a_copy_button_for_its_bibtex() {
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            var d = chromium.driver;
            d.get(site.base + "/");
            shoot(chromium, "home-desktop");
            d.findElement(By.id("q")).sendKeys("distilled embedders", Keys.ENTER);
            assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Results for “distilled embedders”");
            WebElement first = d.findElement(By.cssSelector(".card-title a"));
            assertThat(first.findElements(By.tagName("mark"))).isNotEmpty();
            shoot(chromium, "search-desktop");

            first.click();
            assertThat(d.getCurrentUrl()).isEqualTo(site.base + "/papers/2607.00004");
            WebElement copy = d.findElement(By.cssSelector("button.copy"));
            // The script shows the button only where the clipboard API is available (secure contexts).
            boolean clipboard =
                    Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return !!navigator.clipboard"));
            assertThat(copy.isDisplayed()).isEqualTo(clipboard);
            assertThat(d.findElement(By.id("bibtex-text")).getText()).startsWith("@misc{ivanova2026small,");
            shoot(chromium, "paper-desktop");
        }
    }

    @Test
    void upvotes_in_place_with_the_script_and_the_count_stays_after_a_reload() {
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            var d = chromium.driver;
            d.get(site.base + "/health");
            String session = PagePapers.sessionCookie(site, "reader@example.org");
            d.manage().addCookie(new Cookie(WebServer.SESSION_COOKIE, session.substring(session.indexOf('=') + 1)));
            d.get(site.base + "/papers/2607.00002");
            WebElement button = d.findElement(By.cssSelector(".paper-head .upvote button"));
            assertThat(count(button)).isEqualTo("5");
            assertThat(button.getAttribute("aria-pressed")).isEqualTo("false");

            button.click();
            new WebDriverWait(d, Duration.ofSeconds(5)).until(x -> "true".equals(button.getAttribute("aria-pressed")));
            assertThat(count(button)).isEqualTo("6");
            assertThat(d.getCurrentUrl()).isEqualTo(site.base + "/papers/2607.00002");

            d.navigate().refresh();
            WebElement after = d.findElement(By.cssSelector(".paper-head .upvote button"));
            assertThat(count(after)).isEqualTo("6");
            assertThat(after.getAttribute("aria-pressed")).isEqualTo("true");

            after.click();
            new WebDriverWait(d, Duration.ofSeconds(5)).until(x -> "false".equals(after.getAttribute("aria-pressed")));
            assertThat(count(after)).isEqualTo("5");
            d.get(site.base + "/me");
            shoot(chromium, "me-desktop");
        }
    }

    @Test
    void sends_an_anonymous_upvote_to_the_sign_in_page() {
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            var d = chromium.driver;
            d.get(site.base + "/date/2026-06-30");
            d.findElement(By.cssSelector(".card .upvote button")).click();
            new WebDriverWait(d, Duration.ofSeconds(5))
                    .until(x -> x.getCurrentUrl().contains("/login"));
            assertThat(d.getCurrentUrl()).isEqualTo(site.base + "/login?next=%2Fdate%2F2026-06-30");
        }
    }

    @Test
    void fits_search_results_and_a_paper_on_a_phone() {
        try (HeadlessChromium chromium = phone()) {
            var d = chromium.driver;
            d.get(site.base + "/search?q=embedding+models");
            assertFitsTheScreen(chromium);
            shoot(chromium, "search-phone");
            d.get(site.base + "/papers/2607.00004");
            assertFitsTheScreen(chromium);
            shoot(chromium, "paper-phone");
            d.get(site.base + "/trending");
            assertFitsTheScreen(chromium);
            shoot(chromium, "trending-phone");
            d.get(site.base + "/login");
            assertFitsTheScreen(chromium);
            shoot(chromium, "login-phone");
            d.get(site.base + "/submit");
            assertFitsTheScreen(chromium);
            shoot(chromium, "submit-phone");
        }
    }

    /** A 360 x 780 phone screen: headless Chromium's windows are at least 500 px wide, so it is emulated. */
    private static HeadlessChromium phone() {
        HeadlessChromium chromium = HeadlessChromium.start(500, 780);
        chromium.driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 360, "height", 780, "deviceScaleFactor", 2, "mobile", true));
        return chromium;
    }

    private static String count(WebElement upvoteButton) {
        return upvoteButton.findElement(By.className("count")).getText();
    }

    private static void assertFitsTheScreen(HeadlessChromium chromium) {
        Object overflow = ((JavascriptExecutor) chromium.driver)
                .executeScript("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).longValue()).isLessThanOrEqualTo(0);
    }

    private static void shoot(HeadlessChromium chromium, String name) {
        try {
            Files.createDirectories(SHOTS);
            Path png = chromium.driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(png, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
