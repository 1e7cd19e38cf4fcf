package org.paperboy.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The store's record of what the search index holds (the watermark columns of {@code papers})
 * and the embedding cache. The index is derived: these rows say what must be (re)built.
 */
public final class IndexStateRepository {

    private final Database db;

    public IndexStateRepository(Database db) {
        this.db = db;
    }

    /** Up to {@code limit} ids, after {@code afterId} in id order, whose index document is missing or stale. */
    public List<String> staleDocuments(String afterId, int limit) {
        return db.withHandle(h -> h.createQuery("SELECT id FROM papers WHERE (indexed_hash IS NULL "
                        + "OR indexed_hash <> content_hash) AND id > :after ORDER BY id LIMIT :limit")
                .bind("after", afterId)
                .bind("limit", limit)
                .mapTo(String.class)
                .list());
    }

    /** A paper waiting for its vector, and the position to continue after: its listing day (empty when unknown) and id. */
    public record Pending(String listedOn, String id) {}

    /**
     * Up to {@code limit} papers whose indexed vector is not {@code modelId}'s, newest listing day
     * first (papers without a day last), by id within a day; after {@code after}, or from the start
     * when it is {@code null}. Newest first, so the papers on the front page get similar papers and
     * alert matches first (issue 15).
     */
    public List<Pending> missingVectors(String modelId, Pending after, int limit) {
        String cursor = after == null
                ? ""
                : " AND (COALESCE(listed_on, '') < :day OR (COALESCE(listed_on, '') = :day AND id > :id))";
        return db.withHandle(h -> {
            var query = h.createQuery("SELECT COALESCE(listed_on, '') AS day, id FROM papers "
                            + "WHERE (vector_model IS NULL OR vector_model <> :model)" + cursor
                            + " ORDER BY COALESCE(listed_on, '') DESC, id LIMIT :limit")
                    .bind("model", modelId)
                    .bind("limit", limit);
            if (after != null) {
                query.bind("day", after.listedOn()).bind("id", after.id());
            }
            return query.map((rs, ctx) -> new Pending(rs.getString("day"), rs.getString("id")))
                    .list();
        });
    }

    public long countStaleDocuments() {
        return db.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM papers WHERE indexed_hash IS NULL OR indexed_hash <> content_hash")
                .mapTo(Long.class)
                .one());
    }

    public long countMissingVectors(String modelId) {
        return db.withHandle(
                h -> h.createQuery("SELECT COUNT(*) FROM papers WHERE vector_model IS NULL OR vector_model <> :model")
                        .bind("model", modelId)
                        .mapTo(Long.class)
                        .one());
    }

    /**
     * Records that the index now holds these papers' documents built from these content hashes,
     * with a vector of {@code modelId} where {@code withVector} contains the id, and none otherwise.
     */
    public void markIndexed(Map<String, String> contentHashById, String modelId, java.util.Set<String> withVector) {
        if (contentHashById.isEmpty()) {
            return;
        }
        db.inTransaction(h -> {
            try (PreparedStatement ps = h.getConnection()
                    .prepareStatement("UPDATE papers SET indexed_hash = ?, vector_model = ? WHERE id = ?")) {
                for (Map.Entry<String, String> e : contentHashById.entrySet()) {
                    ps.setString(1, e.getValue());
                    ps.setString(2, withVector.contains(e.getKey()) ? modelId : null);
                    ps.setString(3, e.getKey());
                    ps.addBatch();
                }
                ps.executeBatch();
            } catch (SQLException e) {
                throw new StoreException("cannot record the index state", e);
            }
            return null;
        });
    }

    /** Forgets what the index holds, e.g. after the index directory was deleted or the model changed. */
    public void forgetIndex() {
        db.withHandle(h -> h.execute("UPDATE papers SET indexed_hash = NULL, vector_model = NULL"));
    }

    /** Cached vectors of {@code modelId} for these text keys. */
    public Map<String, float[]> cachedEmbeddings(String modelId, Collection<String> textKeys) {
        if (textKeys.isEmpty()) {
            return Map.of();
        }
        Map<String, float[]> out = new HashMap<>();
        db.withHandle(h -> {
            h.createQuery("SELECT text_key, vector FROM embeddings WHERE model_id = :model AND text_key IN (<keys>)")
                    .bind("model", modelId)
                    .bindList("keys", List.copyOf(textKeys))
                    .map((rs, ctx) -> Map.entry(rs.getString(1), floats(rs.getBytes(2))))
                    .forEach(e -> out.put(e.getKey(), e.getValue()));
            return null;
        });
        return out;
    }

    /** Adds vectors to the cache; keys already cached are left as they are. */
    public void cacheEmbeddings(String modelId, Map<String, float[]> vectorsByTextKey) {
        if (vectorsByTextKey.isEmpty()) {
            return;
        }
        String sql = db.dialect() == Database.Dialect.SQLITE
                ? "INSERT OR IGNORE INTO embeddings (model_id, text_key, vector) VALUES (?, ?, ?)"
                : "INSERT INTO embeddings (model_id, text_key, vector) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
        db.inTransaction(h -> {
            try (PreparedStatement ps = h.getConnection().prepareStatement(sql)) {
                for (Map.Entry<String, float[]> e : vectorsByTextKey.entrySet()) {
                    ps.setString(1, modelId);
                    ps.setString(2, e.getKey());
                    ps.setBytes(3, bytes(e.getValue()));
                    ps.addBatch();
                }
                ps.executeBatch();
            } catch (SQLException e) {
                throw new StoreException("cannot cache embeddings", e);
            }
            return null;
        });
    }

    static byte[] bytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    static float[] floats(byte[] bytes) {
        float[] v = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }
}
