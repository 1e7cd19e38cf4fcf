-- Accounts (signed in with an e-mailed link), their sessions, community upvotes and moderation.
-- Secrets (sign-in links, session cookies, API tokens) are stored only as SHA-256 hex digests.
-- Moments that are compared (expiry, use) are epoch seconds; the rest ISO-8601 text like V1.

-- votes: upvotes cast on this site, kept beside the imported count (upvotes) so an import never
-- overwrites them; a paper shows upvotes + votes. hidden: 1 when an admin took it off the site.
ALTER TABLE papers ADD COLUMN votes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE papers ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;

CREATE TABLE users (
    id             ${id_column},
    email          TEXT NOT NULL UNIQUE,
    created_at     TEXT NOT NULL,
    last_login_at  TEXT,
    api_token_hash TEXT UNIQUE
);

CREATE TABLE login_tokens (
    token_hash TEXT PRIMARY KEY,
    email      TEXT NOT NULL,
    next_path  TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE votes (
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    paper_id   TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, paper_id)
);
CREATE INDEX votes_paper ON votes (paper_id);
