package org.paperboy.digest;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.paperboy.feed.Period;
import org.paperboy.store.Subscription.Alert;

/**
 * The links a digest carries, all absolute under the public address: each paper's page, the
 * site's lists behind "and N more", the confirmation link, and the signed links that work without signing in. A signed token is
 * {@code ID.MAC}, the MAC being HMAC-SHA256 over the purpose and the subscription id with the
 * installation's key (kept in the database), so an unsubscribe token cannot open a preview and
 * no token can be made for another subscription. Thread-safe.
 */
public final class DigestLinks {

    /** What a signed token lets its holder do. */
    public enum Purpose {
        UNSUBSCRIBE,
        PREVIEW
    }

    private static final String HMAC = "HmacSHA256";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final String base;
    private final String mailbox;
    private final SecretKeySpec key;

    /**
     * Links under {@code baseUrl}; {@code mailFrom} (bare or {@code Name <address>}) receives the
     * {@code mailto:} unsubscribe requests.
     */
    public DigestLinks(URI baseUrl, String mailFrom, byte[] key) {
        String b = baseUrl.toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        try {
            this.mailbox = new InternetAddress(mailFrom, true).getAddress();
        } catch (AddressException e) {
            throw new IllegalArgumentException("mailFrom='" + mailFrom + "' is not an e-mail address", e);
        }
        if (key.length < 16) {
            throw new IllegalArgumentException("the signing key has " + key.length + " bytes; at least 16 are needed");
        }
        this.key = new SecretKeySpec(key.clone(), HMAC);
    }

    /** A token for {@code purpose} on subscription {@code id}. */
    public String token(Purpose purpose, long id) {
        return id + "." + B64.encodeToString(mac(purpose, id));
    }

    /** The subscription id a token was made for, when it is genuine and for {@code purpose}. */
    public OptionalLong verify(Purpose purpose, String token) {
        if (token == null || token.length() > 100) {
            return OptionalLong.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 1 || dot > 19) {
            return OptionalLong.empty();
        }
        long id;
        try {
            id = Long.parseLong(token.substring(0, dot));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
        if (id < 1 || !token.substring(0, dot).equals(Long.toString(id))) {
            return OptionalLong.empty();
        }
        byte[] expected = B64.encodeToString(mac(purpose, id)).getBytes(StandardCharsets.US_ASCII);
        byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? OptionalLong.of(id) : OptionalLong.empty();
    }

    /**
     * A new, unique Message-ID for the digest of {@code period}, in the domain of the sender's
     * address: {@code <digest-2026-07-01-UUID@example.org>}.
     */
    public String newMessageId(String period) {
        return "<digest-" + period + "-" + java.util.UUID.randomUUID() + "@"
                + mailbox.substring(mailbox.lastIndexOf('@') + 1) + ">";
    }

    public String paperUrl(String paperId) {
        return base + "/papers/" + paperId;
    }

    /** The site's list of the papers of {@code period}: {@code /date/2026-07-01} or {@code /week/2026-W27}. */
    public String periodUrl(Period period) {
        return base + period.path();
    }

    /**
     * The site's list of the papers of {@code period} in {@code categories}: narrowed with
     * {@code ?category=} when there is exactly one (the feed filters by one category at a time),
     * else the whole period's list.
     */
    public String periodUrl(Period period, List<String> categories) {
        return categories.size() == 1
                ? periodUrl(period) + "?category=" + encode(categories.get(0))
                : periodUrl(period);
    }

    /** A search for {@code alert}'s words among the papers of {@code period} (in its category, when it names one). */
    public String searchUrl(Alert alert, Period period) {
        StringBuilder b = new StringBuilder(base).append("/search?q=").append(encode(alert.query()));
        if (alert.category() != null) {
            b.append("&category=").append(encode(alert.category()));
        }
        return b.append("&from=")
                .append(period.from())
                .append("&until=")
                .append(period.to())
                .toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public String confirmUrl(String token) {
        return base + "/subscribe/confirm?token=" + token;
    }

    /** The page where a person confirms unsubscribing (the link in the mail's footer). */
    public String unsubscribeUrl(long id) {
        return base + "/unsubscribe?token=" + token(Purpose.UNSUBSCRIBE, id);
    }

    /** The RFC 8058 one-click address: a POST to it unsubscribes at once and answers 200. */
    public String oneClickUrl(long id) {
        return base + "/api/unsubscribe?token=" + token(Purpose.UNSUBSCRIBE, id);
    }

    public String previewUrl(long id) {
        return base + "/digest/preview?token=" + token(Purpose.PREVIEW, id);
    }

    public String subscribeUrl() {
        return base + "/subscribe";
    }

    public String siteUrl() {
        return base + "/";
    }

    /** {@code List-Unsubscribe} (one-click URL and mailto) and {@code List-Unsubscribe-Post}, per RFC 2369 and 8058. */
    public Map<String, String> listHeaders(long id) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(
                "List-Unsubscribe",
                "<" + oneClickUrl(id) + ">, <mailto:" + mailbox + "?subject=unsubscribe%20"
                        + token(Purpose.UNSUBSCRIBE, id) + ">");
        h.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return h;
    }

    private byte[] mac(Purpose purpose, long id) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(("paperboy-digest:" + purpose.name() + ":" + id).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available: " + e.getMessage(), e);
        }
    }
}
