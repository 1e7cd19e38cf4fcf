package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebServerIT {

    @TempDir
    Path dir;

    TestSite site;

    @BeforeEach
    void start() {
        site = TestSite.builder(dir).start();
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void answers_an_unknown_api_path_with_problem_json() {
        HttpResponse<String> r = site.browser().get("/api/nothing/here");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.body())
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                        + "\"detail\":\"there is no page at /api/nothing/here\"}");
    }

    @Test
    void answers_an_unknown_page_with_an_html_error_page() {
        HttpResponse<String> r = site.browser().get("/no/such/page");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
        assertThat(r.body()).contains("<h1>404 · Not Found</h1>", "<p>there is no page at /no/such/page</p>");
    }

    @Test
    void answers_a_browser_asking_for_html_with_the_error_page_too() {
        HttpResponse<String> r = site.browser().get("/no/such/page", "Accept", "text/html,application/xhtml+xml");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("<h1>404 · Not Found</h1>").doesNotContain("Endpoint GET");
    }

    @Test
    void sends_security_headers_and_an_http_only_same_site_csrf_cookie() {
        TestBrowser b = site.browser();
        HttpResponse<String> r = b.get("/health");
        assertThat(r.headers().firstValue("Content-Security-Policy"))
                .hasValue(WebServer.CSP.replace("img-src 'self' data:", "img-src 'self' data: https:"));
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie)
                .startsWith("pb_csrf=")
                .contains("HttpOnly", "SameSite=Lax")
                .doesNotContain("Secure");
        assertThat(b.csrf()).hasSize(43);
    }

    @Test
    void refuses_a_form_post_without_the_csrf_token() {
        HttpResponse<String> r = site.browser().postForm("/logout", Map.of("_csrf", "forged"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("CSRF token missing or wrong");
        // The check runs once a route matched: an unknown path is a 404 whatever the token.
        assertThat(site.browser()
                        .postForm("/anything", Map.of("_csrf", "forged"))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void serves_the_stylesheet_from_the_jar() {
        HttpResponse<String> r = site.browser().get("/static/site.css");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
    }
}
