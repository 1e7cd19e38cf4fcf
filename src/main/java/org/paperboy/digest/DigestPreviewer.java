package org.paperboy.digest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.paperboy.feed.Period;
import org.paperboy.store.FeedRepository;
import org.paperboy.store.Subscription;
import org.paperboy.store.Subscription.Frequency;

/**
 * The next digest of a subscription as it would be sent now, for the browser: the latest listing
 * day (or its ISO week for weekly digests), without the papers earlier digests already carried.
 * Editions are reloaded at most once a minute. Thread-safe.
 */
public final class DigestPreviewer {

    private static final Duration FRESH = Duration.ofMinutes(1);

    /** A previewed digest: its content (maybe empty), and its HTML and text when it is not empty. */
    public record Preview(Digest digest, String html, String text) {
        public boolean isEmpty() {
            return digest.isEmpty();
        }
    }

    private final DigestPlanner planner;
    private final DigestComposer composer;
    private final FeedRepository feedStore;
    private final Clock clock;
    private Instant loaded = Instant.MIN;

    public DigestPreviewer(DigestPlanner planner, DigestComposer composer, FeedRepository feedStore, Clock clock) {
        this.planner = planner;
        this.composer = composer;
        this.feedStore = feedStore;
        this.clock = clock;
    }

    /**
     * The digest {@code subscription} would get for the latest listing day (or week).
     *
     * @throws IllegalStateException when it has alerts and the embedding model is not loaded yet
     */
    public Preview preview(Subscription subscription) {
        synchronized (this) {
            Instant now = clock.instant();
            if (loaded.plus(FRESH).isBefore(now) || loaded.isAfter(now)) {
                planner.clear();
                loaded = now;
            }
        }
        LocalDate latest = feedStore.latestDay().orElse(LocalDate.now(clock));
        Period period =
                subscription.settings().frequency() == Frequency.DAILY ? Period.day(latest) : Period.weekOf(latest);
        if (!subscription.settings().alerts().isEmpty() && !planner.alertsReady()) {
            throw new IllegalStateException("the search model is still loading; try again in a minute");
        }
        Digest digest = planner.compose(subscription, period);
        return digest.isEmpty()
                ? new Preview(digest, null, null)
                : new Preview(digest, composer.html(digest), composer.text(digest));
    }
}
