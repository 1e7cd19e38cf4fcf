package org.paperboy.digest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.paperboy.digest.InvalidSubscription.Problem;
import org.paperboy.mail.EmailAddress;
import org.paperboy.store.Subscription.Alert;
import org.paperboy.store.Subscription.Frequency;
import org.paperboy.store.Subscription.Settings;

/**
 * A subscription as submitted (HTML form or JSON), every value still a string as given;
 * {@link #parse} turns it into {@link Settings} or reports every problem at once. A missing
 * frequency means daily and a missing {@code trending} means yes.
 */
public record SubscriptionForm(
        String email, String frequency, Boolean trending, List<String> categories, List<AlertInput> alerts) {

    /** One saved search as submitted. */
    public record AlertInput(String query, String category) {}

    public static final int MAX_CATEGORIES = 20;
    public static final int MAX_ALERTS = 10;
    public static final int MAX_QUERY_LENGTH = 200;

    // arXiv category names: an archive (cs, hep-th, q-bio) and an optional subject class (IR, AG, NC).
    private static final Pattern CATEGORY = Pattern.compile("[a-z][a-z-]{0,15}(\\.[A-Za-z][A-Za-z-]{0,15})?");

    public SubscriptionForm {
        categories = categories == null ? List.of() : new ArrayList<>(categories);
        alerts = alerts == null ? List.of() : new ArrayList<>(alerts);
    }

    /**
     * The valid settings this form asks for: the address in lower case, categories without
     * duplicates, alerts trimmed.
     *
     * @throws InvalidSubscription listing every problem
     */
    public Settings parse() {
        List<Problem> problems = new ArrayList<>();
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (address.isEmpty()) {
            problems.add(new Problem("email", "", "is required"));
        } else if (!deliverable(address)) {
            problems.add(new Problem("email", email, "is not an e-mail address like alice@example.org"));
        }
        Frequency freq = Frequency.DAILY;
        if (frequency != null && !frequency.isBlank()) {
            try {
                freq = Frequency.valueOf(frequency.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem("frequency", frequency, "is not daily or weekly"));
            }
        }
        Map<String, String> cats = new LinkedHashMap<>();
        for (int i = 0; i < categories.size(); i++) {
            String c = categories.get(i) == null ? "" : categories.get(i).strip();
            if (!CATEGORY.matcher(c).matches()) {
                problems.add(new Problem("categories[" + i + "]", c, "is not an arXiv category like cs.IR or hep-th"));
            } else {
                cats.putIfAbsent(c.toLowerCase(Locale.ROOT), c);
            }
        }
        if (cats.size() > MAX_CATEGORIES) {
            problems.add(new Problem(
                    "categories", Integer.toString(cats.size()), "has more than " + MAX_CATEGORIES + " categories"));
        }
        List<Alert> parsedAlerts = new ArrayList<>();
        if (alerts.size() > MAX_ALERTS) {
            problems.add(
                    new Problem("alerts", Integer.toString(alerts.size()), "has more than " + MAX_ALERTS + " alerts"));
        }
        for (int i = 0; i < alerts.size(); i++) {
            AlertInput a = alerts.get(i);
            String query =
                    a == null || a.query() == null ? "" : a.query().strip().replaceAll("\\s+", " ");
            String category = a == null || a.category() == null || a.category().isBlank()
                    ? null
                    : a.category().strip();
            String field = "alerts[" + i + "]";
            if (query.isEmpty()) {
                problems.add(new Problem(field + ".query", "", "is required"));
            } else if (query.length() > MAX_QUERY_LENGTH) {
                problems.add(
                        new Problem(field + ".query", query, "is longer than " + MAX_QUERY_LENGTH + " characters"));
            }
            if (category != null && !CATEGORY.matcher(category).matches()) {
                problems.add(
                        new Problem(field + ".category", category, "is not an arXiv category like cs.IR or hep-th"));
            }
            parsedAlerts.add(new Alert(query, category));
        }
        boolean wantsTrending = trending == null || trending;
        if (!wantsTrending && cats.isEmpty() && alerts.isEmpty()) {
            problems.add(new Problem(
                    "trending", "false", "choose at least one: the trending papers, a category or an alert"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidSubscription(problems);
        }
        return new Settings(address, freq, wantsTrending, List.copyOf(cats.values()), parsedAlerts);
    }

    /** The same rule as sign-in ({@link EmailAddress}): an address one form takes, the other does too. */
    private static boolean deliverable(String address) {
        return EmailAddress.isValid(address);
    }
}
