package org.paperboy.web;

import java.util.List;
import java.util.Optional;
import org.paperboy.ingest.ArxivApiException;
import org.paperboy.ingest.PaperSubmitter;
import org.paperboy.ingest.PaperSubmitter.Submitted;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.InvalidRecordException;
import org.paperboy.paper.Paper;
import org.paperboy.store.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submitting a paper by arXiv id or URL, the same for the {@code /submit} form and
 * {@code POST /api/papers/index}: the input is checked before arXiv is asked, attempts are
 * limited per account and per address, every failure becomes an {@link HttpError} with a message
 * for people (400 bad id, 403 hidden paper, 404 unknown at arXiv, 429 too many, 502 arXiv
 * failed), and a stored paper is announced to the feed and the indexer. A paper already stored
 * (in the version asked for, or any when none is given) is answered at once, without asking arXiv.
 * Thread-safe.
 */
final class Submissions {

    /** The form field and the JSON property holding the id or URL. */
    static final String FIELD = "arxivId";

    private static final Logger LOG = LoggerFactory.getLogger(Submissions.class);

    private final Site site;
    // Each attempt costs a request to arXiv, whose API terms ask for one request every three seconds.
    private final RateLimiter perAccount;
    private final RateLimiter perIp;

    Submissions(Site site) {
        this.site = site;
        this.perAccount = new RateLimiter(RateLimiter.Limit.SUBMISSIONS_PER_ACCOUNT, site.clock());
        this.perIp = new RateLimiter(RateLimiter.Limit.SUBMISSIONS_PER_IP, site.clock());
    }

    /**
     * What a submission did: the paper's id, whether it was new to the store, and whether it was
     * already listed (then arXiv was not asked and nothing changed).
     */
    record Outcome(String id, boolean added, boolean alreadyListed) {
        static Outcome of(Submitted s) {
            return new Outcome(s.id(), s.added(), false);
        }
    }

    /**
     * Fetches and stores the paper {@code input} for {@code user} calling from address {@code ip},
     * unless it is already stored.
     *
     * @throws HttpError for every reason the paper was not stored; nothing is stored then
     */
    Outcome submit(User user, String ip, String input) {
        String given = input == null ? "" : input.strip();
        if (given.isEmpty()) {
            throw HttpError.badField(FIELD, given, "give an arXiv id or URL, e.g. 2607.01234");
        }
        ArxivId id;
        try {
            id = ArxivId.parse(given);
        } catch (InvalidRecordException e) {
            throw HttpError.badField(FIELD, given, reason(e));
        }
        if (site.feedStore().hidden(id.id()).orElse(false)) {
            throw HttpError.forbidden("paper " + id.id() + " was removed by this site's moderators");
        }
        Optional<Paper> stored = site.papers().find(id.id());
        if (stored.isPresent()
                && (id.version() == 0 || id.version() <= stored.get().version())) {
            // Issue 15: asking arXiv again for a paper we hold only costs its rate limit (and fails offline).
            return new Outcome(id.id(), false, true);
        }
        perAccount.check(Long.toString(user.id()));
        perIp.check(ip);
        Submitted submitted;
        try {
            submitted = site.submitter().submit(given);
        } catch (PaperSubmitter.UnknownPaperException e) {
            throw HttpError.notFound(e.getMessage());
        } catch (ArxivApiException e) {
            LOG.warn("submission of {} failed: {}", id, e.getMessage());
            throw new HttpError(
                    502,
                    "Bad Gateway",
                    e.invalidAnswer()
                            ? "arXiv sent an invalid answer about " + id + "; nothing was stored, try again later"
                            : "arXiv could not be asked about " + id + " (it is unreachable or busy); nothing was "
                                    + "stored, try again in a few minutes",
                    List.of(),
                    null);
        } catch (InvalidRecordException e) {
            throw HttpError.badField(FIELD, given, reason(e));
        }
        site.submissionLog().record(submitted.id(), user.id(), submitted.added());
        site.feed().invalidate();
        site.indexing().changed();
        return Outcome.of(submitted);
    }

    /** The parser's reason without its "id: " prefix: the form names the field itself. */
    private static String reason(InvalidRecordException e) {
        String m = e.getMessage();
        return m.startsWith("id: ") ? m.substring(4) : m;
    }
}
