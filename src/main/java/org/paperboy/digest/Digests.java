package org.paperboy.digest;

import java.time.Clock;
import java.util.function.Function;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.feed.TrendingScore;
import org.paperboy.mail.Mailer;
import org.paperboy.search.Searcher;
import org.paperboy.store.Database;
import org.paperboy.store.DigestLedgerRepository;
import org.paperboy.store.FeedRepository;
import org.paperboy.store.SigningKeyRepository;
import org.paperboy.store.SubscriptionRepository;

/**
 * The digest capability wired from the store, the search engine and a mailer, as {@code serve},
 * {@code digest send}, the benchmark and the tests need it: subscriptions, the sender, and
 * previews (with their own editions, so a preview never shares a run's).
 */
public record Digests(
        SubscriptionRepository subscriptionStore,
        DigestLedgerRepository ledger,
        DigestLinks links,
        SubscriptionService subscriptions,
        DigestSender sender,
        DigestPreviewer previews) {

    /** Purpose under which the link-signing key is kept in the database. */
    public static final String LINK_KEY = "digest-links";

    /**
     * Wires the digests of {@code config}'s installation; {@code embedder} answers {@code null}
     * while its model loads, {@code alpha} is the dense weight of hybrid search, and {@code workers}
     * digests are sent at once (through {@code mailer}, a {@link MailerPool} of as many connections).
     */
    public static Digests create(
            PaperboyConfig config,
            Database db,
            Clock clock,
            FeedRepository feedStore,
            Searcher searcher,
            Function<String, float[]> embedder,
            double alpha,
            Mailer mailer,
            int workers,
            Retry retry,
            Retry.Sleeper sleeper) {
        return create(
                config,
                db,
                clock,
                feedStore,
                searcher,
                embedder,
                alpha,
                mailer,
                workers,
                retry,
                sleeper,
                PersonalSection.NONE);
    }

    /** As above, with {@code personal}'s "For you" picks at the top of every digest and preview. */
    public static Digests create(
            PaperboyConfig config,
            Database db,
            Clock clock,
            FeedRepository feedStore,
            Searcher searcher,
            Function<String, float[]> embedder,
            double alpha,
            Mailer mailer,
            int workers,
            Retry retry,
            Retry.Sleeper sleeper,
            PersonalSection personal) {
        SubscriptionRepository store = new SubscriptionRepository(db, clock);
        DigestLedgerRepository ledger = new DigestLedgerRepository(db, clock);
        DigestLinks links =
                new DigestLinks(config.baseUrl(), config.mailFrom(), new SigningKeyRepository(db, clock).key(LINK_KEY));
        DigestComposer composer = new DigestComposer(links);
        DigestPlanner sending = new DigestPlanner(
                feedStore, ledger, new AlertMatcher(searcher, embedder, alpha), TrendingScore.DEFAULT, personal);
        DigestPlanner previewing = new DigestPlanner(
                feedStore, ledger, new AlertMatcher(searcher, embedder, alpha), TrendingScore.DEFAULT, personal);
        return new Digests(
                store,
                ledger,
                links,
                new SubscriptionService(store, mailer, links),
                new DigestSender(store, ledger, sending, composer, mailer, workers, retry, sleeper),
                new DigestPreviewer(previewing, composer, feedStore, clock));
    }
}
