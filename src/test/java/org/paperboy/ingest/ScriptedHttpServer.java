package org.paperboy.ingest;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A real HTTP server on a loopback port for network tests: answers every GET with what the
 * current script returns for the raw query string, and records the raw queries in order.
 */
final class ScriptedHttpServer implements AutoCloseable {

    /** One scripted answer. */
    record Reply(int status, Map<String, String> headers, String body) {
        static Reply ok(String body) {
            return new Reply(200, Map.of("Content-Type", "text/xml; charset=utf-8"), body);
        }

        static Reply status(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "text/plain; charset=utf-8"), body);
        }

        static Reply status(int status, String body, String header, String value) {
            return new Reply(status, Map.of("Content-Type", "text/plain; charset=utf-8", header, value), body);
        }
    }

    private final HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private volatile Function<String, Reply> script;

    private ScriptedHttpServer(Function<String, Reply> script) throws IOException {
        this.script = script;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            queries.add(exchange.getRequestURI().getPath() + "?" + query);
            Reply reply = this.script.apply(query);
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    static ScriptedHttpServer start(Function<String, Reply> script) throws IOException {
        return new ScriptedHttpServer(script);
    }

    /** Replaces the script, e.g. to bring a failing server back. */
    void script(Function<String, Reply> next) {
        this.script = next;
    }

    URI uri(String path) {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort() + path);
    }

    /** The requests seen so far as {@code path?rawQuery}, oldest first. */
    List<String> requests() {
        return List.copyOf(queries);
    }

    void forget() {
        queries.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
