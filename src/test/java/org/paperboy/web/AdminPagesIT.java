package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.search.IndexingStatus;
import org.paperboy.store.DigestLedgerRepository;
import org.paperboy.store.Secrets;
import org.paperboy.store.Subscription;
import org.paperboy.store.Subscription.Frequency;
import org.paperboy.store.Subscription.Settings;

/**
 * The admin overview {@code /admin} over a real store with real activity: a paper hidden and shown
 * again through the overview's own button, a paper submitted through {@code /submit} (arXiv faked
 * on loopback), accounts, digests sent and failed in the ledger, and a failing indexer; refused to
 * anonymous visitors and to accounts that are not admins, as {@code /admin/sources} is.
 */
class AdminPagesIT {

    static final Instant FAILING_SINCE = Instant.parse("2026-07-02T11:40:00Z");

    @TempDir
    Path dir;

    FakeArxiv arxiv;
    TestSite site;

    @BeforeEach
    void start() {
        arxiv = new FakeArxiv().knows("2607.01234", "Sparse Retrieval Revisited", "We revisit sparse retrieval.");
        site = TestSite.builder(dir)
                .papers(TestAccounts.papers())
                .arxivApi(arxiv.api())
                .config(PaperboyConfig.ADMINS, "boss@example.org")
                .indexingStatus(new IndexingStatus(IndexingStatus.State.FAILING, FAILING_SINCE, "disk full"))
                .start();
    }

    @AfterEach
    void stop() {
        site.close();
        arxiv.close();
    }

    @Test
    void shows_an_admin_every_part_of_the_site_with_its_real_figures() {
        TestBrowser boss = TestAccounts.signedIn(site, "boss@example.org");
        TestBrowser member = TestAccounts.signedIn(site, "member@example.org");
        String token = site.site
                .users()
                .newApiToken(site.site
                        .users()
                        .findByEmail("member@example.org")
                        .orElseThrow()
                        .id());
        assertThat(boss.postForm("/admin/papers/hep-th/9901001/hide", Map.of("hidden", "true", "next", "/"))
                        .statusCode())
                .isEqualTo(303);
        assertThat(member.postForm("/submit", Map.of("arxivId", "2607.01234")).statusCode())
                .isEqualTo(303);
        digests();

        HttpResponse<String> r = boss.get("/admin");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains("<title>Admin · Paperboy</title>")
                .contains("<a href=\"/admin\" aria-current=\"page\">Admin</a>")
                // Figures: 3 papers imported and 1 submitted, 1 hidden, 2 accounts, 1 digest sent and 1 failed.
                .contains("<li><a href=\"#indexing\"><strong>4</strong> papers stored</a></li>")
                .contains("<li><a href=\"#hidden\"><strong>1</strong> hidden</a></li>")
                .contains("<li><a href=\"#submissions\"><strong>1</strong> submitted</a></li>")
                .contains("<li><a href=\"#accounts\"><strong>2</strong> accounts</a></li>")
                .contains("<strong>1</strong> digests sent, <span class=\"failing\">1 failed</span>")
                .contains("<strong>no</strong> scheduled sources")
                // The index as /health reports it: the submitted paper is stored, not indexed yet.
                .contains("<dt>Stored</dt><dd>4 paper(s)</dd>")
                .contains("<dt>Indexed</dt><dd>3 <span class=\"muted\">(1 not yet)</span></dd>")
                .contains("<dt>With a vector</dt><dd>3 <span class=\"muted\">(1 missing:")
                .contains("<dt>Indexer</dt><dd class=\"failing\">failing since 2026-07-02T11:40:00Z: disk full</dd>")
                // The hidden paper, with the button that shows it again and comes back here.
                .contains("<span class=\"entry-main\"><a href=\"/papers/hep-th/9901001\">Strings on branes</a></span>")
                .contains("<form method=\"post\" action=\"/admin/papers/hep-th/9901001/hide\" class=\"entry-action\">")
                .contains("<input type=\"hidden\" name=\"_csrf\" value=\"" + boss.csrf() + "\">")
                // The submission: paper, account, moment, outcome.
                .contains(
                        "<span class=\"entry-main\"><a href=\"/papers/2607.01234\">Sparse Retrieval Revisited</a></span>")
                .contains(
                        "2607.01234 · by member@example.org · 2026-07-02 12:00:00 UTC · <span class=\"badge\">new</span>")
                // Accounts, the newest first, without any token.
                .containsSubsequence(
                        "<span class=\"entry-main\">member@example.org</span>",
                        "<span class=\"entry-main\">boss@example.org</span>")
                .contains("signed up 2026-07-02 12:00:00 UTC · last sign-in 2026-07-02 12:00:00 UTC")
                // Digest runs per period.
                .contains("<p>1 digest(s) sent, <span class=\"failing\">1 failed</span>, in all.</p>")
                .contains("<span class=\"entry-main\">2026-07-01</span>")
                .contains("1 sent · <span class=\"failing\">1 failed</span> · 0 skipped · last 2026-07-02 12:00:00 UTC")
                .contains("<span class=\"entry-main\">2026-W27</span>")
                .contains("0 sent · <span>0 failed</span> · 0 skipped · 1 waiting</span>")
                .contains("<a class=\"button\" href=\"/admin/sources\">")
                .doesNotContain(token, Secrets.hash(token), "api_token", "<mark>");

        HttpResponse<String> shown =
                boss.postForm("/admin/papers/hep-th/9901001/hide", Map.of("hidden", "false", "next", "/admin"));

        assertThat(shown.statusCode()).isEqualTo(303);
        assertThat(shown.headers().firstValue("Location")).hasValue("/admin");
        assertThat(boss.get("/admin").body())
                .contains("<li><a href=\"#hidden\"><strong>0</strong> hidden</a></li>")
                .contains("No paper is hidden.")
                .doesNotContain("/admin/papers/hep-th/9901001/hide");
    }

