package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;

/** Accounts and papers for web tests: a visitor signed in over HTTP without a mail round trip. */
final class TestAccounts {

    static final LocalDate DAY = LocalDate.of(2026, 7, 1);

    private TestAccounts() {}

    /**
     * A new browser signed in as {@code email}: the sign-in token is made in the store (so tests
     * do not spend the sign-in rate limit) and redeemed through {@code POST /login/confirm}.
     */
    static TestBrowser signedIn(TestSite site, String email) {
        TestBrowser b = site.browser();
        String token = site.site.loginTokens().create(email, "/", Duration.ofMinutes(15));
        HttpResponse<String> r = b.postForm("/login/confirm", Map.of("token", token));
        assertThat(r.statusCode()).isEqualTo(303);
        return b;
    }

    /**
     * POSTs a form as a new visitor, carrying the CSRF cookie and field by hand: on a site whose
     * public address is HTTPS the cookies are Secure, and {@link TestBrowser} (plain HTTP) keeps none.
     */
    static HttpResponse<String> postFormByHand(TestSite site, String path, Map<String, String> form) {
        HttpClient http = HttpClient.newHttpClient();
        try {
            HttpResponse<String> first = http.send(
                    HttpRequest.newBuilder(site.base.resolve("/login")).build(), BodyHandlers.ofString());
            String csrf = first.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith(WebServer.CSRF_COOKIE + "="))
                    .map(c -> c.substring(WebServer.CSRF_COOKIE.length() + 1, c.indexOf(';')))
                    .findFirst()
                    .orElseThrow();
            Map<String, String> all = new LinkedHashMap<>(form);
            all.put(WebServer.CSRF_FIELD, csrf);
            String body = all.entrySet().stream()
                    .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                    .collect(Collectors.joining("&"));
            return http.send(
                    HttpRequest.newBuilder(site.base.resolve(path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Cookie", WebServer.CSRF_COOKIE + "=" + csrf)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A paper listed on {@link #DAY} with {@code upvotes} imported upvotes. */
    static Paper paper(String id, String title, int upvotes) {
        return Paper.builder(id)
                .title(title)
                .abstractText("We study " + title.toLowerCase(java.util.Locale.ROOT) + ".")
                .authors(List.of(new Author("Ada Lovelace")))
                .categories(List.of("cs.IR"))
                .published(DAY)
                .listedOn(DAY)
                .upvotes(upvotes)
                .build();
    }

    /** Three papers: two new-style ids and one old-style id with a slash. */
    static List<Paper> papers() {
        return List.of(
                paper("2607.00001", "Sparse retrieval", 5),
                paper("2607.00002", "Dense retrieval", 0),
                paper("hep-th/9901001", "Strings on branes", 2));
    }
}
