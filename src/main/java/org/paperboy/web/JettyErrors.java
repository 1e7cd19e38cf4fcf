package org.paperboy.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty gives by itself, before any route runs (a request line it cannot parse: 400,
 * a URI too long: 414, headers too large: 431): with the site's security headers, as problem
 * JSON under {@code /api} (or when the path is unreadable and the client accepts JSON) and as a
 * small HTML page elsewhere, never Jetty's own page.
 */
final class JettyErrors extends ErrorHandler {

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback)
            throws IOException {
        String title = HttpStatus.getMessage(code);
        String detail = detail(code);
        var headers = response.getHeaders();
        headers.put("Content-Security-Policy", WebServer.CSP);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "same-origin");
        headers.put("X-Frame-Options", "DENY");
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        String body;
        if (wantsJson(request)) {
            headers.put(HttpHeader.CONTENT_TYPE, "application/problem+json");
            body = WebServer.problem(new HttpError(code, title, detail, java.util.List.of(), null))
                    .toString();
        } else {
            headers.put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
            body = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + code + " " + title
                    + " · Paperboy</title><link rel=\"stylesheet\" href=\"/static/site.css\"></head><body><main>"
                    + "<h1>" + title + "</h1><p>" + detail + "</p><p><a href=\"/\">Go to the front page</a></p>"
                    + "</main></body></html>\n";
        }
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    /** Our sentence for what went wrong (Jetty's message may echo the request, so it is not shown). */
    private static String detail(int code) {
        return switch (code) {
            case 400 -> "the request could not be read (a malformed request line, URI or header)";
            case 414 -> "the address is too long";
            case 431 -> "the request headers are too large";
            case 413 -> "the request body is too large";
            default -> "the request could not be answered";
        };
    }

    private static boolean wantsJson(Request request) {
        HttpURI uri = request.getHttpURI();
        String path = uri == null ? null : uri.getPath();
        if (path != null && !path.equals("/badMessage")) {
            return path.startsWith("/api/") || path.equals("/metrics") || path.equals("/health");
        }
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        return accept != null && accept.contains("json") && !accept.contains("text/html");
    }
}
