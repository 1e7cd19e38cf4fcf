package org.paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.mail.SmtpMailer;
import org.paperboy.mail.SmtpSettings;
import org.paperboy.recommend.ForYou;
import org.paperboy.store.Subscription.Frequency;
import org.paperboy.store.UserRepository;

/**
 * The "For you" section of the digest, composed from a real store, index, model and recommender
 * (wired as {@code paperboy serve} wires it) and sent over SMTP to GreenMail: a subscriber whose
 * account has signals finds their picks with the line saying why at the top of both parts; a
 * subscriber whose account has none, or who has no account, gets the digest without it.
 */
class ForYouDigestIT {

    @RegisterExtension
    final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    SmtpMailer smtp;
    DigestFixture f;
    UserRepository users;

    @BeforeEach
    void start() {
        smtp = new SmtpMailer(new SmtpSettings(
                "127.0.0.1",
                greenMail.getSmtp().getPort(),
                null,
                null,
                SmtpSettings.Tls.NONE,
                "Paperboy <papers@paperboy.test>"));
        f = new DigestFixture(dir, smtp);
        users = new UserRepository(f.db, f.clock);
    }

    @AfterEach
    void stop() {
        f.close();
        smtp.close();
    }

    private MimeMessage only(String address) {
        MimeMessage[] got = greenMail.getReceivedMessagesForDomain(address);
        assertThat(got).as("mails to %s", address).hasSize(1);
        return got[0];
    }

    private static String part(MimeMessage m, int i) throws Exception {
        return ((MimeMultipart) m.getContent())
                .getBodyPart(i)
                .getContent()
                .toString()
                .replace("\r\n", "\n");
    }

    private static org.paperboy.paper.Paper other(String id, String title) {
        return DigestFixture.paper(
                id, DigestFixture.WEDNESDAY, 0, List.of("physics.gen-ph"), title, "A study of " + title + ".");
    }

    @Test
    void a_reader_with_signals_gets_their_picks_and_why_at_the_top_and_one_without_gets_no_section() throws Exception {
        // Wednesday gets a second paper on vector search and five on other topics.
        f.addWithVectors(List.of(
                DigestFixture.paper(
                        "2607.00030",
                        DigestFixture.WEDNESDAY,
                        1,
                        List.of("cs.IR", "cs.DS"),
                        "Product Quantization for Approximate Nearest Neighbour Vector Search",
                        "Compressing embedding vectors with product quantization makes approximate nearest "
                                + "neighbour search over a billion vectors fit in memory and run fast."),
                other("2607.00031", "Coral Reef Bleaching under Rising Sea Temperatures"),
                other("2607.00032", "Medieval Trade Routes of the Baltic Sea"),
                other("2607.00033", "Soil Microbes and Wheat Yields"),
                other("2607.00034", "Volcanic Ash and Aviation Safety"),
                other("2607.00035", "Bird Migration Timing in a Warming Climate")));
        ForYou forYou = f.restartWithForYou(smtp);
        // Bob saved Tuesday's paper on vector search; Carol has an account and no signals; Dave none.
        long bob = users.signIn("bob@example.org").id();
        users.signIn("carol@example.org");
        assertThat(forYou.library().save(bob, "2606.00010", List.of())).isPresent();
        for (String email : List.of("bob@example.org", "carol@example.org", "dave@example.org")) {
            f.subscribe(email, Frequency.DAILY, true, List.of(), List.of());
        }

        DigestReport report = f.send(DigestRun.forDate(DigestFixture.WEDNESDAY));

        assertThat(report.line()).isEqualTo("planned=3 sent=3 skipped=0 failed=0 resumed=0 in_doubt=0");
        MimeMessage m = only("bob@example.org");
        String text = part(m, 0);
        String html = part(m, 1);
        // The section comes first, right under the summary line, before trending.
        assertThat(text)
                .startsWith("Paperboy - your daily digest\nWednesday, July 1, 2026\n=======================\n\n"
                        + "5 for you, 6 trending\n\nFor you\n-------\n\n")
                .contains("\n\nFor you\n-------\n\n")
                .contains("[Because you saved \"Quantized Embeddings for Fast Vector Search\"]\n"
                        + "Product Quantization for Approximate Nearest Neighbour Vector Search\n"
                        + "https://papers.example.org/papers/2607.00030\n");
        assertThat(text.indexOf("Product Quantization")).isLessThan(text.indexOf("\nTrending\n"));
        int forYouAt = text.indexOf("\nFor you\n");
        assertThat(forYouAt).isPositive().isLessThan(text.indexOf("\nTrending\n"));
        assertThat(html).contains(">For you</h2>");
        assertThat(html.indexOf(">For you</h2>")).isLessThan(html.indexOf(">Trending</h2>"));
        assertThat(html)
                .contains("&#8220;Quantized Embeddings for Fast Vector Search&#8221;")
                .contains("Picked from what you saved, upvoted and follow");

        for (String email : List.of("carol@example.org", "dave@example.org")) {
            MimeMessage other = only(email);
            assertThat(part(other, 0)).doesNotContain("For you\n-------").contains("Trending\n--------");
            assertThat(part(other, 1)).doesNotContain(">For you</h2>").contains(">Trending</h2>");
        }
    }
}
