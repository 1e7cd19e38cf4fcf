package org.paperboy.store;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A confirmed digest subscription: the address, what it asked for ({@link Settings}), whether it
 * is active, and how many deliveries in a row failed permanently. Only addresses that followed
 * a confirmation link are stored as subscriptions.
 */
public record Subscription(long id, Settings settings, Status status, int consecutiveFailures) {

    /** How often a digest goes out: each listing day, or once per ISO week. */
    public enum Frequency {
        DAILY,
        WEEKLY;

        /** {@code daily} or {@code weekly}, as the API and forms spell it. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Active subscriptions get digests; the others are kept so the ledger stays meaningful. */
    public enum Status {
        ACTIVE,
        UNSUBSCRIBED,
        /** Too many permanent delivery failures in a row: skipped until the address subscribes again. */
        BOUNCING
    }

    /** A saved search: papers newly listed that match {@code query}, in {@code category} when not null. */
    public record Alert(String query, String category) {
        public Alert {
            Objects.requireNonNull(query, "query");
        }
    }

    /**
     * What a subscriber asked for: the address (lower case), the frequency, whether to include
     * the trending papers, the categories followed and the saved searches, all already valid.
     */
    public record Settings(
            String email, Frequency frequency, boolean trending, List<String> categories, List<Alert> alerts) {
        public Settings {
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(frequency, "frequency");
            categories = List.copyOf(categories);
            alerts = List.copyOf(alerts);
        }
    }

    public Subscription {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(status, "status");
    }

    public String email() {
        return settings.email();
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }
}
