package org.paperboy.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
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

    /** Inserts new papers; none of their ids may be stored yet. */
    public void insertAll(Handle h, List<Paper> papers) {
        if (papers.isEmpty()) {
            return;
        }
        String now = clock.instant().toString();
        PreparedBatch batch = h.prepareBatch("INSERT INTO papers (" + COLUMNS + ", stored_at, changed_at) VALUES "
                + "(:id, :version, :title, :abstract, :published, :updated, :listed_on, :abs_url, :pdf_url, "
                + ":code_url, :project_url, :comment, :journal_ref, :doi, :license, :upvotes, :now, :now)");
        for (Paper p : papers) {
            bindPaper(batch, p).bind("now", now).add();
        }
        batch.execute();
        insertChildren(h, papers);
    }

    /** Replaces stored papers (matched by id) with these versions. */
    public void updateAll(Handle h, List<Paper> papers) {
        if (papers.isEmpty()) {
            return;
        }
        String now = clock.instant().toString();
        PreparedBatch batch = h.prepareBatch("UPDATE papers SET version = :version, title = :title, "
                + "abstract = :abstract, published = :published, updated = :updated, listed_on = :listed_on, "
                + "abs_url = :abs_url, pdf_url = :pdf_url, code_url = :code_url, project_url = :project_url, "
                + "comment = :comment, journal_ref = :journal_ref, doi = :doi, license = :license, "
                + "upvotes = :upvotes, changed_at = :now WHERE id = :id");
        for (Paper p : papers) {
            bindPaper(batch, p).bind("now", now).add();
        }
        batch.execute();
        List<String> ids = papers.stream().map(Paper::id).toList();
        h.createUpdate("DELETE FROM paper_authors WHERE paper_id IN (<ids>)").bindList("ids", ids).execute();
        h.createUpdate("DELETE FROM paper_categories WHERE paper_id IN (<ids>)").bindList("ids", ids).execute();
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
            String from = after;
            List<Paper> page = db.withHandle(h -> {
                Map<String, Row> rows = new LinkedHashMap<>();
                h.createQuery("SELECT " + COLUMNS + " FROM papers WHERE id > :after ORDER BY id LIMIT 1000")
                        .bind("after", from)
                        .map((rs, ctx) -> readRow(rs))
                        .forEach(r -> rows.put(r.id, r));
                loadChildren(h, rows);
                return rows.values().stream().map(Row::toPaper).toList();
            });
            if (page.isEmpty()) {
                return count;
            }
            page.forEach(action);
            count += page.size();
            after = page.get(page.size() - 1).id();
        }
    }

    public long count() {
        return db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM papers").mapTo(Long.class).one());
    }

    /** Figures for {@code paperboy stats}. */
    public Stats stats(int topCategories) {
        return db.withHandle(h -> {
            long papers = h.createQuery("SELECT COUNT(*) FROM papers").mapTo(Long.class).one();
            long days = h.createQuery("SELECT COUNT(DISTINCT listed_on) FROM papers WHERE listed_on IS NOT NULL")
                    .mapTo(Long.class).one();
            Map<String, Object> range = h.createQuery(
                            "SELECT MIN(listed_on) AS first_day, MAX(listed_on) AS last_day FROM papers")
                    .mapToMap().one();
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
    public record Stats(long papers, long listedDays, LocalDate firstDay, LocalDate lastDay,
            Map<String, Long> topPrimaryCategories) {}

    private static LocalDate date(Object o) {
        return o == null ? null : LocalDate.parse(o.toString());
    }

    private static PreparedBatch bindPaper(PreparedBatch batch, Paper p) {
        return batch.bind("id", p.id())
                .bind("version", p.version())
                .bind("title", p.title())
                .bind("abstract", p.abstractText())
                .bind("published", iso(p.published()))
                .bind("updated", iso(p.updated()))
                .bind("listed_on", iso(p.listedOn()))
                .bind("abs_url", p.links().abs())
                .bind("pdf_url", p.links().pdf())
                .bind("code_url", p.links().code())
                .bind("project_url", p.links().project())
                .bind("comment", p.comment())
                .bind("journal_ref", p.journalRef())
                .bind("doi", p.doi())
                .bind("license", p.license())
                .bind("upvotes", p.upvotes());
    }

    private static void insertChildren(Handle h, List<Paper> papers) {
        PreparedBatch authors = h.prepareBatch(
                "INSERT INTO paper_authors (paper_id, position, name) VALUES (:paper_id, :position, :name)");
        PreparedBatch categories = h.prepareBatch(
                "INSERT INTO paper_categories (paper_id, position, category) VALUES (:paper_id, :position, :category)");
        boolean anyAuthor = false;
        boolean anyCategory = false;
        for (Paper p : papers) {
            for (int i = 0; i < p.authors().size(); i++) {
                authors.bind("paper_id", p.id()).bind("position", i).bind("name", p.authors().get(i).name()).add();
                anyAuthor = true;
            }
            for (int i = 0; i < p.categories().size(); i++) {
                categories.bind("paper_id", p.id()).bind("position", i).bind("category", p.categories().get(i)).add();
                anyCategory = true;
            }
        }
        if (anyAuthor) {
            authors.execute();
        }
        if (anyCategory) {
            categories.execute();
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
                .links(new Links(rs.getString("abs_url"), rs.getString("pdf_url"), rs.getString("code_url"),
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
