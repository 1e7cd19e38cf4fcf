package org.paperboy.web;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The address of the client a request comes from, for rate limits and the access log. It is the
 * connection's peer, unless the peer is one of the trusted reverse proxies
 * ({@code PAPERBOY_TRUSTED_PROXIES}): then it is the right-most {@code X-Forwarded-For} entry
 * that is not a trusted proxy itself, since everything left of it may be forged by the client.
 */
final class ClientAddress {

    static final String ATTRIBUTE = "paperboy.client";

    /** How many X-Forwarded-For entries are looked at, from the right. */
    private static final int MAX_HOPS = 20;

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]{2,45}(%[A-Za-z0-9]{1,15})?]?");

    private final Set<String> trusted;

    /** Trusts the proxies at {@code trustedProxies} (IP literals); none trusted when empty. */
    ClientAddress(Collection<String> trustedProxies) {
        this.trusted = trustedProxies.stream()
                .map(ClientAddress::normalized)
                .filter(a -> a != null)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The client's address of this request (set by {@link RequestGuard}; the peer before that). */
    static String of(Context ctx) {
        String a = ctx.attribute(ATTRIBUTE);
        return a != null ? a : ctx.req().getRemoteAddr();
    }

    /** Works out the client's address of {@code ctx} once and keeps it on the request. */
    void settle(Context ctx) {
        ctx.attribute(ATTRIBUTE, resolve(ctx.req().getRemoteAddr(), ctx.req().getHeaders("X-Forwarded-For")));
    }

    String resolve(String peer, java.util.Enumeration<String> forwardedHeaders) {
        String client = normalized(peer);
        if (client == null) {
            return peer;
        }
        if (!trusted.contains(client) || forwardedHeaders == null) {
            return client;
        }
        List<String> hops = new ArrayList<>();
        while (forwardedHeaders.hasMoreElements()) {
            for (String h : forwardedHeaders.nextElement().split(",", -1)) {
                hops.add(h.strip());
            }
        }
        for (int i = hops.size() - 1; i >= Math.max(0, hops.size() - MAX_HOPS); i--) {
            String hop = normalized(hops.get(i));
            if (hop == null) {
                // A garbled entry: the hop that wrote it (the last trusted one) is all that is known.
                return client;
            }
            client = hop;
            if (!trusted.contains(hop)) {
                return hop;
            }
        }
        return client;
    }

    /** {@code address} as an IP literal in canonical form, or {@code null} when it is none (no DNS look-up). */
    static String normalized(String address) {
        if (address == null) {
            return null;
        }
        String a = address.strip();
        boolean v4 = IPV4.matcher(a).matches();
        if (v4) {
            for (String octet : a.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return null;
                }
            }
        } else if (!(a.contains(":") && IPV6.matcher(a).matches())) {
            return null;
        }
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        try {
            // A literal is parsed without any name look-up.
            return InetAddress.getByName(a).getHostAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }
}
