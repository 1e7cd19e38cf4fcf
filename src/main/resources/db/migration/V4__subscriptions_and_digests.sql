-- E-mail digests (issue 5): confirmed subscriptions with their saved-search alerts, pending
-- subscription requests (double opt-in), the digest ledger that makes each (subscription, period)
-- go out at most once, the papers each subscription was sent (never twice), and the key that
-- signs unsubscribe and preview links. Compared moments (expiry, claims) are epoch seconds; the
-- rest ISO-8601 text like V1.

-- Only confirmed addresses are here. status: active | unsubscribed | bouncing (skipped after
-- consecutive permanent delivery failures). categories: space-separated, as given.
CREATE TABLE subscriptions (
    id                   ${id_column},
    email                TEXT NOT NULL UNIQUE,
    frequency            TEXT NOT NULL,
    trending             INTEGER NOT NULL DEFAULT 1,
    categories           TEXT NOT NULL DEFAULT '',
    status               TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    confirmed_at         TEXT NOT NULL,
    changed_at           TEXT NOT NULL,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    last_failure         TEXT
);
CREATE INDEX subscriptions_status ON subscriptions (status);

CREATE TABLE subscription_alerts (
    subscription_id BIGINT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    query           TEXT NOT NULL,
    category        TEXT,
    PRIMARY KEY (subscription_id, position)
);

-- A request waits here, under the digest of the token mailed to the address, until the link is
-- followed; nothing but that one confirmation mail is sent to an address before then.
CREATE TABLE subscription_requests (
    token_hash TEXT PRIMARY KEY,
    email      TEXT NOT NULL,
    settings   TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX subscription_requests_email ON subscription_requests (email);

-- period: the day (2026-07-01) or ISO week (2026-W27) the digest covers; period_end its last day.
-- state: planned -> sending -> sent, or skipped (nothing new), failed (given up), uncertain (a run
-- died between claiming it and recording the SMTP answer; see docs/digest.md).
CREATE TABLE digest_ledger (
    subscription_id BIGINT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    period          TEXT NOT NULL,
    period_end      TEXT NOT NULL,
    state           TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    papers          INTEGER NOT NULL DEFAULT 0,
    planned_at      TEXT NOT NULL,
    claimed_at      BIGINT,
    finished_at     TEXT,
    last_error      TEXT,
    PRIMARY KEY (subscription_id, period)
);
CREATE INDEX digest_ledger_period_state ON digest_ledger (period, state);

CREATE TABLE digest_papers (
    subscription_id BIGINT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    paper_id        TEXT NOT NULL,
    period          TEXT NOT NULL,
    PRIMARY KEY (subscription_id, paper_id)
);
-- A paper can only have been sent in a digest whose period contains its listing day, so a digest
-- looks up what was sent by (subscription, overlapping periods).
CREATE INDEX digest_papers_period ON digest_papers (subscription_id, period);

-- Random keys made on first use and kept with the data they protect, so every web node and
-- command of one installation verifies the same links.
CREATE TABLE signing_keys (
    purpose    TEXT PRIMARY KEY,
    secret     TEXT NOT NULL,
    created_at TEXT NOT NULL
);
