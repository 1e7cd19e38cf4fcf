package org.paperboy.sources;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * GETs an upstream's JSON with limits a misbehaving server cannot get around: one deadline for
 * the whole answer (headers and body, so a server that goes silent mid-body is given up on), a
 * cap on the body's size (read no further than the cap), and no retries inside a run: a failure
 * ends the run and the scheduler tries again later, after the {@code Retry-After} the server
 * asked for when it gave one.
 */
public final class UpstreamClient {

    /** Body cap: a day of Hugging Face daily papers is well under 1 MB. */
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);

    private static final String USER_AGENT = "paperboy/0.1 (self-hosted daily papers; scheduled sources)";

    private final HttpClient http;
    private final Duration deadline;
    private final long maxBytes;
    private final Clock clock;

    public UpstreamClient(HttpClient http, Duration deadline, long maxBytes, Clock clock) {
        this.http = http;
        this.deadline = deadline;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /**
     * The body of a 2xx answer to {@code GET uri}.
     *
     * @throws SourceFailure naming the URL and what went wrong, with the server's {@code
     *     Retry-After} when it sent one
     */
    public byte[] get(URI uri) throws SourceFailure {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(deadline)
                .header("User-Agent", USER_AGENT)
                .header("Accept", "application/json")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(
                request,
                info -> new CappedBody(
                        maxBytes,
                        info.headers().firstValueAsLong("Content-Length").orElse(-1)));
        HttpResponse<byte[]> response;
        try {
            response = answer.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new SourceFailure(
                    "GET " + uri + " gave no complete answer within " + deadline.toSeconds() + " s", null, e);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new SourceFailure("GET " + uri + " was interrupted", null, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) {
                throw new SourceFailure(
                        "GET " + uri + " gave no complete answer within " + deadline.toSeconds() + " s", null, cause);
            }
            if (cause instanceof TooLarge) {
                throw new SourceFailure(
                        "GET " + uri + " answered with a body over " + maxBytes / (1024 * 1024)
                                + " MB; nothing from it " + "was stored",
                        null,
                        cause);
            }
            throw new SourceFailure("GET " + uri + " failed: " + describe(cause), null, cause);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        Duration wait = status == 429 || status == 503 ? retryAfter(response) : null;
        throw new SourceFailure("GET " + uri + " answered HTTP " + status + snippet(response.body()), wait, null);
    }

    /** Collects a body up to {@code max} bytes and fails, without reading further, past it. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long max;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        CappedBody(long max, long contentLength) {
            this.max = max;
            if (contentLength > max) {
                result.completeExceptionally(new TooLarge());
            }
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (result.isDone()) {
                s.cancel();
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : buffers) {
                if (out.size() + (long) b.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("body too large");
        }
    }

    /** The wait a {@code Retry-After} header asks for (delta seconds or an HTTP date), or {@code null}. */
    private Duration retryAfter(HttpResponse<?> response) {
        String value =
                response.headers().firstValue("Retry-After").map(String::strip).orElse("");
        if (value.isEmpty()) {
            return null;
        }
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(value));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try {
            Duration d = Duration.between(
                    clock.instant(),
                    ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant());
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A short one-line excerpt of an error body. */
    static String snippet(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, 400), StandardCharsets.UTF_8)
                .replaceAll("<[^>]*>", " ")
                .replaceAll("\\s+", " ")
                .strip();
        return text.isEmpty() ? "" : ": " + (text.length() > 120 ? text.substring(0, 117) + "..." : text);
    }

    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }
}
