package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.feed.FeedItem;
import org.paperboy.feed.FeedOrder;
import org.paperboy.feed.Period;

class AdminActionsIT {

    @TempDir
    Path dir;

    TestSite site;

    @BeforeEach
    void start() {
        site = TestSite.builder(dir)
                .papers(TestAccounts.papers())
                .config(PaperboyConfig.ADMINS, "boss@example.org")
                .start();
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private java.util.List<String> listed() {
        return site.site.feed().page(Period.day(TestAccounts.DAY), FeedOrder.UPVOTES, 1, 10).items().stream()
                .map(FeedItem::paper)
                .map(org.paperboy.paper.Paper::id)
                .toList();
    }

    private String codeOf(String id) {
        return site.site.papers().find(id).orElseThrow().links().code();
    }

    @Test
    void an_admin_hides_a_paper_and_shows_it_again() {
        assertThat(listed()).containsExactly("2607.00001", "hep-th/9901001", "2607.00002");
        TestBrowser boss = TestAccounts.signedIn(site, "boss@example.org");

        HttpResponse<String> hide = boss.postForm(
                "/admin/papers/hep-th/9901001/hide", Map.of("hidden", "true", "next", "/papers/hep-th/9901001"));

        assertThat(hide.statusCode()).isEqualTo(303);
        assertThat(hide.headers().firstValue("Location")).hasValue("/papers/hep-th/9901001");
        assertThat(site.site.feedStore().hidden("hep-th/9901001")).contains(true);
        assertThat(listed()).containsExactly("2607.00001", "2607.00002");

        boss.postForm("/admin/papers/hep-th/9901001/hide", Map.of("hidden", "false", "next", "/"));

        assertThat(site.site.feedStore().hidden("hep-th/9901001")).contains(false);
        assertThat(listed()).containsExactly("2607.00001", "hep-th/9901001", "2607.00002");
    }

    @Test
    void an_admin_sets_and_removes_a_code_link_and_the_index_is_told() {
        TestBrowser boss = TestAccounts.signedIn(site, "boss@example.org");
        int signals = site.indexSignals.get();

        HttpResponse<String> set = boss.postForm(
                "/admin/papers/2607.00002/code",
                Map.of("url", " https://github.com/example/dense ", "next", "/papers/2607.00002"));

        assertThat(set.statusCode()).isEqualTo(303);
        assertThat(set.headers().firstValue("Location")).hasValue("/papers/2607.00002");
        assertThat(codeOf("2607.00002")).isEqualTo("https://github.com/example/dense");
        assertThat(site.indexSignals.get()).isEqualTo(signals + 1);

        boss.postForm("/admin/papers/2607.00002/code", Map.of("url", "", "next", "/"));

        assertThat(codeOf("2607.00002")).isNull();
        assertThat(site.indexSignals.get()).isEqualTo(signals + 2);
    }

    @Test
    void refuses_a_code_link_that_is_not_an_http_address_naming_the_field() {
        TestBrowser boss = TestAccounts.signedIn(site, "boss@example.org");

        for (String bad :
                new String[] {"javascript:alert(1)", "github.com/example/x", "https://exa mple.org", "ftp://x.org"}) {
            HttpResponse<String> r = boss.postForm("/admin/papers/2607.00001/code", Map.of("url", bad, "next", "/"));
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(r.body())
                    .contains("<p>url: must be an http or https address like https://github.com/org/repo</p>");
        }
        assertThat(codeOf("2607.00001")).isNull();
    }

    @Test
    void refuses_a_hidden_value_other_than_true_or_false() {
        TestBrowser boss = TestAccounts.signedIn(site, "boss@example.org");

        HttpResponse<String> r = boss.postForm("/admin/papers/2607.00001/hide", Map.of("hidden", "yes"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<p>hidden: must be true or false</p>");
        assertThat(site.site.feedStore().hidden("2607.00001")).contains(false);
    }

    @Test
    void answers_404_for_an_unknown_paper() {
        TestBrowser boss = TestAccounts.signedIn(site, "boss@example.org");

        HttpResponse<String> hide = boss.postForm("/admin/papers/2607.99999/hide", Map.of("hidden", "true"));
        HttpResponse<String> code =
                boss.postForm("/admin/papers/2607.99999/code", Map.of("url", "https://github.com/x/y"));

        assertThat(hide.statusCode()).isEqualTo(404);
        assertThat(hide.body()).contains("<p>there is no paper 2607.99999</p>");
        assertThat(code.statusCode()).isEqualTo(404);
        assertThat(site.indexSignals.get()).isZero();
    }

    @Test
    void refuses_a_signed_in_visitor_who_is_not_an_admin() {
        TestBrowser alice = TestAccounts.signedIn(site, "alice@example.org");

        HttpResponse<String> hide = alice.postForm("/admin/papers/2607.00001/hide", Map.of("hidden", "true"));
        HttpResponse<String> code =
                alice.postForm("/admin/papers/2607.00001/code", Map.of("url", "https://evil.example/"));

        assertThat(hide.statusCode()).isEqualTo(403);
        assertThat(hide.body()).contains("<p>only the site's admins (PAPERBOY_ADMINS) may do this</p>");
        assertThat(code.statusCode()).isEqualTo(403);
        assertThat(site.site.feedStore().hidden("2607.00001")).contains(false);
        assertThat(codeOf("2607.00001")).isNull();
    }

    @Test
    void sends_an_anonymous_visitor_to_sign_in() {
        HttpResponse<String> r = site.browser()
                .postForm("/admin/papers/2607.00001/hide", Map.of("hidden", "true", "next", "/papers/2607.00001"));

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/login?next=%2Fpapers%2F2607.00001");
        assertThat(site.site.feedStore().hidden("2607.00001")).contains(false);
    }

    @Test
    void refuses_an_admin_form_without_the_csrf_token() {
        TestBrowser boss = TestAccounts.signedIn(site, "boss@example.org");

        HttpResponse<String> r =
                boss.postForm("/admin/papers/2607.00001/hide", Map.of("hidden", "true", "_csrf", "forged"));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(site.site.feedStore().hidden("2607.00001")).contains(false);
    }
}
