package org.paperboy.web;

import java.time.Clock;
import java.util.function.Function;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.digest.DigestPreviewer;
import org.paperboy.digest.SubscriptionService;
import org.paperboy.feed.Feed;
import org.paperboy.ingest.PaperSubmitter;
import org.paperboy.mail.Mailer;
import org.paperboy.recommend.ForYou;
import org.paperboy.search.Indexing;
import org.paperboy.search.PaperIndex;
import org.paperboy.search.Searcher;
import org.paperboy.sources.SourceScheduler;
import org.paperboy.store.DigestLedgerRepository;
import org.paperboy.store.FeedRepository;
import org.paperboy.store.LoginTokenRepository;
import org.paperboy.store.PaperRepository;
import org.paperboy.store.SessionRepository;
import org.paperboy.store.SubmissionRepository;
import org.paperboy.store.UpstreamRepository;
import org.paperboy.store.UserRepository;
import org.paperboy.store.VoteRepository;

/**
 * Everything the web layer serves from, wired by the composition root. {@code queryEmbedder}
 * answers {@code null} while the model is not loaded (searches then fall back to BM25);
 * {@code indexing} is told when papers were stored (to index them soon) and reports how
 * indexing goes; {@code index} may be read for figures (documents, size) only.
 * {@code subscriptions} and {@code digestPreviews} serve the e-mail digest pages; {@code forYou}
 * the library, the reader's signals and the personal feed; {@code upstream} gives the cards the
 * upstream's facts, {@code sources} the scheduled sources' status and "run now";
 * {@code submissionLog} records who submitted which paper and, with {@code digestLedger} (read
 * only), feeds the admin overview.
 */
public record Site(
        PaperboyConfig config,
        Clock clock,
        PaperRepository papers,
        FeedRepository feedStore,
        Feed feed,
        Searcher searcher,
        Function<String, float[]> queryEmbedder,
        double searchAlpha,
        PaperIndex index,
        UserRepository users,
        SessionRepository sessions,
        LoginTokenRepository loginTokens,
        VoteRepository votes,
        Mailer mailer,
        PaperSubmitter submitter,
        Indexing indexing,
        SubscriptionService subscriptions,
        DigestPreviewer digestPreviews,
        ForYou forYou,
        UpstreamRepository upstream,
        SourceScheduler sources,
        SubmissionRepository submissionLog,
        DigestLedgerRepository digestLedger) {

    /** True when the configured public address is HTTPS: cookies are then marked Secure. */
    public boolean secure() {
        return "https".equalsIgnoreCase(config.baseUrl().getScheme());
    }

    /** True when the e-mail address is in {@code PAPERBOY_ADMINS}. */
    public boolean isAdmin(String email) {
        return email != null && config.admins().contains(email.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Development mode: the public address is this machine (the default). Sign-in links are then
     * also written to the log, so a fresh install can sign in without a mail server.
     */
    public boolean development() {
        return config.development();
    }
}
