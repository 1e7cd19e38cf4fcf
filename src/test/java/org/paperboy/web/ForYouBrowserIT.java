package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;

/**
 * The personal feed as a reader uses it, in headless Chromium on a real site (SQLite, Lucene, the
 * MiniLM model embedding a small hand-written day of papers on three clear topics): sign in, follow
 * a category, save three papers, see the feed change and read each card's "why" line, press "Less
 * like this" and see that paper's topic fall down the page.
 */
class ForYouBrowserIT {

    /** Search (cs.IR), robots (cs.RO) and proteins (q-bio.BM): five papers each, one day. */
    static final String[][] TOPICS = {
        {
            "cs.IR",
            "2607.00101",
            "Dense passage retrieval with hard negatives",
            "2607.00102",
            "Learned sparse retrieval with term weights",
            "2607.00103",
            "Re-ranking search results with cross-encoders",
            "2607.00104",
            "Query expansion for document retrieval with language models",
            "2607.00105",
            "Hybrid lexical and dense retrieval for web search"
        },
        {
            "cs.RO",
            "2607.00201",
            "Robot grasping of deformable objects",
            "2607.00202",
            "Legged robot locomotion over rough terrain",
            "2607.00203",
            "Motion planning for robot arms in clutter",
            "2607.00204",
            "Sim-to-real transfer for robot manipulation policies",
            "2607.00205",
            "Tactile sensing for dexterous robot hands"
        },
        {
            "q-bio.BM",
            "2607.00301",
            "Protein structure prediction with diffusion models",
            "2607.00302",
            "Designing enzymes with protein language models",
            "2607.00303",
            "Predicting protein-ligand binding affinity",
            "2607.00304",
            "Antibody sequence design with generative models",
            "2607.00305",
            "Protein folding dynamics from molecular simulation"
        }
    };

    @TempDir
    Path dir;

    TestSite site;
    HeadlessChromium chromium;

    static List<Paper> papers() {
        List<Paper> out = new ArrayList<>();
        for (String[] topic : TOPICS) {
            for (int i = 1; i < topic.length; i += 2) {
                out.add(Paper.builder(topic[i])
                        .title(topic[i + 1])
                        .abstractText("We study " + topic[i + 1].toLowerCase(java.util.Locale.ROOT) + ".")
                        .authors(List.of(new Author("Author " + topic[i].substring(8))))
                        .categories(List.of(topic[0]))
                        .published(TestAccounts.DAY)
                        .listedOn(TestAccounts.DAY)
                        .build());
            }
        }
        return out;
    }

    /** The topic's category of paper {@code id}. */
    static String topic(String id) {
        for (String[] topic : TOPICS) {
            for (int i = 1; i < topic.length; i += 2) {
                if (topic[i].equals(id)) {
                    return topic[0];
                }
            }
        }
        throw new IllegalArgumentException(id);
    }

    @BeforeEach
    void start() {
        site = TestSite.builder(dir).papers(papers()).start();
        chromium = HeadlessChromium.start();
    }

