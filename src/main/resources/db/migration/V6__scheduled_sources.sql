-- Scheduled sources (issue 10): where each source stands, one row per run, and what an upstream
-- (the Hugging Face daily page) says about a paper beyond the paper record. Moments are epoch
-- seconds (compared by the scheduler), days ISO-8601 text like V1.

-- fetched_until: the last day fetched completely (the next run starts there, re-reading the last
-- days). next_run_at: when the source is due; several serve processes read it under the run lock,
-- so each run happens once. failures: consecutive failed runs (the back-off); failing_since: the
-- first of them.
CREATE TABLE source_state (
    source          TEXT PRIMARY KEY,
    fetched_until   TEXT,
    next_run_at     BIGINT,
    failures        INTEGER NOT NULL DEFAULT 0,
    failing_since   BIGINT,
    last_error      TEXT,
    last_success_at BIGINT,
    updated_at      BIGINT NOT NULL
);

-- status: running | ok | failed | abandoned (its process died; found by the next run).
-- cause: schedule | manual | cli. days_done/days_total: progress, updated with each stored page.
CREATE TABLE source_runs (
    id            ${id_column},
    source        TEXT NOT NULL,
    cause         TEXT NOT NULL,
    started_at    BIGINT NOT NULL,
    finished_at   BIGINT,
    status        TEXT NOT NULL,
    days_total    INTEGER NOT NULL DEFAULT 0,
    days_done     INTEGER NOT NULL DEFAULT 0,
    imported      INTEGER NOT NULL DEFAULT 0,
    updated       INTEGER NOT NULL DEFAULT 0,
    unchanged     INTEGER NOT NULL DEFAULT 0,
    rejected      INTEGER NOT NULL DEFAULT 0,
    error         TEXT,
    import_run_id BIGINT
);
CREATE INDEX source_runs_source ON source_runs (source, id);

-- The upstream's own facts about a paper, refreshed by every run that sees it. Its upvotes stay in
-- papers.upvotes (the imported count), apart from papers.votes (cast here). ai_keywords: a JSON
-- array of strings.
CREATE TABLE paper_upstream (
    paper_id          TEXT PRIMARY KEY REFERENCES papers (id) ON DELETE CASCADE,
    source            TEXT NOT NULL,
    organization      TEXT,
    organization_slug TEXT,
    submitter         TEXT,
    submitter_slug    TEXT,
    thumbnail_url     TEXT,
    github_stars      INTEGER,
    comments          INTEGER,
    ai_summary        TEXT,
    ai_keywords       TEXT,
    fetched_at        BIGINT NOT NULL
);
