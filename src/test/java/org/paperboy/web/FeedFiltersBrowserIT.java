package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;

/**
 * The feed's filters and density in headless Chromium (issue 15, items 11 and 15): category chips
 * narrow the feed and the choice survives a new visit; author names lead to that author's papers
 * with an exact count; the compact list fits 15 or more papers on a 1280 x 900 screen and stays
 * chosen. Each test starts without cookies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedFiltersBrowserIT {

    /** Papers on July 1: every third in cs.CL, the rest in cs.LG; Ada Lovelace wrote every fourth. */
    static final int PAPERS = 24;

    TestSite site;
    HeadlessChromium chromium;

    @BeforeAll
    void start(@TempDir Path dir) {
        List<Paper> papers = new ArrayList<>();
        for (int i = 1; i <= PAPERS; i++) {
            List<Author> authors = i % 4 == 0
                    ? List.of(new Author("Author " + i), new Author("Ada Lovelace"))
                    : List.of(new Author("Author " + i), new Author("Alan Turing"));
            papers.add(
                    PagePapers.paper(String.format("2607.%05d", i), "Compact paper " + i, PagePapers.JUL_1, i)
                            .toBuilder()
                            .categories(List.of(i % 3 == 0 ? "cs.CL" : "cs.LG"))
                            .authors(authors)
                            .build());
        }
        papers.add(PagePapers.paper("2606.00001", "An older paper by Ada", PagePapers.JUN_30, 1).toBuilder()
                .authors(List.of(new Author("ADA LOVELACE")))
                .build());
        site = TestSite.builder(dir).papers(papers).start();
        chromium = HeadlessChromium.start(1280, 900);
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
    void a_category_chip_filters_the_feed_and_is_remembered_across_a_new_page_load() {
        var d = chromium.driver;
        d.get(site.base + "/");
        assertThat(d.findElements(By.cssSelector(".cards article.card"))).hasSize(PAPERS);
        WebElement chip = d.findElement(By.xpath("//nav[@class='chips']/a[starts-with(., 'cs.CL')]"));
        assertThat(chip.getText()).isEqualTo("cs.CL 8");
        chip.click();

        assertThat(d.getCurrentUrl()).isEqualTo(site.base + "/date/2026-07-01?category=cs.CL");
        assertThat(categoriesShown()).hasSize(8).containsOnly("cs.CL");
        shoot("feed-category-desktop");

        // A new visit to the front page, as tomorrow: the same filter, marked, with a way out.
        d.get(site.base + "/");
        assertThat(categoriesShown()).hasSize(8).containsOnly("cs.CL");
        assertThat(d.findElement(By.cssSelector(".chips a[aria-current='page']"))
                        .getText())
                .isEqualTo("cs.CL 8");
        assertThat(d.findElement(By.cssSelector(".summary")).getText())
                .isEqualTo("8 papers in cs.CL, most upvoted first");
        d.findElement(By.cssSelector(".filter-note a.clear")).click();
        assertThat(d.findElements(By.cssSelector(".cards article.card"))).hasSize(PAPERS);
        d.get(site.base + "/");
        assertThat(d.findElements(By.cssSelector(".cards article.card"))).hasSize(PAPERS);
        assertThat(d.findElement(By.cssSelector(".chips a[aria-current='page']"))
                        .getText())
                .isEqualTo("All");
    }

    @Test
    void an_author_link_leads_to_a_search_filtered_by_that_author_with_an_exact_total() {
        var d = chromium.driver;
        d.get(site.base + "/");
        d.findElement(By.xpath("//a[@class='author'][. = 'Ada Lovelace']")).click();

        assertThat(d.getCurrentUrl()).isEqualTo(site.base + "/search?author=Ada+Lovelace");
        assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Papers by Ada Lovelace");
        // Six papers of July 1 and one of June 30 written in capitals: seven, newest first.
        assertThat(d.findElement(By.cssSelector(".summary")).getText()).startsWith("7 results, newest first");
        List<WebElement> cards = d.findElements(By.cssSelector(".cards article.card"));
        assertThat(cards).hasSize(7);
        assertThat(cards.get(6).findElement(By.cssSelector(".card-title")).getText())
                .isEqualTo("An older paper by Ada");
        for (WebElement card : cards) {
            assertThat(card.findElement(By.cssSelector(".authors")).getText().toLowerCase())
                    .contains("ada lovelace");
        }
        assertThat(d.findElement(By.cssSelector("input[name='author']")).getAttribute("value"))
                .isEqualTo("Ada Lovelace");
        shoot("search-author-desktop");

        // From the paper page too.
        d.get(site.base + "/papers/2607.00005");
        d.findElement(By.xpath("//a[@class='author'][. = 'Alan Turing']")).click();
        assertThat(d.findElement(By.cssSelector(".summary")).getText()).startsWith("18 results, newest first");
    }

    @Test
    void the_compact_list_shows_more_papers_on_a_screen_and_stays_chosen() {
        var d = chromium.driver;
        // The page gets the whole 1280 x 900 screen: a headless window's frame takes some of its size.
        d.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", 900, "deviceScaleFactor", 1, "mobile", false));
        d.get(site.base + "/");
        long cards = fullyVisible(".cards article.card");
        d.findElement(By.xpath("//nav[contains(@class,'layout')]/a[. = 'Compact']"))
                .click();

        assertThat(d.findElements(By.cssSelector(".rows article.row"))).hasSize(PAPERS);
        shoot("feed-compact-desktop");
        long rows = fullyVisible(".rows article.row");
        assertThat(rows).isGreaterThanOrEqualTo(15).isGreaterThan(3 * cards);

        d.get(site.base + "/date/2026-07-01");
        assertThat(d.findElements(By.cssSelector(".rows article.row"))).hasSize(PAPERS);
        d.get(site.base + "/trending?window=month");
        assertThat(d.findElements(By.cssSelector(".rows article.row"))).isNotEmpty();
        // Each row still names the authors (as links) and the categories, and votes in place.
        WebElement first = d.findElement(By.cssSelector(".rows article.row"));
        assertThat(first.findElements(By.cssSelector(".authors a.author"))).isNotEmpty();
        assertThat(first.findElement(By.cssSelector(".tags")).getText()).isNotEmpty();
        assertThat(first.findElements(By.cssSelector("form.upvote button"))).hasSize(1);

        d.findElement(By.xpath("//nav[contains(@class,'layout')]/a[. = 'Cards']"))
                .click();
        assertThat(d.findElements(By.cssSelector(".rows"))).isEmpty();
        d.get(site.base + "/");
        assertThat(d.findElements(By.cssSelector(".cards article.card"))).hasSize(PAPERS);
    }

    @Test
    void the_chips_and_the_compact_list_fit_a_phone() {
        try (HeadlessChromium phone = HeadlessChromium.start(500, 780)) {
            phone.driver.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", 360, "height", 780, "deviceScaleFactor", 2, "mobile", true));
            phone.driver.get(site.base + "/?view=compact&category=cs.LG");
            assertThat(phone.driver.findElements(By.cssSelector(".rows article.row")))
                    .hasSize(16);
            Object overflow = ((JavascriptExecutor) phone.driver)
                    .executeScript("return document.documentElement.scrollWidth - window.innerWidth");
            assertThat(((Number) overflow).longValue()).isLessThanOrEqualTo(0);
            shoot(phone, "feed-compact-phone");
        }
    }

    /** The category tags of the cards on the page. */
    private List<String> categoriesShown() {
        return chromium.driver.findElements(By.cssSelector(".cards article.card .tags li")).stream()
                .map(WebElement::getText)
                .toList();
    }

    /** How many elements matching {@code css} lie wholly within the first screen. */
    private long fullyVisible(String css) {
        Object n = ((JavascriptExecutor) chromium.driver)
                .executeScript(
                        "return Array.from(document.querySelectorAll(arguments[0])).filter(function (e) {"
                                + " var r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;"
                                + " }).length;",
                        css);
        return ((Number) n).longValue();
    }

    private void shoot(String name) {
        shoot(chromium, name);
    }

    private static void shoot(HeadlessChromium browser, String name) {
        try {
            Files.createDirectories(PagesBrowserIT.SHOTS);
            Path png = browser.driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(png, PagesBrowserIT.SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
