package org.paperboy.recommend;

import java.time.Clock;
import java.util.function.Supplier;
import org.paperboy.store.Database;
import org.paperboy.store.FeedRepository;
import org.paperboy.store.ForYouRepository;
import org.paperboy.store.LibraryRepository;
import org.paperboy.store.SignalRepository;

/**
 * The personal side of Paperboy in one place for the web and the digest: the library, the other
 * signals, the per-reader settings and model, and the {@link Recommender} over them.
 */
public record ForYou(
        LibraryRepository library, SignalRepository signals, ForYouRepository settings, Recommender recommender) {

    /**
     * The digest's "For you" picks for the account of {@code email} among the papers listed from
     * {@code from} to {@code to}: none without an account or without a signal to rank by.
     */
    public java.util.List<Pick> digestPicks(
            org.paperboy.store.UserRepository users,
            String email,
            java.time.LocalDate from,
            java.time.LocalDate to,
            int limit) {
        return users.findByEmail(email)
                .map(u -> recommender.recommend(u.id(), from, to, limit))
                .filter(r -> r.basis() != Recommendations.Basis.TRENDING)
                .map(Recommendations::picks)
                .orElse(java.util.List.of());
    }

    /** The services over {@code db}, recommending from the catalog {@code catalog} supplies. */
    public static ForYou create(Database db, Clock clock, FeedRepository feedStore, Supplier<Catalog> catalog) {
        SignalRepository signals = new SignalRepository(db, clock);
        ForYouRepository settings = new ForYouRepository(db, clock);
        return new ForYou(
                new LibraryRepository(db, clock),
                signals,
                settings,
                new Recommender(
                        catalog,
                        signals,
                        settings,
                        feedStore,
                        new Trainer(Trainer.Settings.DEFAULT),
                        new Diversifier(Diversifier.DEFAULT_LAMBDA)));
    }
}
