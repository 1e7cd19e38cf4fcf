package org.paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.digest.DigestLinks.Purpose;
import org.paperboy.mail.MailException;
import org.paperboy.mail.MailMessage;
import org.paperboy.mail.Mailer;
import org.paperboy.mail.SmtpMailer;
import org.paperboy.mail.SmtpSettings;
import org.paperboy.store.DigestLedgerRepository.State;
import org.paperboy.store.Subscription;
import org.paperboy.store.Subscription.Alert;
import org.paperboy.store.Subscription.Frequency;
import org.paperboy.store.Subscription.Status;

/** Digests composed from a real store and index and sent over SMTP to GreenMail. */
class DigestSenderIT {

    @RegisterExtension
    final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    SmtpMailer smtp;
    DigestFixture f;

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
    }

    @AfterEach
    void stop() {
        f.close();
        smtp.close();
    }

    private MimeMessage[] inbox(String address) {
        return greenMail.getReceivedMessagesForDomain(address);
    }

    private static String plain(MimeMessage m) throws Exception {
        return part(m, 0).replace("\r\n", "\n");
    }

    private static String part(MimeMessage m, int i) throws Exception {
        return ((MimeMultipart) m.getContent()).getBodyPart(i).getContent().toString();
    }

    @Test
    void sends_a_multipart_digest_with_alerts_categories_trending_and_the_unsubscribe_headers() throws Exception {
        Subscription alice = f.subscribe(
                "alice@example.org",
                Frequency.DAILY,
                true,
                List.of("hep-th"),
                List.of(new Alert("sparse retrieval with learned term weights", "cs.IR")));

        DigestReport report = f.send(DigestRun.forDate(DigestFixture.WEDNESDAY));

        assertThat(report.line()).isEqualTo("planned=1 sent=1 skipped=0 failed=0 resumed=0 in_doubt=0");
        MimeMessage[] got = inbox("alice@example.org");
        assertThat(got).hasSize(1);
        MimeMessage m = got[0];
        assertThat(m.getSubject()).isEqualTo("Paperboy daily · Wednesday, July 1, 2026 · 5 new papers");
        assertThat(m.getContentType()).startsWith("multipart/alternative;");
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        BodyPart text = parts.getBodyPart(0);
        BodyPart html = parts.getBodyPart(1);
        assertThat(text.getContentType()).isEqualTo("text/plain; charset=UTF-8");
        assertThat(html.getContentType()).isEqualTo("text/html; charset=UTF-8");
        String token = f.digests.links().token(Purpose.UNSUBSCRIBE, alice.id());
        assertThat(m.getHeader("List-Unsubscribe"))
                .containsExactly("<https://papers.example.org/api/unsubscribe?token=" + token
                        + ">, <mailto:papers@paperboy.test?subject=unsubscribe%20" + token + ">");
        assertThat(m.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");

        String plain = text.getContent().toString().replace("\r\n", "\n");
        assertThat(plain)
                .contains("""
                        Your alerts
                        -----------

                        [Matched your alert "sparse retrieval with learned term weights" in cs.IR]
                        Learned Sparse Retrieval with Term Weighting
                        """)
                .contains("New in hep-th\n-------------\n\nString Dualities and Black Hole Entropy\n")
                .contains("https://papers.example.org/papers/hep-th/9901001\n");
        // Dense passage retrieval is close in meaning but names no sparse retrieval: not a match (issue 15).
        assertThat(entriesBetween(plain, "Your alerts\n-----------\n", "\nNew in hep-th").stream()
                        .map(entry -> entry.lines().skip(1).findFirst().orElseThrow())
                        .toList())
                .containsExactly("Learned Sparse Retrieval with Term Weighting");
        // Trending: the rest of the day by upvotes, without the papers shown above.
        assertThat(titlesAfter(plain, "Trending\n--------\n"))
                .containsExactly(
                        "Diffusion Models for Protein Design",
                        "Dense Passage Retrieval for Long Documents",
                        "Graph Neural Networks for Traffic Forecasting");
        String page = html.getContent().toString();
        for (String id : List.of("2607.00001", "2607.00002", "2607.00003", "2607.00004", "hep-th/9901001")) {
            assertThat(page).contains("href=\"https://papers.example.org/papers/" + id + "\"");
            assertThat(plain).contains("https://papers.example.org/papers/" + id + "\n");
        }
        assertThat(page)
                .contains("Matched your alert &#8220;sparse retrieval with learned term weights&#8221; in cs.IR")
                .doesNotContain("<img", "<link", "<script", "src=");
    }

    @Test
    void opens_with_a_summary_links_titles_and_arxiv_pages_and_says_how_many_more_where_a_section_is_cut()
            throws Exception {
        List<org.paperboy.paper.Paper> dialogue = new ArrayList<>();
        for (int i = 101; i <= 135; i++) {
            dialogue.add(DigestFixture.paper(
                    "2607.00" + i,
                    DigestFixture.WEDNESDAY,
                    1,
                    List.of("cs.CL"),
                    "Dialogue Study " + i,
                    "A study of open-domain dialogue systems, number " + i + "."));
        }
        f.addWithVectors(dialogue);
        f.subscribe(
                "alice@example.org",
                Frequency.DAILY,
                true,
                List.of("cs.CL"),
                List.of(new Alert("sparse retrieval with learned term weights", "cs.IR")));

        assertThat(f.send(DigestRun.forDate(DigestFixture.WEDNESDAY)).line())
                .isEqualTo("planned=1 sent=1 skipped=0 failed=0 resumed=0 in_doubt=0");

        // 40 papers that day: 1 alert match, 20 of the 36 in cs.CL, the 10 hottest of the rest; 9 left out.
        MimeMessage m = inbox("alice@example.org")[0];
        assertThat(m.getSubject()).isEqualTo("Paperboy daily · Wednesday, July 1, 2026 · 31 new papers");
        String text = plain(m);
        String html = part(m, 1).replace("\r\n", "\n");
        String summary = "36 new in cs.CL, 1 alert match, 10 trending";
        String day = "https://papers.example.org/date/2026-07-01";
        assertThat(text)
                .startsWith("Paperboy - your daily digest\nWednesday, July 1, 2026\n=======================\n\n"
                        + summary + "\n")
                .contains("""
                        Learned Sparse Retrieval with Term Weighting
                        https://papers.example.org/papers/2607.00001
                        Ada Lovelace, Alan Turing
                        """)
                .contains("arXiv: https://arxiv.org/abs/2607.00001 | PDF: https://arxiv.org/pdf/2607.00001\n")
                .contains("arXiv: https://arxiv.org/abs/hep-th/9901001 | PDF: https://arxiv.org/pdf/hep-th/9901001\n")
                .contains("\nand 9 more in cs.CL: " + day + "?category=cs.CL\n")
                .contains("\nand 9 more from this day: " + day + "\n");
        assertThat(titlesBetween(text, "New in cs.CL\n------------\n", "\nand 9 more in cs.CL"))
                .hasSize(20)
                .startsWith("Dense Passage Retrieval for Long Documents");
        assertThat(titlesBetween(text, "Trending\n--------\n", "\nand 9 more from this day"))
                .hasSize(10)
                .startsWith(
                        "Diffusion Models for Protein Design",
                        "Graph Neural Networks for Traffic Forecasting",
                        "String Dualities and Black Hole Entropy");
        assertThat(html)
                .contains(">" + summary + "</p>")
                .contains(
                        "<a href=\"https://papers.example.org/papers/2607.00001\" "
                                + "style=\"color:#1a4f8b;text-decoration:none\">Learned Sparse Retrieval with Term Weighting</a>")
                .contains("<a href=\"https://arxiv.org/abs/2607.00001\" style=\"color:#1a4f8b\">arXiv</a> &#183; "
                        + "<a href=\"https://arxiv.org/pdf/2607.00001\" style=\"color:#1a4f8b\">PDF</a>")
                .contains("<a href=\"https://arxiv.org/abs/hep-th/9901001\" style=\"color:#1a4f8b\">arXiv</a>")
                .contains("<a href=\"" + day
                        + "?category=cs.CL\" style=\"color:#1a4f8b\">and 9 more in cs.CL &#8594;</a>")
                .contains("<a href=\"" + day + "\" style=\"color:#1a4f8b\">and 9 more from this day &#8594;</a>")
                .doesNotContain(">https://", ">http://");
    }

    /** The titles of the section that starts with {@code heading}: each entry's first line. */
    private static List<String> titlesAfter(String text, String heading) {
        return titlesBetween(text, heading, "\n-- \n");
    }

    /** The first line of each entry between {@code heading} and {@code end}. */
    private static List<String> titlesBetween(String text, String heading, String end) {
        return entriesBetween(text, heading, end).stream()
                .map(e -> e.lines().findFirst().orElseThrow())
                .toList();
    }

    /** The entries (blank-line separated) between {@code heading} and {@code end}. */
    private static List<String> entriesBetween(String text, String heading, String end) {
        int from = text.indexOf(heading) + heading.length();
        String section = text.substring(from, text.indexOf(end, from));
        List<String> entries = new ArrayList<>();
        for (String entry : section.strip().split("\n\n")) {
            entries.add(entry.strip());
        }
        return entries;
    }

    @Test
    void sends_nothing_the_second_time_a_period_is_run() throws Exception {
        f.subscribe("alice@example.org", Frequency.DAILY, true, List.of(), List.of());
        f.subscribe("bob@example.org", Frequency.DAILY, true, List.of(), List.of());

        assertThat(f.send(DigestRun.forDate(DigestFixture.WEDNESDAY)).line())
                .isEqualTo("planned=2 sent=2 skipped=0 failed=0 resumed=0 in_doubt=0");
        f.restart(smtp);
        assertThat(f.send(DigestRun.forDate(DigestFixture.WEDNESDAY)).line())
                .isEqualTo("planned=0 sent=0 skipped=0 failed=0 resumed=0 in_doubt=0");

        assertThat(inbox("alice@example.org")).hasSize(1);
        assertThat(inbox("bob@example.org")).hasSize(1);
    }

    @Test
    void never_sends_a_paper_twice_when_a_weekly_digest_follows_a_daily_one() throws Exception {
        f.subscribe("alice@example.org", Frequency.DAILY, true, List.of(), List.of());
        f.send(DigestRun.forDate(DigestFixture.WEDNESDAY));
        f.subscribe("alice@example.org", Frequency.WEEKLY, true, List.of(), List.of());

        assertThat(f.send(DigestRun.forDate(DigestFixture.WEDNESDAY)).line())
                .isEqualTo("planned=1 sent=1 skipped=0 failed=0 resumed=0 in_doubt=0");

        MimeMessage[] got = inbox("alice@example.org");
        assertThat(got).hasSize(2);
        assertThat(got[1].getSubject()).isEqualTo("Paperboy weekly · Week 27, 2026 · Jun 29 – Jul 5 · 2 new papers");
        assertThat(titlesAfter(plain(got[1]), "Trending\n--------\n"))
                .containsExactly("Quantized Embeddings for Fast Vector Search", "Robot Grasping with Tactile Sensing");
    }

    @Test
    void does_not_send_an_empty_digest_nor_one_for_a_period_before_the_last_digest() throws Exception {
        f.subscribe("carol@example.org", Frequency.DAILY, false, List.of("math.AG"), List.of());
        f.subscribe("dave@example.org", Frequency.DAILY, true, List.of(), List.of());
        f.send(DigestRun.forDate(DigestFixture.WEDNESDAY.plusDays(1)));

        assertThat(f.send(DigestRun.forDate(DigestFixture.WEDNESDAY)).line())
                .isEqualTo("planned=2 sent=0 skipped=2 failed=0 resumed=0 in_doubt=0");

        assertThat(inbox("carol@example.org")).isEmpty();
        assertThat(inbox("dave@example.org")).hasSize(1);
    }

    @Test
    void matches_an_alert_only_above_the_relevance_threshold() throws Exception {
        f.subscribe(
                "erin@example.org",
                Frequency.DAILY,
                false,
                List.of(),
                List.of(new Alert("medieval french poetry", null), new Alert("protein design with diffusion", null)));

        f.send(DigestRun.forDate(DigestFixture.WEDNESDAY));

        String plain = part(inbox("erin@example.org")[0], 0);
        assertThat(plain)
                .contains(
                        "[Matched your alert \"protein design with diffusion\"]\r\nDiffusion Models for Protein Design")
                .doesNotContain("medieval");
        assertThat(inbox("erin@example.org")[0].getSubject()).endsWith("· 1 new paper");
    }

    @Test
    void an_alert_matches_only_papers_that_name_its_key_terms() throws Exception {
        f.addWithVectors(List.of(
                DigestFixture.paper(
                        "2607.00040",
                        DigestFixture.WEDNESDAY,
                        1,
                        List.of("cs.CL"),
                        "Ternary Quantization of Large Language Models",
                        "We quantize the weights of large language models to three values and keep their accuracy."),
                DigestFixture.paper(
                        "2607.00041",
                        DigestFixture.WEDNESDAY,
                        1,
                        List.of("cs.CL"),
                        "Relation Extraction with Large Language Models",
                        "Large language models extract relations between entities in news text, zero-shot.")));
        f.subscribe(
                "gus@example.org",
                Frequency.DAILY,
                false,
                List.of(),
                List.of(new Alert("quantization of large language models", null)));

        f.send(DigestRun.forDate(DigestFixture.WEDNESDAY));

        String plain = part(inbox("gus@example.org")[0], 0);
        assertThat(plain)
                .contains("[Matched your alert \"quantization of large language models\"]\r\n"
                        + "Ternary Quantization of Large Language Models")
                .doesNotContain("Relation Extraction");
    }

    @Test
    void an_alert_matches_only_papers_that_have_its_word_pairs_near_each_other() throws Exception {
        f.addWithVectors(List.of(
                DigestFixture.paper(
                        "2607.00042",
                        DigestFixture.WEDNESDAY,
                        1,
                        List.of("cs.MA"),
                        "Cooperative Multi-Agent Reinforcement Learning with Shared Critics",
                        "Agents that learn together by reinforcement learning share one critic and coordinate better."),
                DigestFixture.paper(
                        "2607.00043",
                        DigestFixture.WEDNESDAY,
                        1,
                        List.of("cs.CL"),
                        "A Debate Framework for Language Models",
                        "Language model agents argue over an answer for several rounds of multi-turn debate; each "
                                + "model is then fine-tuned with reinforcement learning on the debates it won.")));
        f.subscribe(
                "hal@example.org",
                Frequency.DAILY,
                false,
                List.of(),
                List.of(new Alert("multi-agent reinforcement learning", null)));

        f.send(DigestRun.forDate(DigestFixture.WEDNESDAY));

        String plain = part(inbox("hal@example.org")[0], 0);
        assertThat(plain)
                .contains("[Matched your alert \"multi-agent reinforcement learning\"]\r\n"
                        + "Cooperative Multi-Agent Reinforcement Learning with Shared Critics")
                .doesNotContain("Debate Framework");
    }

    @Test
    void matches_papers_without_vectors_by_their_words_and_says_so_in_the_report() throws Exception {
        f.addWithoutVectors(List.of(
                DigestFixture.paper(
                        "2607.00030",
                        DigestFixture.WEDNESDAY,
                        1,
                        List.of("cs.CL"),
                        "Benchmarking Tool Use of Language Model Agents",
                        "We measure how language model agents call tools such as calculators and search engines."),
                DigestFixture.paper(
                        "2607.00031",
                        DigestFixture.WEDNESDAY,
                        1,
                        List.of("cs.CL"),
                        "Language Model Agents for Chemistry",
                        "Agents plan syntheses step by step.")));
        f.subscribe(
                "fay@example.org",
                Frequency.DAILY,
                false,
                List.of(),
                List.of(new Alert("tool use of language model agents", null)));

        DigestReport report = f.send(DigestRun.forDate(DigestFixture.WEDNESDAY));

        assertThat(report.line())
                .isEqualTo("planned=1 sent=1 skipped=0 failed=0 resumed=0 in_doubt=0 alerts_by_keywords=1");
        String plain = part(inbox("fay@example.org")[0], 0);
        assertThat(plain)
                .contains("Your alerts\r\n-----------\r\n\r\n[Matched your alert \"tool use of language model agents\"]"
                        + "\r\nBenchmarking Tool Use of Language Model Agents")
                .doesNotContain("Chemistry");
    }

    @Test
    void lists_in_a_dry_run_what_it_would_send_and_records_nothing() throws Exception {
        f.subscribe("alice@example.org", Frequency.DAILY, true, List.of(), List.of());
        List<String> would = new ArrayList<>();

        DigestReport report = f.digests
                .sender()
                .run(DigestRun.forDate(DigestFixture.WEDNESDAY).withDryRun(true), new DigestSender.Listener() {
                    @Override
                    public void wouldSend(Digest d, org.paperboy.mail.MailMessage m) {
                        would.add(m.to() + ": " + m.subject());
                    }
                });

        assertThat(report.line()).isEqualTo("planned=1 sent=0 skipped=0 failed=0 resumed=0 in_doubt=0");
        assertThat(would).containsExactly("alice@example.org: Paperboy daily · Wednesday, July 1, 2026 · 5 new papers");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(f.send(DigestRun.forDate(DigestFixture.WEDNESDAY)).sent()).isEqualTo(1);
    }

    /** Stands for the process dying (kill -9) inside a send: nothing after it runs. */
    static final class Crash extends Error {
        Crash() {
            super("simulated crash");
        }
    }

    /** Where in a send the process dies. */
    enum CrashPoint {
        /** Before the line that ends the message: the server drops what it got. */
        BEFORE_END,
        /** After the ledger marked the end under way, before the server had the message. */
        AT_END,
        /** After the server accepted the message, before the ledger recorded it. */
        AFTER_ACCEPTANCE
    }

    /** Delivers {@code before} messages, then dies on the next one at {@code point}. */
    private Mailer crashing(int before, CrashPoint point) {
        AtomicInteger calls = new AtomicInteger();
        return new Mailer() {
            @Override
            public void send(MailMessage message) {
                send(message, () -> {});
            }

            @Override
            public void send(MailMessage message, Runnable beforeEnd) {
                if (calls.getAndIncrement() != before) {
                    smtp.send(message, beforeEnd);
                    return;
                }
                switch (point) {
                    case BEFORE_END -> {}
                    case AT_END -> beforeEnd.run();
                    case AFTER_ACCEPTANCE -> smtp.send(message, beforeEnd);
                }
                throw new Crash();
            }
        };
    }

    private List<String> subscribeFive() {
        List<String> addresses = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String a = "reader" + i + "@example.org";
            f.subscribe(a, Frequency.DAILY, true, List.of(), List.of());
            addresses.add(a);
        }
        return addresses;
    }

    @Test
    void after_a_crash_before_the_end_of_a_message_the_next_run_sends_it_and_each_reader_gets_one_digest()
            throws Exception {
        List<String> readers = subscribeFive();
        f.restart(crashing(2, CrashPoint.BEFORE_END));
        assertThatThrownBy(() -> f.send(DigestRun.forDate(DigestFixture.WEDNESDAY)))
                .isInstanceOf(Crash.class);
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
        assertThat(f.digests.ledger().counts("2026-07-01"))
                .containsEntry(State.SENDING, 1)
                .containsEntry(State.SENT, 2);

        f.restart(smtp);
        assertThat(f.send(DigestRun.forDate(DigestFixture.WEDNESDAY)).line())
                .isEqualTo("planned=3 sent=3 skipped=0 failed=0 resumed=1 in_doubt=0");

        for (String r : readers) {
            assertThat(inbox(r)).as(r).hasSize(1);
        }
        assertThat(f.send(DigestRun.forDate(DigestFixture.WEDNESDAY)).line())
                .isEqualTo("planned=0 sent=0 skipped=0 failed=0 resumed=0 in_doubt=0");
        assertThat(f.digests.ledger().counts("2026-07-01")).isEqualTo(java.util.Map.of(State.SENT, 5));
    }

    @Test
    void a_digest_whose_end_was_sent_but_not_answered_goes_out_again_with_the_same_message_id() throws Exception {
        List<String> readers = subscribeFive();
        f.restart(crashing(2, CrashPoint.AT_END));
        assertThatThrownBy(() -> f.send(DigestRun.forDate(DigestFixture.WEDNESDAY)))
                .isInstanceOf(Crash.class);
        long third = f.digests.subscriptionStore().active().get(2).id();
        String claimed =
                f.digests.ledger().find(third, "2026-07-01").orElseThrow().messageId();
        assertThat(f.digests.ledger().find(third, "2026-07-01").orElseThrow().state())
                .isEqualTo(State.UNCONFIRMED);

        f.restart(smtp);
        assertThat(f.send(DigestRun.forDate(DigestFixture.WEDNESDAY)).line())
                .isEqualTo("planned=3 sent=3 skipped=0 failed=0 resumed=1 in_doubt=1");

        for (String r : readers) {
            assertThat(inbox(r)).as(r).hasSize(1);
        }
        assertThat(inbox(readers.get(2))[0].getMessageID())
                .isEqualTo(claimed)
                .matches("<digest-2026-07-01-.+@paperboy.test>");
    }

    @Test
    void a_digest_the_server_accepted_before_the_crash_is_sent_again_as_the_same_message() throws Exception {
        List<String> readers = subscribeFive();
        f.restart(crashing(2, CrashPoint.AFTER_ACCEPTANCE));
        assertThatThrownBy(() -> f.send(DigestRun.forDate(DigestFixture.WEDNESDAY)))
                .isInstanceOf(Crash.class);
        assertThat(greenMail.getReceivedMessages()).hasSize(3);

        f.restart(smtp);
        assertThat(f.send(DigestRun.forDate(DigestFixture.WEDNESDAY)).line())
                .isEqualTo("planned=3 sent=3 skipped=0 failed=0 resumed=1 in_doubt=1");

        for (String r : readers) {
            Set<String> ids = new HashSet<>();
            for (MimeMessage m : inbox(r)) {
                ids.add(m.getMessageID());
            }
            assertThat(ids).as(r + ": one message, whatever its copies").hasSize(1);
        }
        assertThat(inbox(readers.get(2))).as("the copy in doubt and its resend").hasSize(2);
    }

    @Test
    void refuses_to_run_while_another_run_holds_the_lock_and_sends_nothing() throws Exception {
        subscribeFive();
        try (var other = f.digests.ledger().tryLockRuns().orElseThrow()) {
            assertThatThrownBy(() -> f.send(DigestRun.forDate(DigestFixture.WEDNESDAY)))
                    .isInstanceOf(DigestSender.Busy.class)
                    .hasMessageContaining("another digest run is in progress (process "
                            + ProcessHandle.current().pid() + ")");
        }
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(f.send(DigestRun.forDate(DigestFixture.WEDNESDAY)).sent()).isEqualTo(5);
    }

    @Test
    void the_next_days_run_first_sends_what_an_earlier_run_left_planned() throws Exception {
        List<String> readers = subscribeFive();
        f.restart(message -> {
            if (message.to().equals(readers.get(0))) {
                throw new MailException("421 mailbox busy", false, null);
            }
            smtp.send(message);
        });
        assertThat(f.send(DigestRun.forDate(DigestFixture.WEDNESDAY)).line())
                .isEqualTo("planned=5 sent=4 skipped=0 failed=1 resumed=0 in_doubt=0");

        f.restart(smtp);
        assertThat(f.send(DigestRun.forDate(DigestFixture.WEDNESDAY.plusDays(1)))
                        .line())
                .as("Wednesday's for one reader, then Thursday's for all")
                .isEqualTo("planned=6 sent=6 skipped=0 failed=0 resumed=0 in_doubt=0");
        assertThat(inbox(readers.get(0))).hasSize(2);
        assertThat(inbox(readers.get(0))[0].getSubject()).contains("Wednesday, July 1");
    }

    @Test
    void a_run_whose_mailer_fails_after_k_messages_is_completed_by_the_next_run() throws Exception {
        List<String> readers = subscribeFive();
        AtomicInteger calls = new AtomicInteger();
        f.restart(message -> {
            if (calls.incrementAndGet() > 2) {
                throw new MailException("421 server shutting down", false, null);
            }
            smtp.send(message);
        });

        assertThat(f.send(DigestRun.forDate(DigestFixture.WEDNESDAY)).line())
                .isEqualTo("planned=5 sent=2 skipped=0 failed=3 resumed=0 in_doubt=0");
        assertThat(f.pauses).hasSize(6);
        f.restart(smtp);
        assertThat(f.send(DigestRun.forDate(DigestFixture.WEDNESDAY)).line())
                .isEqualTo("planned=3 sent=3 skipped=0 failed=0 resumed=0 in_doubt=0");

        for (String r : readers) {
            assertThat(inbox(r)).as(r).hasSize(1);
        }
    }

    @Test
    void sends_each_digest_exactly_once_over_several_connections_at_once() throws Exception {
        List<String> readers = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            readers.add("reader" + i + "@example.org");
            f.subscribe(readers.getLast(), Frequency.DAILY, true, List.of(), List.of());
        }
        SmtpSettings settings = new SmtpSettings(
                "127.0.0.1", greenMail.getSmtp().getPort(), null, null, SmtpSettings.Tls.NONE, "papers@paperboy.test");
        try (MailerPool pool = MailerPool.of(4, () -> new SmtpMailer(settings))) {
            f.restart(pool, 4);
            assertThat(f.send(DigestRun.forDate(DigestFixture.WEDNESDAY)).line())
                    .isEqualTo("planned=12 sent=12 skipped=0 failed=0 resumed=0 in_doubt=0");
            assertThat(f.send(DigestRun.forDate(DigestFixture.WEDNESDAY)).line())
                    .isEqualTo("planned=0 sent=0 skipped=0 failed=0 resumed=0 in_doubt=0");
        }

        for (String r : readers) {
            assertThat(inbox(r)).as(r).hasSize(1);
        }
    }

    @Test
    void retries_a_temporary_failure_with_jittered_exponential_back_off() throws Exception {
        f.subscribe("alice@example.org", Frequency.DAILY, true, List.of(), List.of());
        AtomicInteger calls = new AtomicInteger();
        f.restart(message -> {
            if (calls.incrementAndGet() <= 2) {
                throw new MailException("451 try again later", false, null);
            }
            smtp.send(message);
        });

        assertThat(f.send(DigestRun.forDate(DigestFixture.WEDNESDAY)).line())
                .isEqualTo("planned=1 sent=1 skipped=0 failed=0 resumed=0 in_doubt=0");

        assertThat(f.pauses).hasSize(2);
        assertThat(f.pauses.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(150));
        assertThat(f.pauses.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(300));
        assertThat(inbox("alice@example.org")).hasSize(1);
    }

    @Test
    void a_stop_during_a_send_lets_it_finish_then_retries_nothing_and_starts_nothing_more() throws Exception {
        for (int i = 1; i <= 3; i++) {
            f.subscribe("reader" + i + "@example.org", Frequency.DAILY, true, List.of(), List.of());
        }
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        AtomicInteger calls = new AtomicInteger();
        f.restart(
                message -> {
                    stop.set(true); // the signal arrives while the first digest is in flight
                    if (calls.incrementAndGet() == 1) {
                        smtp.send(message);
                    } else {
                        throw new MailException("451 try again later", false, null);
                    }
                },
                1);

        DigestReport report = f.digests
                .sender()
                .run(DigestRun.forDate(DigestFixture.WEDNESDAY), DigestSender.Listener.NONE, stop::get);

        assertThat(report.line()).isEqualTo("planned=1 sent=1 skipped=0 failed=0 resumed=0 in_doubt=0");
        assertThat(calls).hasValue(1);
        assertThat(f.pauses).isEmpty();
        assertThat(f.digests.ledger().counts("2026-07-01"))
                .containsOnly(java.util.Map.entry(State.SENT, 1), java.util.Map.entry(State.PLANNED, 2));
    }

    @Test
    void a_temporary_failure_after_a_stop_is_left_for_the_next_run_without_a_retry() throws Exception {
        f.subscribe("alice@example.org", Frequency.DAILY, true, List.of(), List.of());
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        AtomicInteger calls = new AtomicInteger();
        f.restart(message -> {
            calls.incrementAndGet();
            stop.set(true);
            throw new MailException("451 try again later", false, null);
        });

        DigestReport report = f.digests
                .sender()
                .run(DigestRun.forDate(DigestFixture.WEDNESDAY), DigestSender.Listener.NONE, stop::get);

        assertThat(report.line()).isEqualTo("planned=1 sent=0 skipped=0 failed=1 resumed=0 in_doubt=0");
        assertThat(calls).hasValue(1);
        assertThat(f.pauses).isEmpty();
        assertThat(f.digests.ledger().counts("2026-07-01")).containsExactly(java.util.Map.entry(State.PLANNED, 1));
    }

    @Test
    void stops_a_run_when_the_server_keeps_failing_and_leaves_the_rest_planned() throws Exception {
        for (int i = 1; i <= 7; i++) {
            f.subscribe("reader" + i + "@example.org", Frequency.DAILY, true, List.of(), List.of());
        }
        f.restart(message -> {
            throw new MailException("connection refused", false, null);
        });

        assertThat(f.send(DigestRun.forDate(DigestFixture.WEDNESDAY)).line())
                .isEqualTo("planned=5 sent=0 skipped=0 failed=5 resumed=0 in_doubt=0");
        assertThat(f.digests.ledger().counts("2026-07-01")).containsExactly(java.util.Map.entry(State.PLANNED, 7));
    }

    @Test
    void marks_an_address_bouncing_after_three_permanent_failures_and_skips_it() throws Exception {
        Subscription bob = f.subscribe("bob@example.org", Frequency.DAILY, true, List.of(), List.of());
        f.subscribe("alice@example.org", Frequency.DAILY, true, List.of(), List.of());
        f.restart(message -> {
            if (message.to().equals("bob@example.org")) {
                throw new MailException("550 no such user", true, null);
            }
            smtp.send(message);
        });

        for (int day = -1; day <= 1; day++) {
            assertThat(f.send(DigestRun.forDate(DigestFixture.WEDNESDAY.plusDays(day)))
                            .line())
                    .isEqualTo("planned=2 sent=1 skipped=0 failed=1 resumed=0 in_doubt=0");
        }

        assertThat(f.digests.subscriptionStore().find(bob.id()).orElseThrow().status())
                .isEqualTo(Status.BOUNCING);
        assertThat(f.pauses).isEmpty();
        f.restart(smtp);
        assertThat(f.send(DigestRun.forDate(DigestFixture.WEDNESDAY.plusDays(2)))
                        .line())
                .isEqualTo("planned=1 sent=0 skipped=1 failed=0 resumed=0 in_doubt=0");
        assertThat(inbox("bob@example.org")).isEmpty();
        assertThat(inbox("alice@example.org")).hasSize(3);
    }
}
