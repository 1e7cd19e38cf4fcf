package org.paperboy.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One visitor of a {@link TestSite} over real HTTP: keeps its cookies, does not follow redirects
 * (tests assert the 303 and its Location), and adds the CSRF token from its cookie to forms.
 */
final class TestBrowser {

    private final URI base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    TestBrowser(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(base.resolve(path)).headers(headers).GET());
    }

    /** POSTs a form with this visitor's CSRF token added (unless the form sets {@code _csrf}). */
    HttpResponse<String> postForm(String path, Map<String, String> fields, String... headers) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.putIfAbsent(WebServer.CSRF_FIELD, csrf());
        String body = all.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b);
    }

    /** POSTs JSON with the given extra headers (name, value, name, value...). */
    HttpResponse<String> postJson(String path, String json, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b);
    }

    /** POSTs {@code multipart/form-data}: the fields (with this visitor's CSRF token) and one file. */
    HttpResponse<String> postMultipart(
            String path, Map<String, String> fields, String fileField, String fileName, String content) {
        String boundary = "pbtestboundary" + System.nanoTime();
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.putIfAbsent(WebServer.CSRF_FIELD, csrf());
        StringBuilder body = new StringBuilder();
        all.forEach((k, v) -> body.append("--")
                .append(boundary)
                .append("\r\n")
                .append("Content-Disposition: form-data; name=\"")
                .append(k)
                .append("\"\r\n\r\n")
                .append(v)
                .append("\r\n"));
        body.append("--")
                .append(boundary)
                .append("\r\n")
                .append("Content-Disposition: form-data; name=\"")
                .append(fileField)
                .append("\"; filename=\"")
                .append(fileName)
                .append("\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .append(content)
                .append("\r\n--")
                .append(boundary)
                .append("--\r\n");
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
    }

    /** This visitor's CSRF token; visits {@code /health} first when it has none yet. */
    String csrf() {
        String token = cookie(WebServer.CSRF_COOKIE);
        if (token == null) {
            get("/health");
            token = cookie(WebServer.CSRF_COOKIE);
        }
        return token;
    }

    /** The value of cookie {@code name}, or {@code null}. */
    String cookie(String name) {
        return cookies.getCookieStore().get(base).stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    /** The raw cookie object, to check its flags. */
    HttpCookie rawCookie(String name) {
        return cookies.getCookieStore().get(base).stream()
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .orElse(null);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
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
}
