-- The ids of hidden papers, which every search leaves out (FeedRepository.hiddenIds): without this
-- partial index the query read the whole papers table, abstracts included (about 0.1 s for 74,728
-- papers), once every few seconds in the middle of a search. Few papers are hidden, so the index
-- is small; SQLite and PostgreSQL both use it for the same WHERE clause.
CREATE INDEX papers_hidden ON papers (id) WHERE hidden <> 0;
