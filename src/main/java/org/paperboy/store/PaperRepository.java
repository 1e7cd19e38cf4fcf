package org.paperboy.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.paperboy.paper.Author;
import org.paperboy.paper.Links;
import org.paperboy.paper.Paper;

/**
 * Reads and writes {@link Paper}s with their ordered authors and categories. Methods taking a
 * {@link Handle} run inside the caller's transaction; the others open their own.
 */
public final class PaperRepository {

    private static final String COLUMNS = "id, version, title, abstract, published, updated, listed_on, abs_url, "
            + "pdf_url, code_url, project_url, comment, journal_ref, doi, license, upvotes";

    private final Database db;
    private final Clock clock;

    public PaperRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Optional<Paper> find(String id) {
        return Optional.ofNullable(db.withHandle(h -> findAll(h, List.of(id)).get(id)));
    }

    /** {@link #findAll(Handle, Collection)} in the unit of work {@code tx}. */
    public Map<String, Paper> findAll(Transaction tx, Collection<String> ids) {
        return findAll(tx.handle(), ids);
    }

    /** {@link #hashes(Handle, Collection)} in the unit of work {@code tx}. */
    public Map<String, String> hashes(Transaction tx, Collection<String> ids) {
        return hashes(tx.handle(), ids);
    }

    /** {@link #insertAll(Handle, List)} in the unit of work {@code tx}. */
    public void insertAll(Transaction tx, List<Paper> papers) {
        insertAll(tx.handle(), papers);
    }

    /** {@link #updateAll(Handle, List)} in the unit of work {@code tx}. */
    public void updateAll(Transaction tx, List<Paper> papers) {
        updateAll(tx.handle(), papers);
    }

    /** The stored papers among {@code ids}, keyed by id; unknown ids are absent. */
    public Map<String, Paper> findAll(Handle h, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        h.createQuery("SELECT " + COLUMNS + " FROM papers WHERE id IN (<ids>)")
                .bindList("ids", List.copyOf(ids))
                .map((rs, ctx) -> readRow(rs))
                .forEach(r -> rows.put(r.id, r));
        if (rows.isEmpty()) {
            return Map.of();
        }
        loadChildren(h, rows);
        Map<String, Paper> out = new HashMap<>(rows.size() * 2);
        rows.forEach((id, r) -> out.put(id, r.toPaper()));
        return out;
    }

