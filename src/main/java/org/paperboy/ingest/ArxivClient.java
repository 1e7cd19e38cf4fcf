package org.paperboy.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.InvalidRecordException;
import org.paperboy.paper.Paper;

/**
 * Looks papers up by id in the arXiv API (Atom 1.0), at most 100 ids per request and requests
 * three seconds apart, as arXiv's API terms ask. Every requested id ends up found, missing, or
 * explained in an error; a failure to reach the API fails the whole call with nothing partial.
 */
public final class ArxivClient {

    /** Ids per request; arXiv's API manual asks for slices of at most a few hundred results. */
    static final int BATCH_SIZE = 100;
    /** Largest answer read: 100 entries of a few kilobytes each are well under a megabyte. */
    static final long MAX_ANSWER_BYTES = 16L * 1024 * 1024;
    // arXiv API terms of use: no more than one request every three seconds.
    static final Duration PAUSE = Duration.ofSeconds(3);

    /**
     * What the API said about the requested ids: the papers it returned, the ids it returned no
     * entry for, and one line per entry that could not become a paper (an API error, a bad field).
     */
    public record Result(List<Paper> found, List<String> missing, List<String> errors) {
        public Result {
            found = List.copyOf(found);
            missing = List.copyOf(missing);
            errors = List.copyOf(errors);
        }
    }

    private final HttpFetcher fetcher;
    private final String apiBase;

    /** A client of the API at {@code apiBase}, e.g. {@code http://export.arxiv.org/api}. */
    public ArxivClient(HttpClient http, URI apiBase) {
        this(new HttpFetcher(http, HttpFetcher.Policy.DEFAULT, HttpFetcher.Sleeper.REAL, Clock.systemUTC()), apiBase);
    }

    ArxivClient(HttpFetcher fetcher, URI apiBase) {
        this.fetcher = fetcher;
        String base = apiBase.toString();
        this.apiBase = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /**
     * Fetches {@code ids} (duplicates asked once). An id without a version matches any version;
     * one with a version matches only that version.
     *
     * @throws ArxivApiException naming the API URL when it cannot be reached, answers an HTTP
     *     error after the retries, or sends something that is not an Atom feed
     */
    public Result fetch(List<ArxivId> ids) throws ArxivApiException {
        List<ArxivId> wanted = List.copyOf(new LinkedHashSet<>(ids));
        List<Paper> found = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<ArxivId> answered = new ArrayList<>();
        for (int start = 0; start < wanted.size(); start += BATCH_SIZE) {
            if (start > 0) {
                pause();
            }
            List<ArxivId> batch = wanted.subList(start, Math.min(start + BATCH_SIZE, wanted.size()));
            URI uri = queryUri(batch);
            readFeed(uri, get(uri), found, errors, answered);
        }
        List<String> missing = new ArrayList<>();
        for (ArxivId id : wanted) {
            if (answered.stream()
                    .noneMatch(a -> a.id().equals(id.id()) && (id.version() == 0 || id.version() == a.version()))) {
                missing.add(id.toString());
            }
        }
        return new Result(found, missing, errors);
    }

    /** This client with another network policy, e.g. a shorter one while a person waits on a page. */
    ArxivClient withPolicy(HttpFetcher.Policy policy) {
        return new ArxivClient(fetcher.withPolicy(policy), URI.create(apiBase));
    }

    URI queryUri(List<ArxivId> batch) {
        StringBuilder list = new StringBuilder();
        for (ArxivId id : batch) {
            // Parsed ids contain only letters, digits, '.', '-' and '/', all safe in a query.
            list.append(list.isEmpty() ? "" : ",").append(id);
        }
        return URI.create(apiBase + "/query?id_list=" + list + "&max_results=" + batch.size());
    }

    private byte[] get(URI uri) throws ArxivApiException {
        try {
            return fetcher.get(uri, MAX_ANSWER_BYTES);
        } catch (HttpFetcher.FetchFailed e) {
            String what =
                    e.invalidAnswer() ? " sent an invalid answer: " : e.unreachable() ? " unreachable: " : " failed: ";
            throw new ArxivApiException("arXiv API at " + apiBase + what + e.getMessage(), e, e.invalidAnswer());
        }
    }

    private void pause() throws ArxivApiException {
        try {
            fetcher.pause(PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArxivApiException("arXiv API lookup at " + apiBase + " was interrupted", e);
        }
    }

    private static void readFeed(URI uri, byte[] body, List<Paper> found, List<String> errors, List<ArxivId> answered)
            throws ArxivApiException {
        try (XmlRecordReader reader = new XmlRecordReader(new ByteArrayInputStream(body), "entry")) {
            RawRecord r;
            while ((r = reader.next()) != null) {
                if (r.problem() != null) {
                    throw new ArxivApiException(uri + ": invalid answer: " + r.problem(), null, true);
                }
                XmlElement entry = (XmlElement) r.parsed();
                String rawId = entry.childText("id");
                ArxivId entryId = ArxivId.isValid(rawId) ? ArxivId.parse(rawId) : null;
                if (entryId != null) {
                    answered.add(entryId);
                }
                String label = entryId != null
                        ? entryId.toString()
                        : rawId != null && !rawId.isBlank() ? rawId.strip() : "entry at line " + r.line();
                try {
                    found.add(ImportFormat.ATOM.map(entry));
                } catch (InvalidRecordException e) {
                    errors.add(label + ": " + e.getMessage());
                } catch (RuntimeException e) {
                    errors.add(label + ": could not map the entry: " + e);
                }
            }
            if (!"feed".equals(reader.rootName())) {
                throw new ArxivApiException(
                        uri + ": invalid answer: not an Atom feed (document element <" + reader.rootName()
                                + ">); check the API URL",
                        null,
                        true);
            }
        } catch (IOException e) {
            throw new ArxivApiException(uri + ": invalid answer: cannot read it: " + e.getMessage(), e, true);
        }
    }
}
