-- "For you" (issue 12): what a reader tells Paperboy about their taste, and the small per-user
-- model learned from it. Every row belongs to one account and goes with it (ON DELETE CASCADE);
-- a reader can export these rows and delete them in one step. No clicks are recorded.

-- The personal library: papers saved, with optional tags (space-separated, lower case).
CREATE TABLE saved_papers (
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    paper_id   TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    tags       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, paper_id)
);

-- "More like this" (verdict 1) and "less like this" (verdict -1) on for-you cards; the last word wins.
CREATE TABLE paper_feedback (
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    paper_id   TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    verdict    INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, paper_id)
);

-- Followed categories (kind 'category', e.g. cs.IR) and authors (kind 'author', the name as written).
CREATE TABLE follows (
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    target     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, kind, target)
);

-- Papers given at onboarding, by arXiv id or from an uploaded BibTeX file (source 'id' | 'bibtex').
CREATE TABLE seed_papers (
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    paper_id   TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    source     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, paper_id)
);

-- Per account: the blend of the model with recency/popularity (0 = model only, 1 = popularity
-- only), the digest of the private Atom feed token (NULL = none or revoked), and signals_version,
-- raised by every signal written, so a model trained at an older version is known to be stale.
CREATE TABLE for_you_settings (
    user_id         BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    blend           REAL NOT NULL DEFAULT 0.2,
    feed_token_hash TEXT UNIQUE,
    signals_version BIGINT NOT NULL DEFAULT 0
);

-- The learned model: a few hundred bytes (see org.paperboy.recommend.UserModel#bytes).
CREATE TABLE user_models (
    user_id         BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    signals_version BIGINT NOT NULL,
    model           ${bytes} NOT NULL,
    trained_at      TEXT NOT NULL
);
CREATE INDEX saved_papers_user_time ON saved_papers (user_id, created_at);
