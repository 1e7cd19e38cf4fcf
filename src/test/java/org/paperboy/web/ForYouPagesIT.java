package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;

/**
 * The library, the signals and the personal feed over HTTP on a real site (SQLite, Lucene, the
 * MiniLM model): saving from a card, tags, BibTeX export, onboarding, picks with a "why" line, the
 * API and the private Atom feed, and every bad input the issue names: a 4xx with its reason and
 * nothing stored.
 */
class ForYouPagesIT {

    @TempDir
    Path dir;

    TestSite site;

    static Paper paper(String id, String title, String abstractText, String category, String author) {
        return Paper.builder(id)
                .title(title)
                .abstractText(abstractText)
                .authors(List.of(new Author(author)))
                .categories(List.of(category))
                .published(TestAccounts.DAY)
                .listedOn(TestAccounts.DAY)
                .build();
    }

    /** Two topics, four papers each, listed on one day. */
    static List<Paper> papers() {
        List<Paper> out = new ArrayList<>();
        String[] ir = {
            "Dense passage retrieval with hard negatives",
            "Sparse lexical retrieval with learned term weights",
            "Re-ranking search results with cross-encoders",
            "Query expansion for document retrieval with language models"
        };
        String[] ro = {
            "Robot grasping of deformable objects",
            "Legged robot locomotion over rough terrain",
            "Motion planning for robot arms in clutter",
            "Sim-to-real transfer for robot manipulation policies"
        };
        for (int i = 0; i < 4; i++) {
            out.add(paper(
                    "2607.0010" + i,
                    ir[i],
                    "We study " + ir[i].toLowerCase() + " for search engines and question answering.",
                    "cs.IR",
                    "Ada Lovelace"));
            out.add(paper(
                    "2607.0020" + i,
                    ro[i],
                    "We study " + ro[i].toLowerCase() + " with real robots in the lab.",
                    "cs.RO",
                    "Cy Twombly"));
        }
        return out;
    }

    @BeforeEach
    void start() {
        site = TestSite.builder(dir).papers(papers()).start();
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private long userId(String email) {
        return site.site.users().findByEmail(email).orElseThrow().id();
    }

    @Test
    void a_card_saves_a_paper_and_the_library_lists_it_by_tag_and_exports_bibtex() {
        TestBrowser b = TestAccounts.signedIn(site, "alice@example.org");

        assertThat(b.get("/date/2026-07-01").body()).contains("action=\"/papers/2607.00100/save\"");
        HttpResponse<String> saved = b.postForm(
                "/papers/2607.00100/save", Map.of("save", "true", "tags", "RAG, to-read", "next", "/date/2026-07-01"));
        b.postForm("/papers/2607.00200/save", Map.of("save", "true", "next", "/"));

        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location")).hasValue("/date/2026-07-01");
        assertThat(b.get("/date/2026-07-01").body())
                .contains("aria-pressed=\"true\" title=\"Remove from your library\">Saved</button>");
        String library = b.get("/me/library?tag=rag").body();
        assertThat(library)
                .contains("Dense passage retrieval with hard negatives")
                .doesNotContain("Robot grasping");
        assertThat(library).contains("value=\"rag to-read\"");
        HttpResponse<String> bib = b.get("/me/library.bib");
        assertThat(bib.headers().firstValue("Content-Type")).hasValue("application/x-bibtex; charset=utf-8");
        assertThat(bib.body())
                .contains("title = {Dense passage retrieval with hard negatives}")
                .contains("Robot grasping");
    }

    @Test
    void saving_a_paper_that_does_not_exist_is_a_404_and_stores_nothing() {
        TestBrowser b = TestAccounts.signedIn(site, "alice@example.org");

        HttpResponse<String> form = b.postForm("/papers/2607.09999/save", Map.of("save", "true"));
        HttpResponse<String> api =
                b.postJson("/api/papers/2607.09999/save", "{\"tags\":[\"x\"]}", "X-CSRF-Token", b.csrf());
        HttpResponse<String> badTag = b.postForm("/papers/2607.00100/save", Map.of("tags", "<script>"));

        assertThat(form.statusCode()).isEqualTo(404);
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.body()).contains("\"detail\":\"there is no paper 2607.09999\"");
        assertThat(badTag.statusCode()).isEqualTo(400);
        assertThat(badTag.body()).contains("is not a tag");
        assertThat(site.site.forYou().library().count(userId("alice@example.org")))
                .isZero();
    }

    @Test
    void feedback_on_a_missing_paper_and_a_file_that_is_not_bibtex_are_refused_with_the_reason() {
        TestBrowser b = TestAccounts.signedIn(site, "alice@example.org");
        String token = site.site.users().newApiToken(userId("alice@example.org"));

        HttpResponse<String> feedback = b.postJson(
                "/api/papers/2607.09999/feedback", "{\"verdict\":\"less\"}", "Authorization", "Bearer " + token);
        HttpResponse<String> badVerdict = b.postJson(
                "/api/papers/2607.00100/feedback", "{\"verdict\":\"meh\"}", "Authorization", "Bearer " + token);
        HttpResponse<String> notBib =
                b.postMultipart("/for-you/seeds", Map.of(), "bibtex", "refs.bib", "just some notes, no entries");
        HttpResponse<String> unknownSeed = b.postForm("/for-you/seeds", Map.of("ids", "2607.00100 2607.09998"));

        assertThat(feedback.statusCode()).isEqualTo(404);
        assertThat(feedback.body()).contains("there is no paper 2607.09999");
        assertThat(badVerdict.statusCode()).isEqualTo(400);
        assertThat(badVerdict.body()).contains("\"field\":\"verdict\"");
        assertThat(notBib.statusCode()).isEqualTo(400);
        assertThat(notBib.body()).contains("the file is not BibTeX: no entry such as @article{key, ...} was found");
        assertThat(unknownSeed.statusCode()).isEqualTo(400);
        assertThat(unknownSeed.body())
                .contains("not in this Paperboy: 2607.09998")
                .contains("nothing was stored");
        assertThat(site.site.forYou().signals().all(userId("alice@example.org")).isEmpty())
                .isTrue();
    }

