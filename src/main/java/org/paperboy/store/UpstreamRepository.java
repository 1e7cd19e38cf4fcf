package org.paperboy.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.paperboy.paper.UpstreamFacts;

/**
 * The upstream facts of papers ({@code paper_upstream}): written by the scheduled sources inside
 * the transaction that stores the page they came from, read by the cards and paper pages (one
 * query per list).
 */
public final class UpstreamRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final Database db;
    private final Clock clock;

    public UpstreamRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** {@link #saveAll(Handle, Map)} in the unit of work {@code tx}. */
    public void saveAll(Transaction tx, Map<String, UpstreamFacts> facts) {
        saveAll(tx.handle(), facts);
    }

    /** Writes the facts of stored papers (keyed by id) in the caller's transaction, replacing older ones. */
    public void saveAll(Handle h, Map<String, UpstreamFacts> facts) {
        long now = clock.instant().getEpochSecond();
        for (Map.Entry<String, UpstreamFacts> e : facts.entrySet()) {
            UpstreamFacts f = e.getValue();
            h.createUpdate("DELETE FROM paper_upstream WHERE paper_id = :id")
                    .bind("id", e.getKey())
                    .execute();
            h.createUpdate("INSERT INTO paper_upstream (paper_id, source, organization, organization_slug, "
                            + "submitter, submitter_slug, thumbnail_url, github_stars, comments, ai_summary, "
                            + "ai_keywords, fetched_at) VALUES (:id, :source, :org, :orgSlug, :submitter, "
                            + ":submitterSlug, :thumb, :stars, :comments, :summary, :keywords, :at)")
                    .bind("id", e.getKey())
                    .bind("source", f.source())
                    .bind("org", f.organization())
                    .bind("orgSlug", f.organizationSlug())
                    .bind("submitter", f.submitter())
                    .bind("submitterSlug", f.submitterSlug())
                    .bind("thumb", f.thumbnailUrl())
                    .bind("stars", f.githubStars())
                    .bind("comments", f.comments())
                    .bind("summary", f.aiSummary())
                    .bind("keywords", f.aiKeywords().isEmpty() ? null : json(f.aiKeywords()))
                    .bind("at", now)
                    .execute();
        }
    }

    /**
     * A paper's popularity in its two parts, the upstream's count (imported, refreshed by the
     * sources) and the votes cast here, with its upstream facts ({@code null} when none).
     */
    public record Popularity(int upstream, int local, UpstreamFacts facts) {
        public int total() {
            return upstream + local;
        }
    }

    /** The popularity and facts of the papers among {@code ids}: one query, for a list of cards. */
    public Map<String, Popularity> popularity(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, Popularity> out = new HashMap<>();
        db.withHandle(h -> h.createQuery("SELECT p.id, p.upvotes, p.votes, u.source, u.organization, "
                                + "u.organization_slug, u.submitter, u.submitter_slug, u.thumbnail_url, u.github_stars, "
                                + "u.comments, u.ai_summary, u.ai_keywords FROM papers p "
                                + "LEFT JOIN paper_upstream u ON u.paper_id = p.id WHERE p.id IN (<ids>)")
                        .bindList("ids", List.copyOf(ids))
                        .map((rs, ctx) -> Map.entry(
                                rs.getString(1),
                                new Popularity(
                                        rs.getInt(2),
                                        rs.getInt(3),
                                        rs.getString(4) == null
                                                ? null
                                                : new UpstreamFacts(
                                                        rs.getString(4),
                                                        rs.getString(5),
                                                        rs.getString(6),
                                                        rs.getString(7),
                                                        rs.getString(8),
                                                        rs.getString(9),
                                                        integer(rs, 10),
                                                        integer(rs, 11),
                                                        rs.getString(12),
                                                        keywords(rs.getString(13))))))
                        .list())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /**
     * The ids of the papers the upstream says {@code submitter} put on its list, matched by user
     * name (the slug) or full name, ignoring case.
     */
    public Set<String> submittedBy(String submitter) {
        return Set.copyOf(db.withHandle(h -> h.createQuery("SELECT paper_id FROM paper_upstream "
                        + "WHERE LOWER(submitter_slug) = LOWER(:s) OR LOWER(submitter) = LOWER(:s)")
                .bind("s", submitter)
                .mapTo(String.class)
                .list()));
    }

    /** The facts known for the papers among {@code ids}. */
    public Map<String, UpstreamFacts> of(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, UpstreamFacts> out = new HashMap<>();
        db.withHandle(h -> h.createQuery("SELECT paper_id, source, organization, organization_slug, submitter, "
                                + "submitter_slug, thumbnail_url, github_stars, comments, ai_summary, ai_keywords "
                                + "FROM paper_upstream WHERE paper_id IN (<ids>)")
                        .bindList("ids", List.copyOf(ids))
                        .map((rs, ctx) -> Map.entry(
                                rs.getString(1),
                                new UpstreamFacts(
                                        rs.getString(2),
                                        rs.getString(3),
                                        rs.getString(4),
                                        rs.getString(5),
                                        rs.getString(6),
                                        rs.getString(7),
                                        integer(rs, 8),
                                        integer(rs, 9),
                                        rs.getString(10),
                                        keywords(rs.getString(11)))))
                        .list())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static Integer integer(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static String json(List<String> list) {
        try {
            return JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write keywords " + list, e);
        }
    }

    private static List<String> keywords(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            return JSON.readValue(text, STRINGS);
        } catch (JsonProcessingException e) {
            return List.of(); // written by saveAll, so only a hand edit gets here: show no keywords
        }
    }
}
