-- Papers accounts submitted by arXiv id (/submit, POST /api/papers/index; issue 15), for the admin
-- overview: who asked for which paper, when, and what it did. A submission answered "already
-- listed" stores nothing and is not recorded. outcome: added (new to the store) | refreshed (known
-- paper merged with arXiv's record). Rows go with their account (ON DELETE CASCADE), as in V11.
CREATE TABLE submissions (
    id           ${id_column},
    paper_id     TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    outcome      TEXT NOT NULL,
    submitted_at TEXT NOT NULL
);
CREATE INDEX submissions_user ON submissions (user_id);