    /** The content hashes of the stored papers among {@code ids}, keyed by id. */
    public Map<String, String> hashes(Handle h, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>(ids.size() * 2);
        h.createQuery("SELECT id, content_hash FROM papers WHERE id IN (<ids>)")
                .bindList("ids", List.copyOf(ids))
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /**
     * A SHA-256 over every stored field of {@code p}, in a fixed order with lengths, so equal
     * papers (and only those, barring a collision) hash the same.
     */
    public static String contentHash(Paper p) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
        StringBuilder sb =
                new StringBuilder(p.title().length() + p.abstractText().length() + 512);
        field(sb, p.id());
        field(sb, Integer.toString(p.version()));
        field(sb, p.title());
        field(sb, p.abstractText());
        field(sb, Integer.toString(p.authors().size()));
        for (Author a : p.authors()) {
            field(sb, a.name());
        }
        field(sb, Integer.toString(p.categories().size()));
        for (String c : p.categories()) {
            field(sb, c);
        }
        field(sb, iso(p.published()));
        field(sb, iso(p.updated()));
        field(sb, iso(p.listedOn()));
        field(sb, p.links().abs());
        field(sb, p.links().pdf());
        field(sb, p.links().code());
        field(sb, p.links().project());
        field(sb, p.comment());
        field(sb, p.journalRef());
        field(sb, p.doi());
        field(sb, p.license());
        field(sb, Integer.toString(p.upvotes()));
        return HexFormat.of().formatHex(sha.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void field(StringBuilder sb, String v) {
        if (v == null) {
            sb.append("-1:");
        } else {
            sb.append(v.length()).append(':').append(v);
        }
    }

    /** Inserts new papers; none of their ids may be stored yet. */
    public void insertAll(Handle h, List<Paper> papers) {
        if (papers.isEmpty()) {
            return;
        }
        String now = clock.instant().toString();
        // Plain JDBC batches: this is the import's hot path, and Jdbi's per-bind overhead showed in profiles.
        String sql = "INSERT INTO papers (" + COLUMNS + ", content_hash, stored_at, changed_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = h.getConnection().prepareStatement(sql)) {
            for (Paper p : papers) {
                int i = bindPaper(ps, p);
                ps.setString(i++, contentHash(p));
                ps.setString(i++, now);
                ps.setString(i, now);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new StoreException("cannot insert papers", e);
        }
        insertChildren(h, papers);
    }

    /** Replaces stored papers (matched by id) with these versions. */
    public void updateAll(Handle h, List<Paper> papers) {
        if (papers.isEmpty()) {
            return;
        }
        String now = clock.instant().toString();
        String sql = "UPDATE papers SET id = ?, version = ?, title = ?, abstract = ?, published = ?, updated = ?, "
                + "listed_on = ?, abs_url = ?, pdf_url = ?, code_url = ?, project_url = ?, comment = ?, "
                + "journal_ref = ?, doi = ?, license = ?, upvotes = ?, content_hash = ?, changed_at = ? WHERE id = ?";
        try (PreparedStatement ps = h.getConnection().prepareStatement(sql)) {
            for (Paper p : papers) {
                int i = bindPaper(ps, p);
                ps.setString(i++, contentHash(p));
                ps.setString(i++, now);
                ps.setString(i, p.id());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new StoreException("cannot update papers", e);
        }
        List<String> ids = papers.stream().map(Paper::id).toList();
        h.createUpdate("DELETE FROM paper_authors WHERE paper_id IN (<ids>)")
                .bindList("ids", ids)
                .execute();
        h.createUpdate("DELETE FROM paper_categories WHERE paper_id IN (<ids>)")
                .bindList("ids", ids)
                .execute();
        insertChildren(h, papers);
    }

    /**
     * Calls {@code action} for every stored paper in id order, a page at a time, so memory stays
     * flat whatever the number of papers.
     */
    public long forEach(Consumer<Paper> action) {
        long count = 0;
        String after = "";
        while (true) {
            List<Paper> page = page(after, 1000);
            if (page.isEmpty()) {
                return count;
            }
            page.forEach(action);
            count += page.size();
            after = page.get(page.size() - 1).id();
        }
    }

    /** The first {@code limit} stored papers in id order (fewer when the store holds fewer). */
    public List<Paper> first(int limit) {
        return page("", limit);
    }

    private List<Paper> page(String after, int limit) {
        return db.withHandle(h -> {
            Map<String, Row> rows = new LinkedHashMap<>();
            h.createQuery("SELECT " + COLUMNS + " FROM papers WHERE id > :after ORDER BY id LIMIT :limit")
                    .bind("after", after)
                    .bind("limit", limit)
                    .map((rs, ctx) -> readRow(rs))
                    .forEach(r -> rows.put(r.id, r));
            loadChildren(h, rows);
            return rows.values().stream().map(Row::toPaper).toList();
        });
    }

    public long count() {
        return db.withHandle(h ->
                h.createQuery("SELECT COUNT(*) FROM papers").mapTo(Long.class).one());
    }

    /** Figures for {@code paperboy stats}. */
    public Stats stats(int topCategories) {
        return db.withHandle(h -> {
            long papers = h.createQuery("SELECT COUNT(*) FROM papers")
                    .mapTo(Long.class)
                    .one();
            long days = h.createQuery("SELECT COUNT(DISTINCT listed_on) FROM papers WHERE listed_on IS NOT NULL")
                    .mapTo(Long.class)
                    .one();
            Map<String, Object> range = h.createQuery(
                            "SELECT MIN(listed_on) AS first_day, MAX(listed_on) AS last_day FROM papers")
                    .mapToMap()
                    .one();
            Map<String, Long> top = new LinkedHashMap<>();
            h.createQuery("SELECT category, COUNT(*) AS n FROM paper_categories WHERE position = 0 "
                            + "GROUP BY category ORDER BY n DESC, category LIMIT :limit")
                    .bind("limit", topCategories)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .forEach(e -> top.put(e.getKey(), e.getValue()));
            return new Stats(papers, days, date(range.get("first_day")), date(range.get("last_day")), top);
        });
    }

    /** Paper counts: total, distinct listed days, first and last listed day, top primary categories. */
    public record Stats(
            long papers,
            long listedDays,
            LocalDate firstDay,
            LocalDate lastDay,
            Map<String, Long> topPrimaryCategories) {}

    private static LocalDate date(Object o) {
        return o == null ? null : LocalDate.parse(o.toString());
    }

    /** Binds the {@link #COLUMNS} of {@code p}; returns the next parameter index. */
    private static int bindPaper(PreparedStatement ps, Paper p) throws SQLException {
        int i = 1;
        ps.setString(i++, p.id());
        ps.setInt(i++, p.version());
        ps.setString(i++, p.title());
        ps.setString(i++, p.abstractText());
        ps.setString(i++, iso(p.published()));
        ps.setString(i++, iso(p.updated()));
        ps.setString(i++, iso(p.listedOn()));
        ps.setString(i++, p.links().abs());
        ps.setString(i++, p.links().pdf());
        ps.setString(i++, p.links().code());
        ps.setString(i++, p.links().project());
        ps.setString(i++, p.comment());
        ps.setString(i++, p.journalRef());
        ps.setString(i++, p.doi());
        ps.setString(i++, p.license());
        ps.setInt(i++, p.upvotes());
        return i;
    }

    private static void insertChildren(Handle h, List<Paper> papers) {
        Connection c = h.getConnection();
        try (PreparedStatement authors =
                        c.prepareStatement("INSERT INTO paper_authors (paper_id, position, name) VALUES (?, ?, ?)");
                PreparedStatement categories = c.prepareStatement(
                        "INSERT INTO paper_categories (paper_id, position, category) VALUES (?, ?, ?)")) {
            boolean anyAuthor = false;
            boolean anyCategory = false;
            for (Paper p : papers) {
                for (int i = 0; i < p.authors().size(); i++) {
                    authors.setString(1, p.id());
                    authors.setInt(2, i);
                    authors.setString(3, p.authors().get(i).name());
                    authors.addBatch();
                    anyAuthor = true;
                }
                for (int i = 0; i < p.categories().size(); i++) {
                    categories.setString(1, p.id());
                    categories.setInt(2, i);
                    categories.setString(3, p.categories().get(i));
                    categories.addBatch();
                    anyCategory = true;
                }
            }
            if (anyAuthor) {
                authors.executeBatch();
            }
            if (anyCategory) {
                categories.executeBatch();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot store authors and categories", e);
        }
    }

    private static void loadChildren(Handle h, Map<String, Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<String> ids = List.copyOf(rows.keySet());
        h.createQuery("SELECT paper_id, name FROM paper_authors WHERE paper_id IN (<ids>) ORDER BY paper_id, position")
                .bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> rows.get(e.getKey()).authors.add(new Author(e.getValue())));
        h.createQuery("SELECT paper_id, category FROM paper_categories WHERE paper_id IN (<ids>) "
                        + "ORDER BY paper_id, position")
                .bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> rows.get(e.getKey()).categories.add(e.getValue()));
    }

    private static String iso(LocalDate d) {
        return d == null ? null : d.toString();
    }

    private static Row readRow(ResultSet rs) throws SQLException {
        Row r = new Row();
        r.id = rs.getString("id");
        r.builder = Paper.builder(r.id)
                .version(rs.getInt("version"))
                .title(rs.getString("title"))
                .abstractText(rs.getString("abstract"))
                .published(date(rs.getString("published")))
                .updated(date(rs.getString("updated")))
                .listedOn(date(rs.getString("listed_on")))
                .links(new Links(
                        rs.getString("abs_url"),
                        rs.getString("pdf_url"),
                        rs.getString("code_url"),
                        rs.getString("project_url")))
                .comment(rs.getString("comment"))
                .journalRef(rs.getString("journal_ref"))
                .doi(rs.getString("doi"))
                .license(rs.getString("license"))
                .upvotes(rs.getInt("upvotes"));
        return r;
    }

    /** A paper row while its authors and categories are being read. */
    private static final class Row {
        String id;
        Paper.Builder builder;
        final List<Author> authors = new ArrayList<>();
        final List<String> categories = new ArrayList<>();

        Paper toPaper() {
            return builder.authors(authors).categories(categories).build();
        }
    }
}
