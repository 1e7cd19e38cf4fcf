package org.paperboy.web;

import io.javalin.http.Context;
import org.paperboy.store.User;

/**
 * The rate limits on writing signals (saves, feedback, follows, seeds, deletion), shared by the
 * form and API routes so that both count against one budget per account and per IP address.
 */
final class SignalLimits {

    private final RateLimiter perAccount;
    private final RateLimiter perIp;

    SignalLimits(Site site) {
        this.perAccount = new RateLimiter(RateLimiter.Limit.SIGNALS_PER_ACCOUNT, site.clock());
        this.perIp = new RateLimiter(RateLimiter.Limit.SIGNALS_PER_IP, site.clock());
    }

    /** Takes a permit for {@code user} and the caller's address, or throws a 429 saying when to retry. */
    void check(Context ctx, User user) {
        perAccount.check("account:" + user.id());
        perIp.check(ClientAddress.of(ctx));
    }
}
