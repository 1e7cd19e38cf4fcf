package org.paperboy.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.paperboy.paper.Links;
import org.paperboy.paper.Paper;

/**
 * The store's repositories, run the same way against every database Paperboy supports: each
 * subclass hands out URLs of new, empty databases and the tests migrate them through
 * {@link Database#open}.
 */
abstract class PaperRepositoryContract {

    static final Instant NOW = Instant.parse("2026-04-01T06:30:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final List<Database> opened = new ArrayList<>();

    String url;
    Database db;
    PaperRepository papers;
    RejectRepository rejects;
    ImportRunRepository runs;
    HarvestStateRepository harvests;

    /** The JDBC URL of a new, empty database that lives at least until the test ends. */
    abstract String newDatabaseUrl() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        url = newDatabaseUrl();
        db = open(url);
        papers = new PaperRepository(db, CLOCK);
        rejects = new RejectRepository(db, CLOCK);
        runs = new ImportRunRepository(db, CLOCK);
        harvests = new HarvestStateRepository(db, CLOCK);
    }

    @AfterEach
    void closeStores() {
        opened.forEach(Database::close);
    }

    Database open(String jdbcUrl) {
        Database d = Database.open(jdbcUrl);
        opened.add(d);
        return d;
    }

    static Paper fullPaper() {
        return Paper.builder("2603.28800")
                .version(2)
                .title("Sparse retrieval with $\\ell_1$ priors: Über-fast")
                .abstractText("We show that sparse priors help. Zürich 東京 \uD83D\uDE00 and TeX $O(n \\log n)$ stay.")
                .authorNames(List.of("Zoë Ångström", "Alan Turing", "Ada Lovelace"))
                .categories(List.of("cs.IR", "I.2.7; I.2.6", "cs.CL", "68T50"))
                .published(LocalDate.of(2026, 3, 30))
                .updated(LocalDate.of(2026, 3, 31))
                .listedOn(LocalDate.of(2026, 4, 1))
                .links(new Links(
                        "https://arxiv.org/abs/2603.28800",
                        "https://arxiv.org/pdf/2603.28800v2",
                        "https://github.com/example/sparse",
                        "https://example.org/sparse"))
                .comment("12 pages, 3 figures")
                .journalRef("JMLR 27 (2026) 1-12")
                .doi("10.48550/arXiv.2603.28800")
                .license("http://creativecommons.org/licenses/by/4.0/")
                .upvotes(42)
                .build();
    }

    static Paper minimalPaper(String id) {
        return Paper.builder(id)
                .title("Title of " + id)
                .abstractText("Abstract of " + id)
                .build();
    }

    void insert(Paper... ps) {
        db.inTransaction(h -> {
            papers.insertAll(h, List.of(ps));
            return null;
        });
    }

