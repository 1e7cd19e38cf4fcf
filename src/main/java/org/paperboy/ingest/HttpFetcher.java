package org.paperboy.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * GETs a URL with the network policy every source follows: a timeout on each request, a bounded
 * number of retries, jittered exponential back-off after a 5xx or an I/O error, and the server's
 * {@code Retry-After} honoured (capped) on 503 and 429. A 4xx fails at once; nothing loops forever.
 */
final class HttpFetcher {

    /** Waits between attempts; tests pass one that records the wait instead of sleeping. */
    @FunctionalInterface
    interface Sleeper {
        Sleeper REAL = d -> Thread.sleep(d.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * How patient to be: {@code retries} after the first attempt, back-off from {@code backoffBase}
     * doubling up to {@code backoffCap}, a {@code Retry-After} capped at {@code retryAfterCap}.
     */
    record Policy(
            int retries, Duration backoffBase, Duration backoffCap, Duration retryAfterCap, Duration requestTimeout) {
        static final Policy DEFAULT = new Policy(
                5, Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(300), Duration.ofSeconds(60));

        Policy {
            if (retries < 0) {
                throw new IllegalArgumentException("retries must be >= 0, got " + retries);
            }
        }
    }

    /**
     * A GET that did not succeed: {@code status} is the last HTTP status, or 0 when no server
     * answered (connection refused, timeout, reset).
     */
    static final class FetchFailed extends Exception {
        private final int status;
        private final boolean invalidAnswer;

        FetchFailed(String message, int status, Throwable cause) {
            this(message, status, cause, false);
        }

        FetchFailed(String message, int status, Throwable cause, boolean invalidAnswer) {
            super(message, cause);
            this.status = status;
            this.invalidAnswer = invalidAnswer;
        }

        /** The server answered, but not with something usable (e.g. a body over the size limit). */
        boolean invalidAnswer() {
            return invalidAnswer;
        }

        int status() {
            return status;
        }

        boolean unreachable() {
            return status == 0 && !invalidAnswer;
        }
    }

    private static final String USER_AGENT = "paperboy/0.1 (self-hosted daily papers; OAI-PMH and arXiv API client)";

    private final HttpClient http;
    private final Policy policy;
    private final Sleeper sleeper;
    private final Clock clock;

    HttpFetcher(HttpClient http, Policy policy, Sleeper sleeper, Clock clock) {
        this.http = http;
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** This fetcher with another policy, the same client, sleeper and clock. */
    HttpFetcher withPolicy(Policy other) {
        return new HttpFetcher(http, other, sleeper, clock);
    }

    /** Largest body {@link #get(URI)} reads: a page of OAI-PMH records is a few megabytes. */
    static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    /** The body of a successful answer, at most {@link #DEFAULT_MAX_BYTES}. */
    byte[] get(URI uri) throws FetchFailed {
        return get(uri, DEFAULT_MAX_BYTES);
    }

    /**
     * The body of a successful (2xx) answer to {@code GET uri}, read as it streams in and refused
     * (an invalid answer, not retried) once it passes {@code maxBytes}.
     *
     * @throws FetchFailed naming the URL and the last status or I/O error once the retries are spent,
     *     at once for a 4xx other than 429 or a body over {@code maxBytes}, or when interrupted
     */
    byte[] get(URI uri, long maxBytes) throws FetchFailed {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(policy.requestTimeout())
                .header("User-Agent", USER_AGENT)
                .GET()
                .build();
        int attempts = policy.retries() + 1;
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            String problem;
            int status = 0;
            IOException ioError = null;
            try {
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                status = response.statusCode();
                byte[] body;
                try (InputStream in = response.body()) {
                    body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                }
                if (body.length > maxBytes) {
                    throw new FetchFailed(
                            "GET " + uri + " sent an invalid answer: more than " + maxBytes / (1024 * 1024) + " MB ("
                                    + maxBytes + " bytes); it was not read further",
                            0,
                            null,
                            true);
                }
                if (status >= 200 && status < 300) {
                    return body;
                }
                problem = "HTTP " + status + snippet(body);
                if (status == 503 || status == 429) {
                    wait = retryAfter(response).orElse(null);
                } else if (status >= 500) {
                    wait = null;
                } else {
                    throw new FetchFailed("GET " + uri + " answered " + problem, status, null);
                }
            } catch (IOException e) {
                ioError = e;
                problem = describe(e);
                wait = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FetchFailed("GET " + uri + " was interrupted", 0, e);
            }
            if (attempt >= attempts) {
                String what = status == 0 ? "failed:" : "answered";
                throw new FetchFailed(
                        "GET " + uri + " " + what + " " + problem + " (" + attempts + " attempt"
                                + (attempts == 1 ? "" : "s") + ")",
                        status,
                        ioError);
            }
            if (wait == null) {
                wait = backoff(attempt);
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FetchFailed(
                        "GET " + uri + " was interrupted while waiting to retry after " + problem, status, e);
            }
        }
    }

    /** Waits {@code duration} with the fetcher's sleeper, e.g. to space requests as a server asks. */
    void pause(Duration duration) throws InterruptedException {
        sleeper.sleep(duration);
    }

    /**
     * Exponential back-off with "equal jitter": half the doubled delay fixed, half random, so that
     * clients failing together do not retry together.
     */
    Duration backoff(int attempt) {
        long base = policy.backoffBase().toMillis();
        long cap = policy.backoffCap().toMillis();
        long delay = base;
        for (int i = 1; i < attempt && delay < cap; i++) {
            delay *= 2;
        }
        delay = Math.min(delay, cap);
        long half = delay / 2;
        return Duration.ofMillis(half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0));
    }

    /** The wait a {@code Retry-After} header asks for (delta seconds or an HTTP date), capped. */
    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After").map(String::strip);
        if (header.isEmpty() || header.get().isEmpty()) {
            return Optional.empty();
        }
        String value = header.get();
        Duration wait;
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                wait = Duration.ofSeconds(Long.parseLong(value));
            } catch (NumberFormatException e) {
                wait = policy.retryAfterCap();
            }
        } else {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                wait = Duration.between(clock.instant(), at.toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        if (wait.isNegative()) {
            return Optional.of(Duration.ZERO);
        }
        return Optional.of(wait.compareTo(policy.retryAfterCap()) > 0 ? policy.retryAfterCap() : wait);
    }

    /** A short, one-line excerpt of an error body, for the message. */
    private static String snippet(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, 400), StandardCharsets.UTF_8)
                .replaceAll("<[^>]*>", " ")
                .replaceAll("\\s+", " ")
                .strip();
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > 160 ? text.substring(0, 157) + "..." : text);
    }

    /** The innermost useful message of an I/O error; {@code ConnectException} often has none itself. */
    static String describe(Throwable e) {
        Throwable t = e;
        String message = null;
        while (t != null) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getClass().getSimpleName() + ": " + t.getMessage();
            }
            if (t.getCause() == t) {
                break;
            }
            t = t.getCause();
        }
        if (message != null) {
            return message;
        }
        // The JDK client's ConnectException carries no text; it means nothing accepted the connection.
        for (t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "ConnectException: connection refused";
            }
        }
        return e.getClass().getSimpleName();
    }
}
