-- Papers, their ordered authors and categories, import runs, rejected records and harvest state.
-- One migration set for SQLite and PostgreSQL; ${id_column} and ${bytes} are filled in per
-- dialect by Database. Dates are ISO-8601 text (YYYY-MM-DD), which sorts and compares correctly
-- in both databases.

CREATE TABLE papers (
    id          TEXT PRIMARY KEY,
    version     INTEGER NOT NULL DEFAULT 0,
    title       TEXT NOT NULL,
    abstract    TEXT NOT NULL,
    published   TEXT,
    updated     TEXT,
    listed_on   TEXT,
    abs_url     TEXT,
    pdf_url     TEXT,
    code_url    TEXT,
    project_url TEXT,
    comment     TEXT,
    journal_ref TEXT,
    doi         TEXT,
    license     TEXT,
    upvotes     INTEGER NOT NULL DEFAULT 0,
    -- SHA-256 of every field above; an import whose record hashes the same changes nothing.
    content_hash TEXT NOT NULL,
    stored_at   TEXT NOT NULL,
    changed_at  TEXT NOT NULL
);
CREATE INDEX papers_listed_on ON papers (listed_on);

CREATE TABLE paper_authors (
    paper_id TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    PRIMARY KEY (paper_id, position)
);

CREATE TABLE paper_categories (
    paper_id TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    category TEXT NOT NULL,
    PRIMARY KEY (paper_id, position)
);
CREATE INDEX paper_categories_category ON paper_categories (category);

CREATE TABLE import_runs (
    id          ${id_column},
    command     TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    imported    INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    rejected    INTEGER NOT NULL DEFAULT 0,
    status      TEXT NOT NULL
);

CREATE TABLE rejects (
    id              ${id_column},
    run_id          BIGINT NOT NULL REFERENCES import_runs (id),
    source          TEXT NOT NULL,
    line            BIGINT NOT NULL,
    format          TEXT NOT NULL,
    reason          TEXT NOT NULL,
    raw             ${bytes} NOT NULL,
    rejected_at     TEXT NOT NULL,
    resolved_run_id BIGINT
);
CREATE INDEX rejects_unresolved ON rejects (resolved_run_id, id);

CREATE TABLE harvest_state (
    endpoint         TEXT PRIMARY KEY,
    resumption_token TEXT,
    from_date        TEXT,
    until_date       TEXT,
    harvested_until  TEXT,
    pages            INTEGER NOT NULL DEFAULT 0,
    updated_at       TEXT NOT NULL
);