    /** A daily digest of July 1 sent to one subscriber and failed for another; a weekly one still planned. */
    private void digests() {
        Subscription alice = site.digests
                .subscriptionStore()
                .activate(new Settings("alice@example.org", Frequency.DAILY, true, List.of(), List.of()));
        Subscription bob = site.digests
                .subscriptionStore()
                .activate(new Settings("bob@example.org", Frequency.DAILY, true, List.of(), List.of()));
        Subscription carol = site.digests
                .subscriptionStore()
                .activate(new Settings("carol@example.org", Frequency.WEEKLY, true, List.of(), List.of()));
        DigestLedgerRepository ledger = site.digests.ledger();
        LocalDate day = TestAccounts.DAY;
        ledger.plan(List.of(alice.id(), bob.id()), day.toString(), day);
        ledger.plan(List.of(carol.id()), "2026-W27", LocalDate.of(2026, 7, 5));
        assertThat(ledger.claim(alice.id(), day.toString(), "<a@paperboy.test>"))
                .isTrue();
        ledger.markSent(alice.id(), day.toString(), List.of("2607.00001"));
        assertThat(ledger.claim(bob.id(), day.toString(), "<b@paperboy.test>")).isTrue();
        assertThat(ledger.markFailed(bob.id(), day.toString(), "550 no such mailbox"))
                .isTrue();
    }

    @Test
    void shows_an_empty_site_without_lists() {
        TestBrowser boss = TestAccounts.signedIn(site, "boss@example.org");

        HttpResponse<String> r = boss.get("/admin");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains("No paper is hidden.")
                .contains("Nobody has submitted a paper yet")
                .contains("No digest has been planned yet.")
                .contains("None: PAPERBOY_SOURCES is none.");
    }

    @Test
    void sends_anonymous_visitors_to_sign_in_and_refuses_other_accounts_as_the_sources_page_does() {
        HttpResponse<String> anonymous = site.browser().get("/admin");
        HttpResponse<String> anonymousSources = site.browser().get("/admin/sources");

        assertThat(anonymous.statusCode()).isEqualTo(303).isEqualTo(anonymousSources.statusCode());
        assertThat(anonymous.headers().firstValue("Location")).hasValue("/login?next=%2Fadmin");

        TestBrowser member = TestAccounts.signedIn(site, "member@example.org");
        HttpResponse<String> refused = member.get("/admin");

        assertThat(refused.statusCode())
                .isEqualTo(403)
                .isEqualTo(member.get("/admin/sources").statusCode());
        assertThat(refused.body())
                .contains("only the site's admins (PAPERBOY_ADMINS) may see the overview")
                .doesNotContain("papers stored", "member@example.org</span>");
        assertThat(member.get("/").body()).doesNotContain("href=\"/admin\"");
        assertThat(site.browser().get("/").body()).doesNotContain("href=\"/admin\"");
        assertThat(TestAccounts.signedIn(site, "boss@example.org").get("/").body())
                .contains("<a href=\"/admin\">Admin</a>");
    }
}
