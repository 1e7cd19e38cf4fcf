package org.paperboy.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Paper;
import org.paperboy.store.Database;
import org.paperboy.store.PaperRepository;
import org.paperboy.store.StoreException;

/**
 * Adds one paper to today's feed by its arXiv id or URL, fetched through the arXiv API. A new
 * paper is listed today (UTC); a known one is merged with what arXiv says ({@link Paper#merge}
 * keeps its first listed day) and written only when that changed something. The paper is
 * stored in one transaction after arXiv has answered, so a failure stores nothing.
 */
public final class PaperSubmitter {

    /**
     * A person waits on the page: one quick retry instead of the minutes of back-off a harvest
     * may spend, and a {@code Retry-After} from arXiv capped at two seconds.
     */
    static final HttpFetcher.Policy INTERACTIVE = new HttpFetcher.Policy(
            1, Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(15));

    /** The result of a submission: the paper's canonical id and whether it was new to the store. */
    public record Submitted(String id, boolean added) {}

    /** arXiv answered but has no paper with the id (or not the version) asked for. */
    public static final class UnknownPaperException extends Exception {
        private final String id;

        public UnknownPaperException(String id) {
            super("arXiv has no paper " + id);
            this.id = id;
        }

        /** The id as asked for, with its version when one was given. */
        public String id() {
            return id;
        }
    }

    private final ArxivClient client;
    private final Database db;
    private final PaperRepository papers;
    private final Clock clock;

    public PaperSubmitter(ArxivClient client, Database db, PaperRepository papers, Clock clock) {
        this.client = client.withPolicy(INTERACTIVE);
        this.db = db;
        this.papers = papers;
        this.clock = clock;
    }

    /**
     * Fetches and stores the paper {@code idOrUrl} (an id, {@code arXiv:} id, abs or pdf URL, with
     * or without a version).
     *
     * @throws org.paperboy.paper.InvalidRecordException when {@code idOrUrl} is not an arXiv id or
     *     URL; arXiv is not asked
     * @throws UnknownPaperException when arXiv answers without the paper
     * @throws ArxivApiException when arXiv is unreachable, answers an error, or sends a record of
     *     the paper that cannot be read
     */
    public Submitted submit(String idOrUrl) throws ArxivApiException, UnknownPaperException {
        ArxivId asked = ArxivId.parse(idOrUrl);
        ArxivClient.Result result = client.fetch(List.of(asked));
        Paper fetched = result.found().stream()
                .filter(p -> p.id().equals(asked.id()) && (asked.version() == 0 || p.version() == asked.version()))
                .findFirst()
                .orElse(null);
        if (fetched == null) {
            // arXiv answers an id it refuses with an error entry instead of an empty feed.
            boolean refused = result.errors().stream().anyMatch(e -> e.contains("arXiv API error"));
            if (!refused && !result.errors().isEmpty()) {
                throw new ArxivApiException(
                        "arXiv's record of " + asked + " cannot be read: "
                                + result.errors().get(0),
                        null,
                        true);
            }
            throw new UnknownPaperException(asked.toString());
        }
        Paper incoming = fetched.toBuilder().listedOn(LocalDate.now(clock)).build();
        try {
            return store(incoming);
        } catch (StoreException e) {
            // Two people submitting the same new paper at once: the second insert fails on the
            // primary key, and storing again merges into the paper the first one stored.
            return store(incoming);
        }
    }

    private Submitted store(Paper incoming) {
        return db.transaction(tx -> {
            Paper stored = papers.findAll(tx, List.of(incoming.id())).get(incoming.id());
            if (stored == null) {
                papers.insertAll(tx, List.of(incoming));
                return new Submitted(incoming.id(), true);
            }
            Paper merged = stored.merge(incoming);
            if (!merged.equals(stored)) {
                papers.updateAll(tx, List.of(merged));
            }
            return new Submitted(incoming.id(), false);
        });
    }
}
