package org.paperboy.mail;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One e-mail to one recipient: a bare address ({@code alice@example.org}), a one-line subject, a
 * plain-text body, an optional HTML alternative and extra headers such as {@code List-Unsubscribe}
 * in the order given. A {@code Message-ID} header ({@code <left@right>}) replaces the one the
 * mailer would make up, so that a message sent again carries the same one. Construction rejects
 * what could not be sent or could inject headers: a malformed address or Message-ID, a line break
 * in the subject or a header value, a header the mailer sets itself.
 */
public record MailMessage(String to, String subject, String textBody, String htmlBody, Map<String, String> headers) {

    /** Headers the mailer derives from the fields above; giving them again would contradict those. */
    private static final Set<String> RESERVED = Set.of(
            "from", "to", "cc", "bcc", "subject", "date", "mime-version", "content-type", "content-transfer-encoding");

    // RFC 5322 section 3.6.4, dot-atom-text on both sides (no quoted or bracketed forms).
    private static final Pattern MESSAGE_ID =
            Pattern.compile("<[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+>");

    // RFC 5321 section 4.5.3.1.3: a path is at most 256 octets including the angle brackets.
    private static final int MAX_ADDRESS_LENGTH = 254;

    public MailMessage {
        requireAddress("to", to);
        Objects.requireNonNull(subject, "subject");
        requireOneLine("subject", subject);
        Objects.requireNonNull(textBody, "textBody");
        Objects.requireNonNull(headers, "headers");
        Map<String, String> copy = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        headers.forEach((name, value) -> {
            Objects.requireNonNull(name, "headers: a header name");
            requireHeaderName(name);
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(
                        "headers: '" + name + "' is given twice; header names are case-insensitive");
            }
            Objects.requireNonNull(value, () -> "headers['" + name + "']");
            String field = "headers['" + name + "']";
            requireOneLine(field, value);
            if (!isAscii(value)) {
                throw new IllegalArgumentException(field + "='" + value + "' contains non-ASCII characters; "
                        + "extra header values are sent verbatim and must be ASCII");
            }
            if (name.equalsIgnoreCase("Message-ID")
                    && !MESSAGE_ID.matcher(value).matches()) {
                throw new IllegalArgumentException(
                        field + "='" + value + "' is not a Message-ID; give one like <digest.123@example.org>");
            }
            copy.put(name, value);
        });
        headers = Collections.unmodifiableMap(copy);
    }

    /** A plain-text message without extra headers. */
    public MailMessage(String to, String subject, String textBody) {
        this(to, subject, textBody, null, Map.of());
    }

    /** This message with the header {@code name: value} added after the others. */
    public MailMessage withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        if (more.putIfAbsent(name, value) != null) {
            throw new IllegalArgumentException("headers: '" + name + "' is given twice");
        }
        return new MailMessage(to, subject, textBody, htmlBody, more);
    }

    /** The {@code Message-ID} header given, or null when the mailer makes one up. */
    public String messageId() {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase("Message-ID")) {
                return h.getValue();
            }
        }
        return null;
    }

    /**
     * Checks that {@code value} is a bare ASCII address {@code local@domain} as SMTP accepts it
     * unquoted, and throws an {@link IllegalArgumentException} naming {@code field}, the value and the
     * reason otherwise.
     */
    static void requireAddress(String field, String value) {
        Objects.requireNonNull(value, field);
        String reason = addressProblem(value);
        if (reason != null) {
            throw new IllegalArgumentException(
                    field + "='" + printable(value) + "' is not an e-mail address: " + reason);
        }
    }

    private static String addressProblem(String a) {
        if (a.isEmpty()) {
            return "it is empty";
        }
        if (a.length() > MAX_ADDRESS_LENGTH) {
            return "it is longer than " + MAX_ADDRESS_LENGTH + " characters";
        }
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return "it contains a space or a control character";
            }
            if (c > 0x7f) {
                return "it contains non-ASCII characters, which SMTP servers without SMTPUTF8 refuse";
            }
            if ("<>()[],;:\"\\".indexOf(c) >= 0) {
                return "it contains '" + c + "'; give only the address, like alice@example.org";
            }
        }
        int at = a.indexOf('@');
        if (at < 0) {
            return "it has no '@'";
        }
        if (a.indexOf('@', at + 1) >= 0) {
            return "it has more than one '@'";
        }
        String local = a.substring(0, at);
        String domain = a.substring(at + 1);
        if (local.isEmpty()) {
            return "it has nothing before the '@'";
        }
        if (domain.isEmpty()) {
            return "it has nothing after the '@'";
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return "the part before the '@' has a misplaced '.'";
        }
        if (domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            return "the domain '" + domain + "' has a misplaced '.'";
        }
        return null;
    }

    private static void requireHeaderName(String name) {
        // RFC 5322 section 2.2: a field name is printable ASCII (33-126) without ':'.
        boolean valid = !name.isEmpty();
        for (int i = 0; valid && i < name.length(); i++) {
            char c = name.charAt(i);
            valid = c >= 33 && c <= 126 && c != ':';
        }
        if (!valid) {
            throw new IllegalArgumentException("headers: '" + printable(name)
                    + "' is not a header name; use printable ASCII without spaces or ':', like List-Unsubscribe");
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("headers: '" + name
                    + "' is set by the mailer from the message's fields; do not pass it as a header");
        }
    }

    private static void requireOneLine(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException(field + "='" + printable(value)
                        + "' contains a line break (CR or LF), which would start a new header");
            }
            if ((c < ' ' && c != '\t') || c == 0x7f) {
                throw new IllegalArgumentException(field + "='" + printable(value) + "' contains a control character");
            }
        }
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    /** The value with control characters written as escapes, so an error message stays on one line. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < ' ' || c == 0x7f) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
