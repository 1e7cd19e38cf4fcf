package org.paperboy.mail;

import java.util.regex.Pattern;

/**
 * The one rule for an address a visitor gives (sign-in, digest subscription): a bare ASCII
 * {@code local@domain} that SMTP takes unquoted, made of RFC 5322 dot-atoms, whose domain has a
 * dot (so {@code a@localhost} is refused), at most 254 characters with a local part of at most 64,
 * and no RFC 2047 encoded word ({@code =?utf-8?q?...?=}), which some mail software decodes into
 * another address.
 */
public final class EmailAddress {

    static final int MAX_LENGTH = 254;
    static final int MAX_LOCAL_LENGTH = 64;

    private static final Pattern ADDRESS =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+");
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?[^?]*\\?[A-Za-z]\\?[^?]*\\?=");

    private EmailAddress() {}

    /** Why {@code address} is not one we accept, or {@code null} when it is. */
    public static String problem(String address) {
        if (address == null || address.isEmpty()) {
            return "it is empty";
        }
        if (address.length() > MAX_LENGTH) {
            return "it is longer than " + MAX_LENGTH + " characters";
        }
        if (!ADDRESS.matcher(address).matches()) {
            return "it is not an address like alice@example.org";
        }
        String local = address.substring(0, address.lastIndexOf('@'));
        if (local.length() > MAX_LOCAL_LENGTH) {
            return "the part before the '@' is longer than " + MAX_LOCAL_LENGTH + " characters";
        }
        if (ENCODED_WORD.matcher(local).find() || local.contains("=?")) {
            return "it holds an encoded word (=?...?=); give the plain address";
        }
        return null;
    }

    /** True when {@link #problem} finds none. */
    public static boolean isValid(String address) {
        return problem(address) == null;
    }
}
