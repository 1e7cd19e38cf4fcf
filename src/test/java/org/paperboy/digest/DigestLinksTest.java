package org.paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.paperboy.digest.DigestLinks.Purpose;
import org.paperboy.feed.Period;
import org.paperboy.store.Subscription.Alert;

class DigestLinksTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final DigestLinks links =
            new DigestLinks(URI.create("https://papers.example.org/"), "Paperboy <papers@example.org>", KEY);

    @Test
    void verifies_its_own_token_for_the_same_purpose_only() {
        String token = links.token(Purpose.UNSUBSCRIBE, 42);

        assertThat(token).startsWith("42.").hasSize(3 + 43);
        assertThat(links.verify(Purpose.UNSUBSCRIBE, token)).isEqualTo(OptionalLong.of(42));
        assertThat(links.verify(Purpose.PREVIEW, token)).isEmpty();
    }

    @Test
    void refuses_a_token_for_another_subscription_or_from_another_key() {
        String token = links.token(Purpose.UNSUBSCRIBE, 42);
        String mac = token.substring(token.indexOf('.') + 1);
        DigestLinks other = new DigestLinks(
                URI.create("https://papers.example.org"),
                "papers@example.org",
                "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));

        assertThat(links.verify(Purpose.UNSUBSCRIBE, "43." + mac)).isEmpty();
        assertThat(links.verify(Purpose.UNSUBSCRIBE, "042." + mac)).isEmpty();
        assertThat(other.verify(Purpose.UNSUBSCRIBE, token)).isEmpty();
    }

    @Test
    void refuses_malformed_tokens_without_throwing() {
        for (String bad : new String[] {null, "", ".", "42", "42.", "x.abc", "-1.abc", "99999999999999999999.abc"}) {
            assertThat(links.verify(Purpose.UNSUBSCRIBE, bad))
                    .as(String.valueOf(bad))
                    .isEmpty();
        }
    }

    @Test
    void builds_absolute_links_under_the_public_address() {
        assertThat(links.paperUrl("hep-th/9901001")).isEqualTo("https://papers.example.org/papers/hep-th/9901001");
        assertThat(links.confirmUrl("abc")).isEqualTo("https://papers.example.org/subscribe/confirm?token=abc");
        assertThat(links.unsubscribeUrl(7))
                .isEqualTo("https://papers.example.org/unsubscribe?token=" + links.token(Purpose.UNSUBSCRIBE, 7));
        assertThat(links.previewUrl(7))
                .isEqualTo("https://papers.example.org/digest/preview?token=" + links.token(Purpose.PREVIEW, 7));
    }

    @Test
    void gives_the_rfc_8058_one_click_headers_with_a_mailto_alternative() {
        String token = links.token(Purpose.UNSUBSCRIBE, 7);

        assertThat(links.listHeaders(7))
                .containsExactly(
                        Map.entry(
                                "List-Unsubscribe",
                                "<https://papers.example.org/api/unsubscribe?token=" + token
                                        + ">, <mailto:papers@example.org?subject=unsubscribe%20" + token + ">"),
                        Map.entry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
    }

    @Test
    void links_the_lists_behind_and_n_more_to_the_period_its_category_or_a_search() {
        Period week = Period.weekOf(LocalDate.of(2026, 7, 1));

        assertThat(links.periodUrl(week)).isEqualTo("https://papers.example.org/week/2026-W27");
        assertThat(links.periodUrl(week, List.of("cs.CL")))
                .isEqualTo("https://papers.example.org/week/2026-W27?category=cs.CL");
        assertThat(links.periodUrl(week, List.of("cs.CL", "cs.IR")))
                .isEqualTo("https://papers.example.org/week/2026-W27");
        assertThat(links.searchUrl(new Alert("RAG & tools", null), week))
                .isEqualTo("https://papers.example.org/search?q=RAG+%26+tools&from=2026-06-29&until=2026-07-05");
    }
}
