package org.paperboy.store;

import java.time.Instant;

/** An account: known by its e-mail address (lower case), signed in with e-mailed links. */
public record User(long id, String email, Instant createdAt, boolean hasApiToken) {}
