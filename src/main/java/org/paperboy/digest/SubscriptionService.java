package org.paperboy.digest;

import java.time.Duration;
import java.util.Optional;
import org.paperboy.mail.MailException;
import org.paperboy.mail.MailMessage;
import org.paperboy.mail.Mailer;
import org.paperboy.store.Subscription;
import org.paperboy.store.Subscription.Settings;
import org.paperboy.store.SubscriptionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribing with double opt-in: a request mails one confirmation link to the address and
 * nothing else; the subscription exists only once the link is followed. The outcome of a request
 * is never told to the requester (whether the address was subscribed, rate-limited or unreachable
 * looks the same), and an address gets at most {@value #MAX_REQUESTS_PER_DAY} confirmation mails a day.
 */
public final class SubscriptionService {

    /** How long a confirmation link works. */
    public static final Duration CONFIRM_TTL = Duration.ofDays(7);

    /** Confirmation mails per address and day: enough for a typo and a retry, too few to harass anyone. */
    public static final int MAX_REQUESTS_PER_DAY = 3;

    private static final Logger log = LoggerFactory.getLogger(SubscriptionService.class);

    private final SubscriptionRepository subscriptions;
    private final Mailer mailer;
    private final DigestLinks links;

    public SubscriptionService(SubscriptionRepository subscriptions, Mailer mailer, DigestLinks links) {
        this.subscriptions = subscriptions;
        this.mailer = mailer;
        this.links = links;
    }

    /** What became of a request; for logs and tests only, never for the requester. */
    public enum Requested {
        CONFIRMATION_SENT,
        RATE_LIMITED,
        MAIL_FAILED
    }

    /** Mails a confirmation link for {@code settings} unless the address had enough of them today. */
    public Requested request(Settings settings) {
        if (subscriptions.recentRequests(settings.email(), Duration.ofDays(1)) >= MAX_REQUESTS_PER_DAY) {
            log.info(
                    "Subscription request for {} not mailed: {} today already",
                    mask(settings.email()),
                    MAX_REQUESTS_PER_DAY);
            return Requested.RATE_LIMITED;
        }
        String token = subscriptions.request(settings, CONFIRM_TTL);
        try {
            mailer.send(confirmation(settings, links.confirmUrl(token)));
            return Requested.CONFIRMATION_SENT;
        } catch (MailException e) {
            log.warn("Confirmation mail to {} failed: {}", mask(settings.email()), e.getMessage());
            return Requested.MAIL_FAILED;
        }
    }

    /** Subscribes at once an address the visitor has proven to own (signed in with it). */
    public Subscription subscribeOwnAddress(Settings settings) {
        return subscriptions.activate(settings);
    }

    /** Follows a confirmation link; empty when it is unknown, used or expired. */
    public Optional<Subscription> confirm(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return subscriptions.confirm(token.strip());
    }

    /** Ends subscription {@code id}; true when this call ended it. */
    public boolean unsubscribe(long id) {
        return subscriptions.unsubscribe(id);
    }

    public Optional<Subscription> find(long id) {
        return subscriptions.find(id);
    }

    public Optional<Subscription> findByEmail(String email) {
        return subscriptions.findByEmail(email);
    }

    /** The links of this installation's digests (signed tokens included). */
    public DigestLinks links() {
        return links;
    }

    static MailMessage confirmation(Settings s, String confirmUrl) {
        StringBuilder what = new StringBuilder();
        if (s.trending()) {
            what.append("\n  - the trending papers");
        }
        if (!s.categories().isEmpty()) {
            what.append("\n  - new papers in ").append(String.join(", ", s.categories()));
        }
        for (Subscription.Alert a : s.alerts()) {
            what.append("\n  - papers matching \"").append(a.query()).append('"');
            if (a.category() != null) {
                what.append(" in ").append(a.category());
            }
        }
        String text = "Someone, hopefully you, asked for the Paperboy "
                + s.frequency().key() + " digest at "
                + s.email() + ", with:" + what + "\n\nTo start it, open this link within "
                + CONFIRM_TTL.toDays() + " days:\n\n  " + confirmUrl
                + "\n\nIf you did not ask for it, ignore this mail: nothing more will be sent to you.\n";
        return new MailMessage(s.email(), "Confirm your Paperboy digest", text);
    }

    /** The address with most of its local part hidden, for logs. */
    static String mask(String email) {
        int at = email.indexOf('@');
        return at <= 1 ? "*" + email.substring(Math.max(at, 0)) : email.charAt(0) + "***" + email.substring(at);
    }
}
