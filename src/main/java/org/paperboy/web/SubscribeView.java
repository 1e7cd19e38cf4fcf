package org.paperboy.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paperboy.digest.SubscriptionForm;
import org.paperboy.digest.SubscriptionForm.AlertInput;
import org.paperboy.store.Subscription;

/**
 * What the subscribe page shows: the form's values (as typed, or the visitor's current
 * subscription), the problems with them by field, the visitor's current subscription if any,
 * and links to preview or end it.
 */
public record SubscribeView(
        String email,
        String frequency,
        boolean trending,
        String categories,
        List<AlertInput> alerts,
        Map<String, String> errors,
        Subscription current) {

    /** Alert rows the form always offers, filled or not. */
    static final int ALERT_ROWS = 3;

    public SubscribeView {
        List<AlertInput> rows = new ArrayList<>(alerts);
        while (rows.size() < ALERT_ROWS) {
            rows.add(new AlertInput("", ""));
        }
        alerts = List.copyOf(rows);
        errors = Map.copyOf(new LinkedHashMap<>(errors));
    }

    /** The empty form, with the signed-in visitor's address and subscription when there are. */
    static SubscribeView of(String email, Subscription current) {
        if (current != null && current.active()) {
            Subscription.Settings s = current.settings();
            List<AlertInput> alerts = new ArrayList<>();
            s.alerts().forEach(a -> alerts.add(new AlertInput(a.query(), a.category() == null ? "" : a.category())));
            return new SubscribeView(
                    s.email(),
                    s.frequency().key(),
                    s.trending(),
                    String.join(" ", s.categories()),
                    alerts,
                    Map.of(),
                    current);
        }
        return new SubscribeView(email == null ? "" : email, "daily", true, "", List.of(), Map.of(), current);
    }

    /** The form as submitted, with its problems. */
    static SubscribeView of(
            SubscriptionForm form, String categories, Map<String, String> errors, Subscription current) {
        return new SubscribeView(
                form.email() == null ? "" : form.email(),
                form.frequency() == null ? "daily" : form.frequency(),
                form.trending() == null || form.trending(),
                categories == null ? "" : categories,
                form.alerts(),
                errors,
                current);
    }

    public boolean weekly() {
        return "weekly".equals(frequency);
    }

    /** The problem with {@code field}, or null. */
    public String error(String field) {
        return errors.get(field);
    }

    public boolean subscribed() {
        return current != null && current.active();
    }
}
