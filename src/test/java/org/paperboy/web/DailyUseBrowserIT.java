package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.paperboy.paper.Paper;

/**
 * Daily use in headless Chromium, against a site whose clock is months past its latest papers
 * (as a real install's is between imports): the period links stop at the last listing, the
 * digest is reachable from every page and its form looks like the rest of the site, formulas in
 * titles and abstracts are typeset, and the API page renders and runs its examples. One site and
 * one browser serve all the tests; each starts without cookies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DailyUseBrowserIT {

    static final Instant DECEMBER = Instant.parse("2026-12-03T12:00:00Z");

    TestSite site;
    HeadlessChromium chromium;

    @BeforeAll
    void start(@TempDir Path dir) {
        List<Paper> papers = new ArrayList<>(PagePapers.standard());
        papers.add(PagePapers.paper(
                        "2607.00009",
                        "Sorting in $O(n \\log n)$ with \\textbf{33.7\\%} fewer swaps",
                        PagePapers.JUL_1,
                        4)
                .toBuilder()
                .abstractText("We sort \\emph{in place} with $\\alpha \\leq 0.5$ extra memory and cut swaps by"
                        + " \\textbf{33.7\\%}.")
                .build());
        site = TestSite.builder(dir)
                .papers(papers)
                .clock(Clock.fixed(DECEMBER, ZoneOffset.UTC))
                .start();
        chromium = HeadlessChromium.start();
    }

    @AfterAll
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        site.close();
    }

    @BeforeEach
    void forgetCookies() {
        chromium.driver.get(site.base + "/health");
        chromium.driver.manage().deleteAllCookies();
    }

    @Test
    void week_and_month_pages_offer_no_next_link_past_the_latest_papers() {
        var d = chromium.driver;
        d.get(site.base + "/week/2026-W27");
        assertThat(absent(By.cssSelector(".period-nav a.next"))).isTrue();
        assertThat(d.findElement(By.cssSelector(".period-nav .next")).getText()).isEqualTo("No later papers →");

        d.get(site.base + "/month/2026-07");
        assertThat(absent(By.cssSelector(".period-nav a.next"))).isTrue();

        d.get(site.base + "/month/2026-05");
        d.findElement(By.cssSelector(".period-nav a.next")).click();
        assertThat(d.getCurrentUrl()).isEqualTo(site.base + "/month/2026-06");
        d.findElement(By.cssSelector(".period-nav a.next")).click();
        assertThat(d.getCurrentUrl()).isEqualTo(site.base + "/month/2026-07");
        assertThat(absent(By.cssSelector(".period-nav a.next"))).isTrue();

        // A gap of empty weeks is stepped over, as the day view steps over empty days.
        d.get(site.base + "/week/2026-W20");
        d.findElement(By.cssSelector(".period-nav a.next")).click();
        assertThat(d.getCurrentUrl()).isEqualTo(site.base + "/week/2026-W26");
        d.findElement(By.cssSelector(".period-nav a.prev")).click();
        assertThat(d.getCurrentUrl()).isEqualTo(site.base + "/week/2026-W20");
    }

    @Test
    void the_digest_is_linked_from_the_navigation_the_front_page_and_paper_pages() {
        var d = chromium.driver;
        d.get(site.base + "/");
        assertThat(d.findElement(By.cssSelector("nav.bar a[href='/subscribe']")).getText())
                .isEqualTo("Digest");
        d.findElement(By.cssSelector(".cta a[href='/subscribe']")).click();
        assertThat(d.getCurrentUrl()).isEqualTo(site.base + "/subscribe");
        assertThat(d.findElement(By.cssSelector("nav.bar a[aria-current='page']"))
                        .getText())
                .isEqualTo("Digest");

        d.get(site.base + "/papers/2607.00001");
        d.findElement(By.cssSelector(".paper-side .cta a")).click();
        assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Papers in your inbox");
    }

    @Test
    void the_subscribe_form_is_styled_like_the_rest_of_the_site() {
        var d = chromium.driver;
        d.get(site.base + "/subscribe");
        WebElement submit = d.findElement(By.cssSelector("form.subscribe button[type='submit']"));
        WebElement email = d.findElement(By.id("email"));
        WebElement fieldset = d.findElement(By.cssSelector("form.subscribe fieldset"));
        // The site's accent, not the browser's grey button; a field as wide as the form; no grooved frame.
        assertThat(submit.getCssValue("background-color")).isEqualTo("rgba(47, 85, 212, 1)");
        assertThat(email.getSize().getWidth()).isGreaterThanOrEqualTo(500);
        assertThat(fieldset.getCssValue("border-top-style")).isEqualTo("solid");
        assertThat(fieldset.getCssValue("background-color")).isEqualTo("rgba(255, 255, 255, 1)");
    }

    @Test
    void typesets_formulas_and_shows_text_commands_as_plain_text() {
        var d = chromium.driver;
        d.get(site.base + "/papers/2607.00009");
        WebElement h1 = d.findElement(By.tagName("h1"));
        new WebDriverWait(d, Duration.ofSeconds(10))
                .until(x -> !h1.findElements(By.cssSelector(".math .katex")).isEmpty());
        assertThat(h1.getText())
                .startsWith("Sorting in")
                .contains("with 33.7% fewer swaps")
                .doesNotContain("\\");
        assertThat(d.findElement(By.cssSelector(".abstract-full p")).getText())
                .contains("We sort in place with")
                .contains("by 33.7%.")
                .doesNotContain("\\emph")
                .doesNotContain("$");
        assertThat(d.getTitle()).isEqualTo("Sorting in O(n log n) with 33.7% fewer swaps · Paperboy");
        // KaTeX's fonts come from this site: the CSP allows them and nothing else outside it.
        Object fontsLoaded = ((JavascriptExecutor) d)
                .executeAsyncScript("var done = arguments[0]; document.fonts.ready.then(function () {"
                        + " done(Array.from(document.fonts).some(function (f) {"
                        + " return f.family.indexOf('KaTeX') >= 0 && f.status === 'loaded'; })); });");
        assertThat(fontsLoaded).isEqualTo(Boolean.TRUE);

        d.get(site.base + "/date/2026-07-01");
        WebElement card = d.findElement(By.cssSelector(".card-title a[href='/papers/2607.00009']"));
        new WebDriverWait(d, Duration.ofSeconds(10))
                .until(x -> !card.findElements(By.className("katex")).isEmpty());

        // A query word inside a formula marks the whole formula, which still typesets.
        d.get(site.base + "/search?q=sorting+log");
        WebElement hit = d.findElement(By.cssSelector(".card-title a[href='/papers/2607.00009']"));
        new WebDriverWait(d, Duration.ofSeconds(10))
                .until(x ->
                        !hit.findElements(By.cssSelector("mark > .math .katex")).isEmpty());
        assertThat(hit.getText()).doesNotContain("$").doesNotContain("\\");
    }

    @Test
    void the_api_page_renders_the_openapi_file_and_its_examples_answer() {
        var d = chromium.driver;
        d.get(site.base + "/");
        d.findElement(By.cssSelector("footer a[href='/docs']")).click();
        var wait = new WebDriverWait(d, Duration.ofSeconds(20));
        int operations = openApiOperations();
        wait.until(x -> x.findElements(By.cssSelector(".opblock")).size() == operations);
        WebElement daily = d.findElement(By.id("operations-default-dailyPapers"));
        daily.findElement(By.cssSelector(".opblock-summary")).click();
        wait.until(
                x -> !daily.findElements(By.cssSelector("button.try-out__btn")).isEmpty());
        daily.findElement(By.cssSelector("button.try-out__btn")).click();
        WebElement date = daily.findElement(By.cssSelector("tr[data-param-name='date'] input"));
        assertThat(date.getAttribute("value")).isEqualTo("2026-07-01");
        daily.findElement(By.cssSelector("button.execute")).click();
        wait.until(x -> !daily.findElements(By.cssSelector(".live-responses-table tr.response .response-col_status"))
                .isEmpty());
        assertThat(daily.findElement(By.cssSelector(".live-responses-table tr.response .response-col_status"))
                        .getText())
                .startsWith("200");
        assertThat(daily.findElement(By.cssSelector(".live-responses-table .microlight"))
                        .getText())
                .contains("\"id\": \"2607.00003\"");
    }

    /** True when nothing matches {@code by}, without waiting for it to appear. */
    private boolean absent(By by) {
        var timeouts = chromium.driver.manage().timeouts();
        timeouts.implicitlyWait(Duration.ZERO);
        try {
            return chromium.driver.findElements(by).isEmpty();
        } finally {
            timeouts.implicitlyWait(Duration.ofSeconds(5));
        }
    }

    /** How many operations the served OpenAPI file describes: the page must show each one. */
    private static int openApiOperations() {
        try (var in = DailyUseBrowserIT.class.getResourceAsStream("/openapi.json")) {
            var paths = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(in)
                    .get("paths");
            int n = 0;
            for (var path : paths) {
                for (String method : List.of("get", "post", "put", "delete", "patch")) {
                    n += path.has(method) ? 1 : 0;
                }
            }
            return n;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
