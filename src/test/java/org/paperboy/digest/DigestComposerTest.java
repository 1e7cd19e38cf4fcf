package org.paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.paperboy.digest.DigestLinks.Purpose;
import org.paperboy.feed.Period;
import org.paperboy.mail.MailMessage;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.paperboy.store.Subscription;
import org.paperboy.store.Subscription.Alert;
import org.paperboy.store.Subscription.Frequency;
import org.paperboy.store.Subscription.Settings;
import org.paperboy.store.Subscription.Status;

class DigestComposerTest {

    private static final DigestLinks LINKS = new DigestLinks(
            URI.create("https://papers.example.org"),
            "papers@example.org",
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    private static final Alert ALERT = new Alert("sparse <retrieval>", "cs.IR");

    private static Paper paper(String id, String title, String... authors) {
        return Paper.builder(id)
                .title(title)
                .abstractText("We study " + title.toLowerCase(java.util.Locale.ROOT) + ".")
                .authors(java.util.Arrays.stream(authors).map(Author::new).toList())
                .categories(List.of("cs.IR", "cs.CL"))
                .listedOn(LocalDate.of(2026, 7, 1))
                .build();
    }

    private static Digest digest() {
        Subscription s = new Subscription(
                7,
                new Settings("alice@example.org", Frequency.DAILY, true, List.of("cs.IR"), List.of(ALERT)),
                Status.ACTIVE,
                0);
        return new Digest(
                s,
                Period.day(LocalDate.of(2026, 7, 1)),
                List.of(new DigestEntry(paper("2607.00001", "Sparse & Dense", "Ada Lovelace"), 5, ALERT)),
                List.of(new DigestEntry(paper("hep-th/9901001", "Old Ideas", "A", "B", "C", "D", "E", "F"), 2, null)),
                List.of(new DigestEntry(paper("2607.00003", "Hot Paper", "Grace Hopper"), 40, null)));
    }

    @Test
    void writes_the_plain_text_part_with_a_summary_and_each_title_followed_by_its_links() {
        String u = LINKS.token(Purpose.UNSUBSCRIBE, 7);
        String p = LINKS.token(Purpose.PREVIEW, 7);

        assertThat(new DigestComposer(LINKS).text(digest())).isEqualTo("""
                        Paperboy - your daily digest
                        Wednesday, July 1, 2026
                        =======================

                        1 new in cs.IR, 1 alert match, 1 trending

                        Your alerts
                        -----------

                        [Matched your alert "sparse <retrieval>" in cs.IR]
                        Sparse & Dense
                        https://papers.example.org/papers/2607.00001
                        Ada Lovelace
                        We study sparse & dense.
                        5 upvotes | cs.IR cs.CL
                        arXiv: https://arxiv.org/abs/2607.00001 | PDF: https://arxiv.org/pdf/2607.00001


                        New in cs.IR
                        ------------

                        Old Ideas
                        https://papers.example.org/papers/hep-th/9901001
                        A, B, C, D, E et al.
                        We study old ideas.
                        2 upvotes | cs.IR cs.CL
                        arXiv: https://arxiv.org/abs/hep-th/9901001 | PDF: https://arxiv.org/pdf/hep-th/9901001


                        Trending
                        --------

                        Hot Paper
                        https://papers.example.org/papers/2607.00003
                        Grace Hopper
                        We study hot paper.
                        40 upvotes | cs.IR cs.CL
                        arXiv: https://arxiv.org/abs/2607.00003 | PDF: https://arxiv.org/pdf/2607.00003


                        --\s
                        You get this daily digest because alice@example.org subscribed to it on Paperboy.
                        View in a browser: https://papers.example.org/digest/preview?token=%s
                        Change what you get: https://papers.example.org/subscribe
                        Unsubscribe: https://papers.example.org/unsubscribe?token=%s
                        """.formatted(p, u));
    }

    @Test
    void ends_each_cut_section_with_how_many_more_and_a_link_to_the_full_list() {
        Digest d = digest();
        Digest cut = new Digest(
                d.subscription(),
                d.period(),
                d.forYou(),
                d.alerts(),
                d.categories(),
                d.trending(),
                new Digest.Extent(4, 48, List.of(new Digest.AlertMore(ALERT, 3)), 47, 120));
        DigestComposer composer = new DigestComposer(LINKS);

        String text = composer.text(cut);
        String html = composer.html(cut);

        assertThat(cut.summary()).isEqualTo("48 new in cs.IR, 4 alert matches, 1 trending");
        assertThat(text)
                .contains("=======================\n\n48 new in cs.IR, 4 alert matches, 1 trending\n")
                .contains("arXiv: https://arxiv.org/abs/2607.00001 | PDF: https://arxiv.org/pdf/2607.00001\n\n"
                        + "and 3 more matching \"sparse <retrieval>\": https://papers.example.org/search?"
                        + "q=sparse+%3Cretrieval%3E&category=cs.IR&from=2026-07-01&until=2026-07-01\n\n")
                .contains("and 47 more in cs.IR: https://papers.example.org/date/2026-07-01?category=cs.IR\n")
                .contains("and 120 more from this day: https://papers.example.org/date/2026-07-01\n");
        assertThat(html)
                .contains(">48 new in cs.IR, 4 alert matches, 1 trending</p>")
                .contains("<a href=\"https://papers.example.org/search?q=sparse+%3Cretrieval%3E&amp;category=cs.IR"
                        + "&amp;from=2026-07-01&amp;until=2026-07-01\" style=\"color:#1a4f8b\">"
                        + "and 3 more matching &#8220;sparse &lt;retrieval&gt;&#8221; &#8594;</a>")
                .contains("<a href=\"https://papers.example.org/date/2026-07-01?category=cs.IR\" "
                        + "style=\"color:#1a4f8b\">and 47 more in cs.IR &#8594;</a>")
                .contains("<a href=\"https://papers.example.org/date/2026-07-01\" style=\"color:#1a4f8b\">"
                        + "and 120 more from this day &#8594;</a>");
    }

    @Test
    void says_nothing_more_where_no_section_was_cut() {
        String html = new DigestComposer(LINKS).html(digest());

        assertThat(html).doesNotContain(" more ", "&#8594;");
        assertThat(new DigestComposer(LINKS).text(digest())).doesNotContain(" more ");
    }

    @Test
    void writes_html_with_inline_styles_escaped_text_and_no_images_or_remote_resources() {
        String html = new DigestComposer(LINKS).html(digest());

        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<h1 style=\"margin:0 0 6px;font-size:22px;line-height:1.25\">Wednesday, July 1, 2026</h1>")
                .contains("Matched your alert &#8220;sparse &lt;retrieval&gt;&#8221; in cs.IR")
                .contains("<a href=\"https://papers.example.org/papers/2607.00001\" "
                        + "style=\"color:#1a4f8b;text-decoration:none\">Sparse &amp; Dense</a>")
                .contains("1 new in cs.IR, 1 alert match, 1 trending</p>")
                .contains("<a href=\"https://arxiv.org/abs/hep-th/9901001\" style=\"color:#1a4f8b\">arXiv</a>")
                .contains("<a href=\"https://arxiv.org/pdf/hep-th/9901001\" style=\"color:#1a4f8b\">PDF</a>")
                .doesNotContain(">https://")
                .contains("href=\"https://papers.example.org/papers/hep-th/9901001\"")
                .contains("href=\"https://papers.example.org/papers/2607.00003\"")
                .contains("href=\"" + LINKS.unsubscribeUrl(7) + "\"")
                .doesNotContain("<img", "<link", "<script", "<style", "src=", "url(", "<retrieval>");
        assertThat(html.chars().allMatch(c -> c < 0x80))
                .as("7-bit: non-ASCII as character references")
                .isTrue();
    }

    @Test
    void makes_a_message_to_the_subscriber_with_both_parts_and_the_unsubscribe_headers() {
        MailMessage m = new DigestComposer(LINKS).message(digest());

        assertThat(m.to()).isEqualTo("alice@example.org");
        assertThat(m.subject()).isEqualTo("Paperboy daily · Wednesday, July 1, 2026 · 3 new papers");
        assertThat(m.textBody()).startsWith("Paperboy - your daily digest\n");
        assertThat(m.htmlBody()).startsWith("<!DOCTYPE html>");
        assertThat(m.headers()).isEqualTo(LINKS.listHeaders(7));
    }

    @Test
    void refuses_to_write_an_empty_digest() {
        Digest d = digest();
        Digest empty = new Digest(d.subscription(), d.period(), List.of(), List.of(), List.of());

        assertThatThrownBy(() -> new DigestComposer(LINKS).message(empty))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an empty digest is not sent");
    }
}