    @AfterEach
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        site.close();
    }

    /** A card of the personal feed: the paper, its "why" line, its place on the page (0 first). */
    record Card(String id, String why, int rank) {}

    @Test
    void follow_save_read_why_and_less_like_this_moves_the_topic_down() {
        WebDriver d = chromium.driver;
        // A save or feedback may reload the page while a wait reads it: read again, do not fail.
        var wait = new WebDriverWait(d, Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        String token = site.site.loginTokens().create("reader@example.org", "/for-you", Duration.ofMinutes(15));
        d.get(site.base + "/login/confirm?token=" + token);
        d.findElement(By.cssSelector("form[action='/login/confirm'] button")).click();
        wait.until(x -> x.getCurrentUrl().equals(site.base + "/for-you"));

        // No signals yet: onboarding, no picks.
        assertThat(d.findElement(By.id("signals-h")).getText()).isEqualTo("Get started");
        assertThat(cards(d)).isEmpty();

        // Follow a category: its papers come first, each saying why.
        d.findElement(By.id("follow-category")).sendKeys("cs.RO");
        d.findElement(By.xpath("//input[@id='follow-category']/following-sibling::button"))
                .click();
        wait.until(x -> !cards(x).isEmpty());
        List<Card> following = cards(d);
        assertThat(following).hasSize(15);
        assertThat(topic(following.get(0).id())).isEqualTo("cs.RO");
        assertThat(following.get(0).why()).isEqualTo("In cs.RO, which you follow");
        assertThat(following.get(5).why()).isEqualTo("Trending now: save or upvote papers to make this list yours");

        // Save three search papers from the day's page: the feed turns to search, because of them.
        d.get(site.base + "/date/2026-07-01");
        for (String id : List.of("2607.00101", "2607.00102", "2607.00103")) {
            d.findElement(By.cssSelector("form[action='/papers/" + id + "/save'] button"))
                    .click();
            wait.until(x -> "true"
                    .equals(x.findElement(By.cssSelector("form[action='/papers/" + id + "/save'] button"))
                            .getDomAttribute("aria-pressed")));
        }
        d.get(site.base + "/for-you");
        List<Card> saved = cards(d);
        assertThat(saved).extracting(Card::id).doesNotContain("2607.00101", "2607.00102", "2607.00103");
        assertThat(saved).hasSize(12);
        assertThat(topic(saved.get(0).id())).isEqualTo("cs.IR");
        assertThat(saved.get(0).why()).startsWith("Because you saved “");
        assertThat(d.findElement(By.cssSelector(".for-you .summary")).getText())
                .contains("ranked for you from 4 signals");

        // "Less like this" on a robot paper: it leaves the page, and the two robot papers nearest to
        // it (grasping, and motion planning for arms) fall below every paper of the other topics.
        String less = "2607.00204";
        List<String> nearest = List.of("2607.00201", "2607.00203");
        List<String> proteins = ids(saved, "q-bio.BM");
        int robotRanks = robotRanks(saved);
        for (String id : nearest) {
            assertThat(rankOf(saved, id))
                    .as("%s before \"less like this\"", id)
                    .isLessThan(proteins.stream()
                            .mapToInt(p -> rankOf(saved, p))
                            .max()
                            .orElseThrow());
        }
        d.findElement(By.xpath("//div[@class='pick'][.//input[@name='paper' and @value='" + less
                        + "']]//button[normalize-space()='Less like this']"))
                .click();
        wait.until(x -> cards(x).stream().noneMatch(c -> c.id().equals(less)));
        List<Card> after = cards(d);
        assertThat(after).hasSize(11);
        int lastProtein =
                proteins.stream().mapToInt(p -> rankOf(after, p)).max().orElseThrow();
        for (String id : nearest) {
            assertThat(rankOf(after, id)).as("%s after \"less like this\"", id).isGreaterThan(lastProtein);
        }
        assertThat(robotRanks(after)).isGreaterThan(robotRanks);
    }

    /** The sum of the places of the robot papers left on the page: larger when they fall. */
    private static int robotRanks(List<Card> cards) {
        return cards.stream()
                .filter(c -> topic(c.id()).equals("cs.RO") && !c.id().equals("2607.00204"))
                .mapToInt(Card::rank)
                .sum();
    }

    private static List<String> ids(List<Card> cards, String topic) {
        return cards.stream()
                .map(Card::id)
                .filter(id -> topic(id).equals(topic))
                .toList();
    }

    private static int rankOf(List<Card> cards, String id) {
        return cards.stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .orElseThrow()
                .rank();
    }

    /** The cards of the personal feed on the page, in order; none without waiting when there are none. */
    private static List<Card> cards(WebDriver d) {
        var timeouts = d.manage().timeouts();
        timeouts.implicitlyWait(Duration.ZERO);
        try {
            List<Card> out = new ArrayList<>();
            for (WebElement pick : d.findElements(By.cssSelector(".pick"))) {
                String href = pick.findElement(By.cssSelector(".card-title a")).getDomAttribute("href");
                out.add(new Card(
                        href.substring("/papers/".length()),
                        pick.findElement(By.cssSelector("p.why")).getText(),
                        out.size()));
            }
            return out;
        } finally {
            timeouts.implicitlyWait(Duration.ofSeconds(5));
        }
    }
}
