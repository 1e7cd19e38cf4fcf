package org.paperboy.web;

import java.util.List;
import org.paperboy.ingest.ArxivApiException;
import org.paperboy.ingest.PaperSubmitter;
import org.paperboy.ingest.PaperSubmitter.Submitted;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.InvalidRecordException;
import org.paperboy.store.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submitting a paper by arXiv id or URL, the same for the {@code /submit} form and
 * {@code POST /api/papers/index}: the input is checked before arXiv is asked, attempts are
 * limited per account and per address, every failure becomes an {@link HttpError} with a message
 * for people (400 bad id, 403 hidden paper, 404 unknown at arXiv, 429 too many, 502 arXiv
 * failed), and a stored paper is announced to the feed and the indexer. Thread-safe.
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
     * Fetches and stores the paper {@code input} for {@code user} calling from address {@code ip}.
     *
     * @throws HttpError for every reason the paper was not stored; nothing is stored then
     */
    Submitted submit(User user, String ip, String input) {
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
                    "arXiv could not be asked about " + id + " (it is unreachable or busy); nothing was stored, "
                            + "try again in a few minutes",
                    List.of(),
                    null);
        } catch (InvalidRecordException e) {
            throw HttpError.badField(FIELD, given, reason(e));
        }
        site.feed().invalidate();
        site.indexing().changed();
        return submitted;
    }

    /** The parser's reason without its "id: " prefix: the form names the field itself. */
    private static String reason(InvalidRecordException e) {
        String m = e.getMessage();
        return m.startsWith("id: ") ? m.substring(4) : m;
    }
}