    @Test
    void a_bibtex_upload_adds_the_papers_it_cites_that_are_here() {
        TestBrowser b = TestAccounts.signedIn(site, "alice@example.org");
        String bib = """
                @article{a, title={Dense}, eprint={2607.00100}, archivePrefix={arXiv}}
                @misc{b, title={Elsewhere}, note={arXiv:2501.00001}}
                @book{c, title={No id at all}}
                """;

        HttpResponse<String> r = b.postMultipart("/for-you/seeds", Map.of(), "bibtex", "refs.bib", bib);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains("BibTeX: 3 entries, 2 with an arXiv id, 1 of them in this Paperboy and added as seeds.");
        assertThat(site.site.forYou().signals().all(userId("alice@example.org")).seeds())
                .extracting(s -> s.paperId())
                .containsExactly("2607.00100");
    }

    @Test
    void saves_past_the_rate_limit_get_a_429_with_retry_after() {
        TestBrowser b = TestAccounts.signedIn(site, "alice@example.org");
        int ok = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 130; i++) {
            last = b.postForm("/papers/2607.00100/save", Map.of("save", i % 2 == 0 ? "true" : "false"));
            if (last.statusCode() == 303) {
                ok++;
            } else {
                break;
            }
        }

        assertThat(ok).isEqualTo(120);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(last.body()).contains("too many library and feedback changes from your account");
    }

    @Test
    void onboarding_first_then_picks_with_a_why_line_and_the_saved_paper_left_out() {
        TestBrowser b = TestAccounts.signedIn(site, "alice@example.org");

        assertThat(b.get("/for-you").body()).contains("Get started").doesNotContain("class=\"why\"");
        b.postForm("/papers/2607.00100/save", Map.of("save", "true"));
        String page = b.get("/for-you").body();

        assertThat(page)
                .contains("class=\"why\"")
                .contains("Because you saved “Dense passage retrieval with hard negatives”");
        assertThat(page).doesNotContain("href=\"/papers/2607.00100\"");
        int firstIr = page.indexOf("/papers/2607.0010");
        int firstRo = page.indexOf("/papers/2607.0020");
        assertThat(firstIr).isPositive().isLessThan(firstRo);
    }

    @Test
    void the_api_serves_the_picks_with_the_reason_and_the_signals_export_and_delete_in_one_step() {
        TestBrowser b = TestAccounts.signedIn(site, "alice@example.org");
        long alice = userId("alice@example.org");
        String token = site.site.users().newApiToken(alice);
        b.postForm("/for-you/follows", Map.of("kind", "author", "target", "Cy Twombly"));

        HttpResponse<String> api = b.get("/api/for-you?window=day&limit=3", "Authorization", "Bearer " + token);
        String export = b.get("/me/signals.json").body();
        HttpResponse<String> deleted = b.postForm("/me/signals/delete", Map.of("confirm", "delete"));

        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.body()).contains("\"basis\":\"follows\"").contains("\"why\":\"By Cy Twombly, whom you follow\"");
        assertThat(export).contains("\"kind\" : \"author\"").contains("\"target\" : \"Cy Twombly\"");
        assertThat(deleted.statusCode()).isEqualTo(303);
        assertThat(site.site.forYou().signals().all(alice).isEmpty()).isTrue();
        assertThat(b.get("/api/for-you", "Authorization", "Bearer nope").statusCode())
                .isEqualTo(401);
    }

    @Test
    void the_private_atom_feed_answers_its_token_and_a_revoked_one_gets_403_with_the_reason() {
        TestBrowser b = TestAccounts.signedIn(site, "alice@example.org");
        b.postForm("/papers/2607.00200/save", Map.of("save", "true"));
        String page = b.postForm("/for-you/feed-token", Map.of()).body();
        String token = page.replaceAll("(?s).*for-you\\.atom\\?token=(pbf_[A-Za-z0-9_-]+).*", "$1");

        HttpResponse<String> feed = site.browser().get("/for-you.atom?token=" + token);
        b.postForm("/for-you/feed-token/revoke", Map.of());
        HttpResponse<String> revoked = site.browser().get("/for-you.atom?token=" + token);

        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.body())
                .contains("<title>Paperboy · For you</title>")
                .contains(
                        "<generator uri=\"http://localhost:8080/\">Paperboy</generator><entry><id>http://localhost:8080/papers/2607.0020");
        assertThat(revoked.statusCode()).isEqualTo(403);
        assertThat(revoked.body()).contains("this private feed address is no longer valid: it was revoked or replaced");
    }
}