    @Test
    void stores_and_finds_every_field_of_a_paper() {
        Paper paper = fullPaper();

        insert(paper);

        Paper found = papers.find("2603.28800").orElseThrow();
        assertThat(found).isEqualTo(paper);
        assertThat(found.authors())
                .extracting(a -> a.name())
                .containsExactly("Zoë Ångström", "Alan Turing", "Ada Lovelace");
        assertThat(found.categories()).containsExactly("cs.IR", "I.2.7; I.2.6", "cs.CL", "68T50");
        assertThat(found.primaryCategory()).isEqualTo("cs.IR");
        assertThat(found.abstractText())
                .isEqualTo("We show that sparse priors help. Zürich 東京 \uD83D\uDE00 and TeX $O(n \\log n)$ stay.");
        assertThat(found.published()).isEqualTo(LocalDate.of(2026, 3, 30));
        assertThat(found.updated()).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(found.listedOn()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(found.links())
                .isEqualTo(new Links(
                        "https://arxiv.org/abs/2603.28800",
                        "https://arxiv.org/pdf/2603.28800v2",
                        "https://github.com/example/sparse",
                        "https://example.org/sparse"));
        assertThat(found.upvotes()).isEqualTo(42);
        assertThat(found.version()).isEqualTo(2);
    }

    @Test
    void reads_back_absent_optional_fields_as_null_and_empty() {
        insert(minimalPaper("doc-7"));

        Paper found = papers.find("doc-7").orElseThrow();

        assertThat(found).isEqualTo(minimalPaper("doc-7"));
        assertThat(found.version()).isZero();
        assertThat(found.authors()).isEmpty();
        assertThat(found.categories()).isEmpty();
        assertThat(found.primaryCategory()).isNull();
        assertThat(found.published()).isNull();
        assertThat(found.updated()).isNull();
        assertThat(found.listedOn()).isNull();
        assertThat(found.links()).isEqualTo(Links.NONE);
        assertThat(found.comment()).isNull();
        assertThat(found.journalRef()).isNull();
        assertThat(found.doi()).isNull();
        assertThat(found.license()).isNull();
        assertThat(found.upvotes()).isZero();
    }

    @Test
    void finds_nothing_for_an_unknown_id() {
        insert(fullPaper());

        assertThat(papers.find("2603.28801")).isEmpty();
    }

    @Test
    void findAll_returns_only_the_stored_papers_among_the_ids() {
        insert(fullPaper(), minimalPaper("doc-1"), minimalPaper("doc-2"));

        Map<String, Paper> found =
                db.withHandle(h -> papers.findAll(h, List.of("doc-2", "no-such-id", "2603.28800", "hep-th/9901001")));

        assertThat(found).containsOnly(entry("doc-2", minimalPaper("doc-2")), entry("2603.28800", fullPaper()));
        Map<String, Paper> unknown = db.withHandle(h -> papers.findAll(h, List.of("no-such-id")));
        Map<String, Paper> none = db.withHandle(h -> papers.findAll(h, List.of()));
        assertThat(unknown).isEmpty();
        assertThat(none).isEmpty();
    }

    @Test
    void updateAll_replaces_every_field_with_the_new_authors_and_categories() {
        insert(fullPaper(), minimalPaper("doc-1"));
        Paper changed = fullPaper().toBuilder()
                .version(3)
                .title("A new title")
                .authorNames(List.of("Alan Turing", "Grace Hopper"))
                .categories(List.of("cs.CL"))
                .comment(null)
                .links(new Links("https://arxiv.org/abs/2603.28800", null, null, null))
                .upvotes(43)
                .build();

        db.inTransaction(h -> {
            papers.updateAll(h, List.of(changed));
            return null;
        });

        Paper found = papers.find("2603.28800").orElseThrow();
        assertThat(found).isEqualTo(changed);
        assertThat(found.authors()).extracting(a -> a.name()).containsExactly("Alan Turing", "Grace Hopper");
        assertThat(found.categories()).containsExactly("cs.CL");
        assertThat(found.comment()).isNull();
        assertThat(papers.find("doc-1")).contains(minimalPaper("doc-1"));
        assertThat(papers.count()).isEqualTo(2);
    }

    @Test
    void updateAll_can_remove_every_author_and_category() {
        insert(fullPaper());
        Paper bare = fullPaper().toBuilder()
                .authorNames(List.of())
                .categories(List.of())
                .build();

        db.inTransaction(h -> {
            papers.updateAll(h, List.of(bare));
            return null;
        });

        Paper found = papers.find("2603.28800").orElseThrow();
        assertThat(found.authors()).isEmpty();
        assertThat(found.categories()).isEmpty();
        assertThat(found).isEqualTo(bare);
    }

    @Test
    void inserting_a_stored_id_again_fails_and_rolls_back_the_whole_transaction() {
        insert(minimalPaper("doc-1"));

        assertThatThrownBy(() -> insert(minimalPaper("doc-2"), minimalPaper("doc-1")))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot insert papers: ");

        assertThat(papers.count()).isEqualTo(1);
        assertThat(papers.find("doc-2")).isEmpty();
    }

    @Test
    void a_unit_of_work_commits_on_return_and_rolls_back_entirely_when_it_throws() {
        db.transaction(tx -> {
            papers.insertAll(tx, List.of(minimalPaper("doc-1")));
            return null;
        });

        assertThatThrownBy(() -> db.transaction(tx -> {
                    papers.insertAll(tx, List.of(minimalPaper("doc-2")));
                    throw new IllegalStateException("stop here");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("stop here");

        Map<String, Paper> stored = db.read(tx -> papers.findAll(tx, List.of("doc-1", "doc-2")));
        assertThat(stored).containsOnlyKeys("doc-1");
    }

    @Test
    void a_begun_transaction_stores_nothing_until_it_commits_and_nothing_after_a_rollback() {
        try (Transaction tx = db.begin()) {
            papers.insertAll(tx, List.of(minimalPaper("doc-1")));
            tx.rollback();
        }
        assertThat(papers.count()).isZero();

        try (Transaction tx = db.begin()) {
            papers.insertAll(tx, List.of(minimalPaper("doc-2")));
            tx.commit();
        }
        assertThat(papers.find("doc-2")).contains(minimalPaper("doc-2"));
        assertThat(papers.count()).isEqualTo(1);
    }

    @Test
    void hashes_are_the_content_hashes_of_the_stored_papers() {
        Paper full = fullPaper();
        Paper minimal = minimalPaper("doc-1");
        insert(full, minimal);

        Map<String, String> hashes = db.withHandle(h -> papers.hashes(h, List.of("2603.28800", "doc-1", "no-such-id")));

        assertThat(hashes)
                .containsOnly(
                        entry("2603.28800", PaperRepository.contentHash(full)),
                        entry("doc-1", PaperRepository.contentHash(minimal)));
        assertThat(hashes.get("2603.28800")).matches("[0-9a-f]{64}").isNotEqualTo(hashes.get("doc-1"));

        Paper changed = full.toBuilder().upvotes(43).build();
        db.inTransaction(h -> {
            papers.updateAll(h, List.of(changed));
            return null;
        });

        Map<String, String> after = db.withHandle(h -> papers.hashes(h, List.of("2603.28800")));
        Map<String, String> none = db.withHandle(h -> papers.hashes(h, List.of()));
        assertThat(after).containsOnly(entry("2603.28800", PaperRepository.contentHash(changed)));
        assertThat(PaperRepository.contentHash(changed)).isNotEqualTo(PaperRepository.contentHash(full));
        assertThat(none).isEmpty();
    }

    @Test
    void forEach_visits_every_paper_once_in_id_order_across_pages() {
        List<Paper> generated = new ArrayList<>();
        for (int i = 0; i < 2_345; i++) {
            // Ids of one shape, so every collation sorts them the same way.
            String id = String.format("25%02d.%05d", 1 + i % 12, i);
            generated.add(Paper.builder(id)
                    .title("Paper " + i)
                    .abstractText("Abstract " + i)
                    .authorNames(List.of("Author " + i, "Second Author"))
                    .categories(i % 2 == 0 ? List.of("cs.CL", "cs.AI") : List.of("cs.LG"))
                    .listedOn(LocalDate.of(2025, 1 + i % 12, 1 + i % 28))
                    .upvotes(i)
                    .build());
        }
        List<Paper> shuffled = new ArrayList<>(generated);
        java.util.Collections.shuffle(shuffled, new Random(7));
        db.inTransaction(h -> {
            papers.insertAll(h, shuffled);
            return null;
        });
        List<Paper> visited = new ArrayList<>();

        long count = papers.forEach(visited::add);

        assertThat(count).isEqualTo(2_345);
        assertThat(papers.count()).isEqualTo(2_345);
        generated.sort(Comparator.comparing(Paper::id));
        assertThat(visited).hasSize(2_345);
        assertThat(visited).containsExactlyElementsOf(generated);
        assertThat(visited.get(0).id()).isEqualTo("2501.00000");
        assertThat(visited.get(2_344).id()).isEqualTo("2512.02339");
    }

    @Test
    void first_gives_the_first_papers_in_id_order_with_authors_and_categories() {
        db.inTransaction(h -> {
            for (String id : List.of("2503.00003", "2501.00001", "2502.00002")) {
                papers.insertAll(
                        h,
                        List.of(Paper.builder(id)
                                .title("Paper " + id)
                                .abstractText("Abstract " + id)
                                .authorNames(List.of("Ada Lovelace"))
                                .categories(List.of("cs.IR"))
                                .build()));
            }
            return null;
        });

        assertThat(papers.first(2)).extracting(Paper::id).containsExactly("2501.00001", "2502.00002");
        assertThat(papers.first(2).get(0).categories()).containsExactly("cs.IR");
        assertThat(papers.first(10)).hasSize(3);
    }

    @Test
    void forEach_on_an_empty_store_visits_nothing() {
        List<Paper> visited = new ArrayList<>();

        assertThat(papers.forEach(visited::add)).isZero();
        assertThat(visited).isEmpty();
        assertThat(papers.count()).isZero();
    }

    @Test
    void stats_of_an_empty_store_are_zero_and_null() {
        PaperRepository.Stats stats = papers.stats(5);

        assertThat(stats).isEqualTo(new PaperRepository.Stats(0, 0, null, null, Map.of()));
    }

    @Test
    void stats_count_papers_listed_days_and_top_primary_categories_by_count_then_name() {
        insert(
                listed("2603.00001", "2026-03-30", "cs.CL", "cs.AI"),
                listed("2603.00002", "2026-03-30", "cs.CL"),
                listed("2603.00003", "2026-03-31", "cs.CL", "cs.LG"),
                listed("2603.00004", "2026-03-31", "cs.LG", "cs.AI"),
                listed("2604.00005", "2026-04-01", "cs.LG"),
                listed("2603.00006", "2026-03-27", "cs.AI", "cs.CL"),
                listed("2603.00007", null, "cs.AI"),
                listed("2603.00008", null),
                listed("2603.00009", "2026-03-31", "I.2.7; I.2.6", "cs.AI"));

        PaperRepository.Stats stats = papers.stats(4);

        assertThat(stats.papers()).isEqualTo(9);
        assertThat(stats.listedDays()).isEqualTo(4);
        assertThat(stats.firstDay()).isEqualTo(LocalDate.of(2026, 3, 27));
        assertThat(stats.lastDay()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(stats.topPrimaryCategories())
                .containsExactly(entry("cs.CL", 3L), entry("cs.AI", 2L), entry("cs.LG", 2L), entry("I.2.7; I.2.6", 1L));
        assertThat(papers.stats(2).topPrimaryCategories()).containsExactly(entry("cs.CL", 3L), entry("cs.AI", 2L));
    }

    private static Paper listed(String id, String day, String... categories) {
        return minimalPaper(id).toBuilder()
                .listedOn(day == null ? null : LocalDate.parse(day))
                .categories(List.of(categories))
                .build();
    }

    @Test
    void rejects_keep_raw_bytes_exactly_even_invalid_utf8_and_nul() {
        long run = runs.start("import bad.jsonl");
        byte[] raw = {'{', '"', 't', '"', ':', '"', 0, (byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, '"', '}'};
        Reject reject = new Reject("/data/bad.jsonl", 12, "arxiv-listing", "invalid UTF-8 at byte 8", raw);

        db.inTransaction(h -> {
            rejects.add(h, run, reject);
            return null;
        });

        List<RejectRepository.Stored> stored = rejects.ofRun(run);
        assertThat(stored).hasSize(1);
        RejectRepository.Stored s = stored.get(0);
        assertThat(s.runId()).isEqualTo(run);
        assertThat(s.reject().source()).isEqualTo("/data/bad.jsonl");
        assertThat(s.reject().line()).isEqualTo(12);
        assertThat(s.reject().format()).isEqualTo("arxiv-listing");
        assertThat(s.reject().reason()).isEqualTo("invalid UTF-8 at byte 8");
        assertThat(s.reject().raw()).isEqualTo(raw);
        assertThat(s.reject().rawIsUtf8()).isFalse();
        assertThat(rejects.unresolved(0, 10))
                .singleElement()
                .satisfies(u -> assertThat(u.reject().raw()).isEqualTo(raw));
    }

    @Test
    void a_reject_with_empty_raw_bytes_reads_back_empty() {
        long run = runs.start("import a.json");
        db.inTransaction(h -> {
            rejects.add(h, run, new Reject("a.json", 1, "hf-daily", "expected a JSON array of records", null));
            return null;
        });

        assertThat(rejects.ofRun(run)).singleElement().satisfies(s -> {
            assertThat(s.reject().raw()).isEmpty();
            assertThat(s.reject().rawIsUtf8()).isTrue();
        });
    }

    @Test
    void a_reject_must_belong_to_a_stored_run() {
        assertThatThrownBy(() -> db.inTransaction(h -> {
                    rejects.add(h, 999, new Reject("a.jsonl", 1, "beir", "reason", new byte[] {'x'}));
                    return null;
                }))
                .isInstanceOf(org.jdbi.v3.core.statement.UnableToExecuteStatementException.class);

        assertThat(rejects.countUnresolved()).isZero();
    }

    @Test
    void unresolved_rejects_page_by_id_and_leave_out_resolved_ones() {
        long first = runs.start("import a.jsonl");
        long second = runs.start("import b.jsonl");
        db.inTransaction(h -> {
            rejects.add(h, first, reject("a.jsonl", 1));
            rejects.add(h, first, reject("a.jsonl", 2));
            rejects.add(h, second, reject("b.jsonl", 1));
            rejects.add(h, second, reject("b.jsonl", 5));
            return null;
        });
        List<RejectRepository.Stored> all = rejects.unresolved(0, 100);
        assertThat(all)
                .extracting(s -> s.reject().source() + ":" + s.reject().line())
                .containsExactly("a.jsonl:1", "a.jsonl:2", "b.jsonl:1", "b.jsonl:5");
        assertThat(all).extracting(RejectRepository.Stored::runId).containsExactly(first, first, second, second);
        assertThat(rejects.countUnresolved()).isEqualTo(4);

        List<RejectRepository.Stored> page1 = rejects.unresolved(0, 2);
        List<RejectRepository.Stored> page2 = rejects.unresolved(page1.get(1).id(), 2);
        List<RejectRepository.Stored> page3 = rejects.unresolved(page2.get(1).id(), 2);
        assertThat(page1)
                .extracting(RejectRepository.Stored::id)
                .containsExactly(all.get(0).id(), all.get(1).id());
        assertThat(page2)
                .extracting(RejectRepository.Stored::id)
                .containsExactly(all.get(2).id(), all.get(3).id());
        assertThat(page3).isEmpty();

        long retry = runs.start("import --retry-rejected");
        db.inTransaction(h -> {
            rejects.markResolved(h, all.get(1).id(), retry);
            rejects.markResolved(h, all.get(2).id(), retry);
            return null;
        });

        assertThat(rejects.countUnresolved()).isEqualTo(2);
        assertThat(rejects.unresolved(0, 100))
                .extracting(RejectRepository.Stored::id)
                .containsExactly(all.get(0).id(), all.get(3).id());
        assertThat(rejects.ofRun(first))
                .extracting(RejectRepository.Stored::id)
                .containsExactly(all.get(0).id(), all.get(1).id());
        assertThat(rejects.ofRun(second))
                .extracting(RejectRepository.Stored::id)
                .containsExactly(all.get(2).id(), all.get(3).id());
        assertThat(rejects.ofRun(retry)).isEmpty();
    }

    @Test
    void updateReason_changes_only_the_reason_of_that_reject() {
        long run = runs.start("import a.jsonl");
        db.inTransaction(h -> {
            rejects.add(h, run, reject("a.jsonl", 1));
            rejects.add(h, run, reject("a.jsonl", 2));
            return null;
        });
        List<RejectRepository.Stored> before = rejects.ofRun(run);

        db.inTransaction(h -> {
            rejects.updateReason(h, before.get(0).id(), "title: missing or empty");
            return null;
        });

        List<RejectRepository.Stored> after = rejects.ofRun(run);
        assertThat(after)
                .extracting(s -> s.reject().reason())
                .containsExactly("title: missing or empty", "reason for line 2");
        assertThat(after.get(0).reject().raw()).isEqualTo(before.get(0).reject().raw());
        assertThat(after.get(0).reject().line()).isEqualTo(1);
        assertThat(rejects.countUnresolved()).isEqualTo(2);
    }

    private static Reject reject(String source, long line) {
        return new Reject(
                source,
                line,
                "arxiv-listing",
                "reason for line " + line,
                ("{\"line\":" + line + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void import_runs_are_numbered_counted_and_finished_with_their_counts() {
        assertThat(runs.count()).isZero();

        long first = runs.start("import 2 file(s)");
        long second = runs.start("harvest oai");
        runs.finish(first, 5, 4, 3, 2, "ok");

        assertThat(second).isGreaterThan(first);
        assertThat(runs.count()).isEqualTo(2);
        assertThat(runRow(first)).isEqualTo("import 2 file(s)|2026-04-01T06:30:00Z|2026-04-01T06:30:00Z|5|4|3|2|ok");
        assertThat(runRow(second)).isEqualTo("harvest oai|2026-04-01T06:30:00Z|null|0|0|0|0|running");
    }

    private String runRow(long id) {
        return db.withHandle(h -> h.createQuery("SELECT command, started_at, finished_at, imported, updated, "
                        + "unchanged, rejected, status FROM import_runs WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|"
                        + rs.getLong(4) + "|" + rs.getLong(5) + "|" + rs.getLong(6) + "|" + rs.getLong(7) + "|"
                        + rs.getString(8))
                .one());
    }

    @Test
    void harvest_state_is_inserted_then_updated_per_endpoint() {
        String endpoint = "https://oaipmh.arxiv.org/oai|cs";
        HarvestStateRepository.State started =
                new HarvestStateRepository.State(endpoint, "6960524|1001", LocalDate.of(2026, 3, 1), null, null, 1);
        HarvestStateRepository.State done = new HarvestStateRepository.State(
                endpoint, null, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31), LocalDate.of(2026, 3, 31), 7);
        HarvestStateRepository.State other = new HarvestStateRepository.State(
                "https://oaipmh.arxiv.org/oai|math", null, null, null, LocalDate.of(2026, 2, 28), 3);

        assertThat(harvests.find(endpoint)).isEmpty();
        db.inTransaction(h -> {
            harvests.save(h, started);
            harvests.save(h, other);
            return null;
        });
        assertThat(harvests.find(endpoint)).contains(started);

        db.inTransaction(h -> {
            harvests.save(h, done);
            return null;
        });

        assertThat(harvests.find(endpoint)).contains(done);
        assertThat(harvests.find("https://oaipmh.arxiv.org/oai|math")).contains(other);
        assertThat(harvests.find("https://oaipmh.arxiv.org/oai|physics")).isEmpty();
        long rows = db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM harvest_state")
                .mapTo(Long.class)
                .one());
        assertThat(rows).isEqualTo(2);
    }

    @Test
    void a_harvest_state_saved_in_a_rolled_back_transaction_is_not_kept() {
        HarvestStateRepository.State s =
                new HarvestStateRepository.State("https://oaipmh.arxiv.org/oai|cs", "t", null, null, null, 1);

        assertThatThrownBy(() -> db.inTransaction(h -> {
                    harvests.save(h, s);
                    throw new IllegalStateException("page failed");
                }))
                .hasMessage("page failed");

        assertThat(harvests.find("https://oaipmh.arxiv.org/oai|cs")).isEmpty();
    }

    @Test
    void opening_the_same_database_again_migrates_once_and_keeps_the_data() {
        insert(fullPaper());
        long run = runs.start("import a.jsonl");
        List<String> applied = migrations(db);

        Database again = open(url);

        assertThat(new PaperRepository(again, CLOCK).find("2603.28800")).contains(fullPaper());
        assertThat(new ImportRunRepository(again, CLOCK).count()).isEqualTo(1);
        assertThat(applied).startsWith("1", "2", "3").doesNotHaveDuplicates();
        assertThat(migrations(again)).isEqualTo(applied);
        db.close();
        Database third = open(url);
        assertThat(new PaperRepository(third, CLOCK).count()).isEqualTo(1);
        assertThat(new ImportRunRepository(third, CLOCK).start("import b.jsonl"))
                .isGreaterThan(run);
    }

    private static List<String> migrations(Database d) {
        return d.withHandle(
                h -> h.createQuery("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")
                        .mapTo(String.class)
                        .list());
    }

    @Test
    void narrows_the_feed_to_a_category_in_any_case_and_counts_the_periods_categories() {
        LocalDate day = LocalDate.of(2026, 4, 1);
        db.inTransaction(h -> {
            papers.insertAll(
                    h,
                    List.of(
                            feedPaper("2604.00001", day, 3, "cs.CL", "cs.LG"),
                            feedPaper("2604.00002", day, 7, "cs.LG"),
                            feedPaper("2604.00003", day, 5, "cs.CV", "cs.CL"),
                            feedPaper("2604.00004", day.minusDays(1), 9, "cs.CL")));
            return null;
        });
        FeedRepository feed = new FeedRepository(db, papers);

        assertThat(feed.count(day, day, "CS.cl")).isEqualTo(2);
        assertThat(feed.count(day, day, null)).isEqualTo(3);
        assertThat(feed.mostUpvoted(day, day, "cs.CL", 0, 10).stream()
                        .map(FeedRepository.Ranked::id)
                        .toList())
                .containsExactly("2604.00003", "2604.00001");
        assertThat(feed.newest(day.minusDays(1), day, "cs.cl", 1, 10).stream()
                        .map(FeedRepository.Ranked::id)
                        .toList())
                .containsExactly("2604.00001", "2604.00004");
        assertThat(feed.listed(day, day, 4, "cs.CL").stream()
                        .map(FeedRepository.Ranked::id)
                        .toList())
                .containsExactly("2604.00003");
        assertThat(feed.categoryCounts(day, day, 2))
                .containsExactly(
                        new FeedRepository.CategoryCount("cs.CL", 2), new FeedRepository.CategoryCount("cs.LG", 2));
        feed.setHidden("2604.00003", true);
        assertThat(feed.categoryCounts(day, day, 10))
                .containsExactly(
                        new FeedRepository.CategoryCount("cs.LG", 2), new FeedRepository.CategoryCount("cs.CL", 1));
    }

    private static Paper feedPaper(String id, LocalDate listed, int upvotes, String... categories) {
        return Paper.builder(id)
                .title("Paper " + id)
                .abstractText("About " + id + ".")
                .categories(List.of(categories))
                .listedOn(listed)
                .upvotes(upvotes)
                .build();
    }
}
