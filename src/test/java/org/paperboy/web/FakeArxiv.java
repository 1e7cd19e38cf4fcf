package org.paperboy.web;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for the arXiv API on a loopback port: answers {@code /api/query?id_list=...}
 * with an Atom feed holding the entries it was given for those ids (none for unknown ids), or
 * with an HTTP error while {@link #failWith} is set. Records the id lists asked for.
 */
public final class FakeArxiv implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> entries = new ConcurrentHashMap<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private volatile int failWith;
    private volatile String answer;
    private volatile long padding;

    public FakeArxiv() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/query", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String ids = "";
            for (String part : query == null ? new String[0] : query.split("&")) {
                if (part.startsWith("id_list=")) {
                    ids = URLDecoder.decode(part.substring(8), StandardCharsets.UTF_8);
                }
            }
            asked.add(ids);
            String instead = answer;
            if (instead != null) {
                // Streamed in 64 KB chunks, so the fake never holds a big answer in memory either.
                exchange.getResponseHeaders().add("Content-Type", "application/atom+xml; charset=utf-8");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(instead.getBytes(StandardCharsets.UTF_8));
                    byte[] spaces = new byte[64 * 1024];
                    java.util.Arrays.fill(spaces, (byte) ' ');
                    for (long sent = 0; sent < padding; sent += spaces.length) {
                        out.write(spaces);
                    }
                } catch (IOException e) {
                    // the client stopped reading: what a capped reader does
                }
                return;
            }
            int status = failWith == 0 ? 200 : failWith;
            StringBuilder body = new StringBuilder();
            if (status == 200) {
                body.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                        .append("<feed xmlns=\"http://www.w3.org/2005/Atom\" ")
                        .append("xmlns:arxiv=\"http://arxiv.org/schemas/atom\">\n")
                        .append("<title>ArXiv Query</title><id>http://arxiv.org/api/x</id>")
                        .append("<updated>2026-07-02T00:00:00Z</updated>\n");
                for (String id : ids.split(",")) {
                    String entry = entries.get(id.replaceFirst("v\\d+$", ""));
                    if (entry != null) {
                        body.append(entry).append('\n');
                    }
                }
                body.append("</feed>\n");
            } else {
                body.append("unavailable");
            }
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/atom+xml; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    /** The API base to configure, e.g. {@code http://127.0.0.1:PORT/api}. */
    public URI api() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api");
    }

    /** Makes arXiv know paper {@code id} (version 1, published 2026-06-30) by title and abstract. */
    public FakeArxiv knows(String id, String title, String summary) {
        entries.put(id, """
                <entry>
                  <id>http://arxiv.org/abs/%1$sv1</id>
                  <updated>2026-06-30T10:00:00Z</updated>
                  <published>2026-06-30T10:00:00Z</published>
                  <title>%2$s</title>
                  <summary>%3$s</summary>
                  <author><name>Grace Hopper</name></author>
                  <link href="http://arxiv.org/abs/%1$sv1" rel="alternate" type="text/html"/>
                  <link title="pdf" href="http://arxiv.org/pdf/%1$sv1" rel="related" type="application/pdf"/>
                  <arxiv:primary_category term="cs.IR" scheme="http://arxiv.org/schemas/atom"/>
                </entry>""".formatted(id, title, summary));
        return this;
    }

    /** Answers every request with 200 and {@code body} followed by {@code padding} spaces (null: normally again). */
    void answerWith(String body, long padding) {
        this.padding = padding;
        this.answer = body;
    }

    /** Answers every request with {@code status} (0: answer normally again). */
    void failWith(int status) {
        this.failWith = status;
    }

    /** The id lists asked for, oldest first. */
    public List<String> asked() {
        return List.copyOf(asked);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
