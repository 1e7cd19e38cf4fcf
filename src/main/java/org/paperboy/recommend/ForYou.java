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
