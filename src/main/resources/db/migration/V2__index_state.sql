-- What the search index holds, so a paper stored but not indexed when the process died is
-- indexed at the next start. indexed_hash: the content_hash the paper's index document was built
-- from (NULL = not indexed). vector_model: the embedding model whose vector of the indexed text
-- the document holds (NULL = no vector yet). Both are set only after the index has committed.
ALTER TABLE papers ADD COLUMN indexed_hash TEXT;
ALTER TABLE papers ADD COLUMN vector_model TEXT;

-- Embeddings by model and by the SHA-256 of the embedded text: a reindex, or a paper whose
-- metadata changed but whose title and abstract did not, is not embedded again.
CREATE TABLE embeddings (
    model_id TEXT NOT NULL,
    text_key TEXT NOT NULL,
    vector   ${bytes} NOT NULL,
    PRIMARY KEY (model_id, text_key)
);
