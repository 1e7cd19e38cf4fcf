package org.paperboy.search.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.common.util.NamedList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperboy.cli.Services;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.embed.OnnxEmbedder;
import org.paperboy.paper.Links;
import org.paperboy.paper.Paper;
import org.paperboy.search.BackgroundIndexer;
import org.paperboy.search.ClusterState;
import org.paperboy.search.Filters;
import org.paperboy.search.Fusion;
import org.paperboy.search.Hit;
import org.paperboy.search.IndexService;
import org.paperboy.search.PaperIndex;
import org.paperboy.search.QueryEvidence;
import org.paperboy.search.ScoredId;
import org.paperboy.search.SearchMode;
import org.paperboy.search.SearchRequest;
import org.paperboy.search.SearchResults;
import org.paperboy.search.Searcher;
import org.paperboy.search.SharedIndex;

/**
 * The SolrCloud backend against a real cluster (2 Solr nodes and ZooKeeper from Solr's test
 * framework, in a child JVM): Paperboy creates its collection with 2 shards of 2 replicas, indexes
 * twelve papers of our own from the store with MiniLM vectors through {@link IndexService}, and
 * must rank them as the embedded Lucene index does on the same papers, filter, highlight, delete,
 * and keep answering when one node stops.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SolrBackendIT {

    private static final String COLLECTION = "papers";
    private static final LocalDate MAR_2 = LocalDate.of(2026, 3, 2);
    private static final LocalDate MAR_3 = LocalDate.of(2026, 3, 3);
    private static final LocalDate MAR_4 = LocalDate.of(2026, 3, 4);

    private static final List<Paper> PAPERS = List.of(
            paper(
                    "2603.10001",
                    "Dense retrieval with learned embeddings",
                    "We train a dual encoder that maps queries and passages to embeddings, so that retrieval "
                            + "becomes a nearest neighbour search over the passages of a collection.",
                    List.of("Ada Lovelace", "Alan Turing"),
                    List.of("cs.IR", "cs.CL"),
                    MAR_2,
                    "https://github.com/example/dense"),
            paper(
                    "2603.10002",
                    "Sparse lexical matching with BM25",
                    "BM25 ranks documents by term frequency and inverse document frequency; it remains a strong "
                            + "baseline for retrieving passages.",
                    List.of("Grace Hopper"),
                    List.of("cs.IR"),
                    MAR_2,
                    null),
            paper(
                    "2603.10003",
                    "Hybrid search fuses lexical and dense rankings",
                    "Fusing BM25 with a dense retriever by normalized scores or reciprocal ranks beats either "
                            + "ranking alone on question answering & web search <benchmarks>.",
                    List.of("José García-López", "Ada Lovelace"),
                    List.of("cs.IR"),
                    MAR_3,
                    "https://github.com/example/hybrid"),
            paper(
                    "2603.10004",
                    "Protein structure prediction with attention",
                    "We predict the three-dimensional fold of a protein from its amino acid sequence with a "
                            + "transformer.",
                    List.of("Rosalind Franklin"),
                    List.of("q-bio.BM", "cs.LG"),
                    MAR_3,
                    null),
            paper(
                    "2603.10005",
                    "Heart disease risk from electronic health records",
                    "A model estimates the chance of a cardiac event from the histories of patients in a "
                            + "hospital.",
                    List.of("Florence Nightingale"),
                    List.of("cs.LG"),
                    MAR_3,
                    null),
            paper(
                    "2603.10006",
                    "Reinforcement learning for robot grasping",
                    "A robot arm learns to pick up objects of unknown shape by trial and error in simulation.",
                    List.of("Alan Turing"),
                    List.of("cs.RO", "cs.LG"),
                    MAR_4,
                    "https://github.com/example/grasp"),
            paper(
                    "2603.10007",
                    "Galaxy formation in cosmological simulations",
                    "We simulate how galaxies assemble inside dark matter halos over billions of years.",
                    List.of("Vera Rubin"),
                    List.of("astro-ph.GA"),
                    MAR_4,
                    null),
            paper(
                    "2603.10008",
                    "Query expansion for passage retrieval",
                    "Adding related terms to a query helps a lexical retriever find passages that use other "
                            + "words for the same thing.",
                    List.of("Karen Spärck Jones"),
                    List.of("cs.IR", "cs.CL"),
                    MAR_4,
                    null),
            paper(
                    "2603.10009",
                    "Machine translation of low-resource languages",
                    "A multilingual transformer translates between languages with few parallel sentences by "
                            + "sharing what it learned from the others.",
                    List.of("Noam Chomsky"),
                    List.of("cs.CL"),
                    MAR_2,
                    "https://github.com/example/mt"),
            paper(
                    "2603.10010",
                    "Compressing embeddings for fast nearest neighbour search",
                    "Scalar quantization stores each embedding in bytes instead of floats, and a graph index "
                            + "finds the nearest neighbours of a query quickly.",
                    List.of("Grace Hopper", "Claude Shannon"),
                    List.of("cs.IR", "cs.DS"),
                    MAR_3,
                    null),
            paper(
                    "2603.10011",
                    "Climate models and rainfall extremes",
                    "Regional climate simulations project heavier rainfall in a warmer world.",
                    List.of("Svante Arrhenius"),
                    List.of("physics.ao-ph"),
                    MAR_2,
                    null),
            paper(
                    "2603.10012",
                    "Stemming and stop words in search engines",
                    "Search engines reduce words to stems so that different forms of a word match, and drop "
                            + "common words; stemming helps recall of retrieval.",
                    List.of("Martin Porter"),
                    List.of("cs.IR"),
                    null,
                    null));

    /** Stored and indexed while a node is down. */
    private static final Paper LATE = paper(
            "2603.10013",
            "Plasma confinement in a tokamak",
            "Magnetic fields hold a hot plasma away from the walls of a fusion reactor.",
            List.of("Lyman Spitzer"),
            List.of("physics.plasm-ph"),
            MAR_4,
            null);

    private static final List<String> QUERIES = List.of(
            "dense retrieval",
            "BM25 passages",
            "nearest neighbour search with embeddings",
            "robots learning to grasp objects",
            "protein folding",
            "Grace Hopper",
            "how do search engines handle word forms",
            "translation between languages");

    @TempDir
    static Path dir;

    private static SolrClusterProcess cluster;
    private static OnnxEmbedder model;
    private static Services solr;
    private static Services embedded;
    private static Searcher solrSearcher;
    private static Searcher luceneSearcher;

    @BeforeAll
    static void start() throws Exception {
        cluster = SolrClusterProcess.start(dir.resolve("solr"), 2);
        model = OnnxEmbedder.allMiniLmL6V2();
        solr = services(dir.resolve("solr-data"), Map.of(PaperboyConfig.SOLR_ZK, cluster.zk()));
        embedded = services(dir.resolve("embedded-data"), Map.of());
        // Merged, so that Lucene's statistics count no replaced documents, as Solr's counts do not.
        embedded.index().compact();
        solrSearcher = solr.searcher();
        luceneSearcher = embedded.searcher();
    }

    private static Services services(Path data, Map<String, String> settings) {
        return services(data, settings, COLLECTION);
    }

    /** Services on their own store of {@link #PAPERS}, indexed into {@code collection} (with Solr). */
    private static Services services(Path data, Map<String, String> settings, String collection) {
        Map<String, String> flags = new HashMap<>(settings);
        flags.put(PaperboyConfig.DATA, data.toString());
        flags.put(PaperboyConfig.SOURCES, "none");
        flags.put(PaperboyConfig.SOLR_COLLECTION, collection);
        flags.put(PaperboyConfig.SOLR_SHARDS, "2");
        flags.put(PaperboyConfig.SOLR_REPLICAS, "2");
        Services s = new Services(PaperboyConfig.load(flags, Map.of()), Clock.systemUTC(), model);
        s.database().transaction(tx -> {
            s.papers().insertAll(tx, PAPERS);
            return null;
        });
        IndexService indexing = s.indexService();
        indexing.syncDocuments(IndexService.Listener.NONE);
        indexing.buildVectors(IndexService.Listener.NONE, () -> false);
        return s;
    }

    @AfterAll
    static void stop() {
        if (solr != null) {
            solr.close();
        }
        if (embedded != null) {
            embedded.close();
        }
        if (model != null) {
            model.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void paperboy_creates_its_collection_with_two_shards_of_two_active_replicas_on_two_nodes() {
        try (SolrNodes nodes = SolrNodes.zooKeeper(cluster.zk())) {
            NamedList<Object> status = nodes.send(
                            CollectionAdminRequest.getClusterStatus().setCollectionName(COLLECTION), null)
                    .getResponse();
            Map<?, ?> shards = (Map<?, ?>) find(status, "cluster", "collections", COLLECTION, "shards");
            assertThat(shards.keySet()).hasSize(2);
            Set<Object> hosts = new java.util.HashSet<>();
            for (Object shard : shards.values()) {
                Map<?, ?> replicas = (Map<?, ?>) ((Map<?, ?>) shard).get("replicas");
                assertThat(replicas).hasSize(2);
                for (Object replica : replicas.values()) {
                    assertThat(((Map<?, ?>) replica).get("state")).isEqualTo("active");
                    hosts.add(((Map<?, ?>) replica).get("node_name"));
                }
            }
            assertThat(hosts).hasSize(2);
            assertThat(find(status, "cluster", "collections", COLLECTION, "configName"))
                    .isEqualTo("paperboy-v1-d384");
        }
        ClusterState state = solr.searchCluster().orElseThrow();
        assertThat(state.liveNodes()).hasSize(2);
        assertThat(state.shards()).isEqualTo(2);
        assertThat(state.replicas()).isEqualTo(4);
        assertThat(state.activeReplicas()).isEqualTo(4);
        assertThat(state.problems()).isEmpty();
        assertThat(embedded.searchCluster()).isEmpty();
    }

    @Test
    @Order(2)
    void the_index_holds_every_paper_with_its_vector_and_records_the_model() {
        PaperIndex index = solr.readIndex();
        assertThat(index.count()).isEqualTo(PAPERS.size());
        assertThat(index.countWithVector()).isEqualTo(PAPERS.size());
        assertThat(index.idsWithoutVector(10)).isEmpty();
        assertThat(index.embeddingModel()).contains(model.modelId());
        assertThat(index.dimensions()).isEqualTo(384);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bm25", "dense", "hybrid"})
    @Order(3)
    void every_mode_ranks_the_papers_as_the_embedded_index_does(String modeName) {
        SearchMode mode = SearchMode.parse(modeName);
        for (String query : QUERIES) {
            float[] vector = model.embedQuery(query);
            List<ScoredId> expected =
                    luceneSearcher.rank(query, vector, mode, Fusion.MIN_MAX, SearchRequest.DEFAULT_ALPHA, 10);
            List<ScoredId> actual =
                    solrSearcher.rank(query, vector, mode, Fusion.MIN_MAX, SearchRequest.DEFAULT_ALPHA, 10);
            assertThat(ids(actual)).as(query).isEqualTo(ids(expected));
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i).score())
                        .as(query + " #" + i)
                        .isCloseTo(expected.get(i).score(), within(1e-4));
            }
        }
    }

    @Test
    @Order(4)
    void search_pages_give_the_embedded_hits_with_stored_fields() {
        String query = "retrieval of passages";
        SearchRequest request = SearchRequest.hybrid(query, model.embedQuery(query));
        SearchResults expected = luceneSearcher.search(request);
        SearchResults actual = solrSearcher.search(request);
        assertThat(actual.hits().stream().map(Hit::id).toList())
                .isEqualTo(expected.hits().stream().map(Hit::id).toList());
        Hit first = actual.hits().get(0);
        Hit lucene = expected.hits().get(0);
        assertThat(first.title()).isEqualTo(lucene.title());
        assertThat(first.abstractText()).isEqualTo(lucene.abstractText());
        assertThat(first.authors()).isEqualTo(lucene.authors());
        assertThat(first.categories()).isEqualTo(lucene.categories());
        assertThat(first.listedOn()).isEqualTo(lucene.listedOn());
        assertThat(first.codeUrl()).isEqualTo(lucene.codeUrl());
        assertThat(actual.notices()).isEmpty();
    }

    @Test
    @Order(5)
    void matched_words_are_marked_in_an_html_escaped_title_and_snippet() {
        SearchResults results = solrSearcher.search(SearchRequest.bm25("benchmarks fusing"));
        Hit hit = results.hits().get(0);
        assertThat(hit.id()).isEqualTo("2603.10003");
        assertThat(hit.titleHighlighted()).isEqualTo("Hybrid search <mark>fuses</mark> lexical and dense rankings");
        assertThat(hit.snippetHighlighted())
                .contains("<mark>Fusing</mark> BM25")
                .contains("&amp; web search &lt;<mark>benchmarks</mark>&gt;");
    }

    @Test
    @Order(6)
    void filters_restrict_every_mode_as_in_the_embedded_index() {
        List<Filters> filters = List.of(
                Filters.category("cs.cl", false),
                Filters.category("cs.IR", true),
                Filters.NONE.withListedBetween(MAR_3, MAR_4),
                Filters.NONE.withListedBetween(null, MAR_2),
                Filters.NONE.withAuthor("ada  LOVELACE"),
                Filters.NONE.withAuthor("Lovelace"),
                Filters.NONE.withHasCode(true),
                Filters.NONE.withHasCode(false).withExcluded(Set.of("2603.10002", "2603.10008")),
                Filters.category("nope.XX", false));
        String query = "retrieval search";
        float[] vector = model.embedQuery(query);
        for (Filters f : filters) {
            for (SearchMode mode : SearchMode.values()) {
                SearchRequest request = new SearchRequest(
                        query, vector, mode, Fusion.MIN_MAX, SearchRequest.DEFAULT_ALPHA, f, 0, 20, false);
                assertThat(hitIds(solrSearcher.search(request)))
                        .as(mode + " " + f)
                        .isEqualTo(hitIds(luceneSearcher.search(request)));
            }
            assertThat(hitIds(solrSearcher.browse(f, 0, 20)))
                    .as("browse " + f)
                    .isEqualTo(hitIds(luceneSearcher.browse(f, 0, 20)));
        }
        assertThat(hitIds(solrSearcher.search(
                        SearchRequest.bm25(query).withFilters(Filters.NONE.withAuthor("Ada Lovelace")))))
                .containsExactly("2603.10001", "2603.10003");
    }

    @Test
    @Order(7)
    void browse_lists_newest_first_with_an_exact_total_and_similar_excludes_the_paper() {
        SearchResults page = solrSearcher.browse(Filters.NONE, 0, 3);
        assertThat(page.totalHits()).isEqualTo(PAPERS.size());
        assertThat(hitIds(page)).containsExactly("2603.10008", "2603.10007", "2603.10006");

        SearchResults similar = solrSearcher.similar("2603.10001", 3, Filters.NONE);
        assertThat(hitIds(similar)).isEqualTo(hitIds(luceneSearcher.similar("2603.10001", 3, Filters.NONE)));
        assertThat(hitIds(similar)).doesNotContain("2603.10001");
        assertThat(solrSearcher.similar("2699.99999", 3, Filters.NONE).notices())
                .containsExactly("No paper with id 2699.99999 is in the index.");
    }

    @Test
    @Order(8)
    void a_query_of_only_operators_and_stop_words_finds_nothing_with_the_notice() {
        for (String text : List.of("the AND or", "(( * ?", "AND OR NOT")) {
            SearchResults results = solrSearcher.search(SearchRequest.hybrid(text, model.embedQuery(text)));
            assertThat(results.hits()).as(text).isEmpty();
            assertThat(results.notices()).as(text).containsExactly(SolrSearcher.NO_WORDS);
        }
        assertThat(hitIds(solrSearcher.search(SearchRequest.bm25("\"grasping\" AND (robot"))))
                .containsExactly("2603.10006");
    }

    @Test
    @Order(9)
    void query_evidence_is_the_embedded_index_s() {
        List<String> ids = PAPERS.stream().map(Paper::id).toList();
        for (String query : List.of(
                "dense retrieval of passages",
                "search engines and the stems of words",
                "nearest neighbour search",
                "the AND or",
                "robot's grasping, in simulation")) {
            QueryEvidence expected = luceneSearcher.evidence(query, ids);
            QueryEvidence actual = solrSearcher.evidence(query, ids);
            assertThat(actual.termsFound()).as(query).isEqualTo(expected.termsFound());
            assertThat(actual.pairs()).as(query).isEqualTo(expected.pairs());
            assertThat(actual.pairsNear()).as(query).isEqualTo(expected.pairsNear());
            assertThat(actual.withVector()).as(query).isEqualTo(expected.withVector());
            assertThat(actual.termWeights().keySet())
                    .as(query)
                    .isEqualTo(expected.termWeights().keySet());
            expected.termWeights()
                    .forEach((term, weight) -> assertThat(actual.termWeights().get(term))
                            .as(query + " " + term)
                            .isCloseTo(weight, within(1e-9)));
        }
        assertThat(solrSearcher.evidence("retrieval", List.of())).isEqualTo(QueryEvidence.NONE);
    }

    @Test
    @Order(10)
    void searches_keep_answering_from_the_replicas_while_a_node_is_down() throws Exception {
        String query = "nearest neighbour search";
        SearchRequest request = SearchRequest.hybrid(query, model.embedQuery(query));
        List<String> before = hitIds(solrSearcher.search(request));
        cluster.stop(1);
        try {
            ClusterState down = solr.searchCluster().orElseThrow();
            assertThat(down.liveNodes()).hasSize(1);
            assertThat(down.activeReplicas()).isEqualTo(2);
            assertThat(down.problems()).containsExactly("2 of 4 replicas are not active");
            for (int i = 0; i < 4; i++) { // every request, whichever node it is sent to first
                assertThat(hitIds(solrSearcher.search(request))).isEqualTo(before);
            }
            assertThat(solr.readIndex().count()).isEqualTo(PAPERS.size());

            // Indexing goes on too: every shard has a leader on the node that is up.
            solr.database().transaction(tx -> {
                solr.papers().insertAll(tx, List.of(LATE));
                return null;
            });
            IndexService indexing = solr.indexService();
            assertThat(indexing.syncDocuments(IndexService.Listener.NONE)).isEqualTo(1);
            assertThat(indexing.buildVectors(IndexService.Listener.NONE, () -> false))
                    .isEqualTo(1);
        } finally {
            cluster.start(1);
        }
        // Nothing lost: the node that was down caught up, and the index holds every paper.
        assertThat(hitIds(solrSearcher.search(SearchRequest.bm25("tokamak plasma"))))
                .containsExactly(LATE.id());
        assertThat(solr.readIndex().count()).isEqualTo(PAPERS.size() + 1);
        assertThat(solr.readIndex().countWithVector()).isEqualTo(PAPERS.size() + 1);
    }

    @Test
    @Order(11)
    void a_deleted_paper_is_gone_from_every_mode_and_the_count() {
        PaperIndex index = solr.index();
        index.delete("2603.10006");
        index.commit();
        String query = "robots learning to grasp objects";
        SearchResults results = solrSearcher.search(SearchRequest.hybrid(query, model.embedQuery(query)));
        assertThat(hitIds(results)).doesNotContain("2603.10006");
        assertThat(hitIds(solrSearcher.search(SearchRequest.bm25("grasping")))).isEmpty();
        assertThat(index.count()).isEqualTo(PAPERS.size()); // LATE came, 2603.10006 went
    }

    @Test
    @Order(12)
    void serving_processes_take_turns_writing_one_pass_at_a_time_and_a_rebuild_holds_them_off() throws Exception {
        try (Services other = new Services(solr.config(), Clock.systemUTC(), model)) {
            SharedIndex mine = solr.sharedIndex();
            SharedIndex theirs = other.sharedIndex();
            assertThat(mine.tryTakeOver()).isTrue();
            assertThat(theirs.tryTakeOver()).as("one writer at a time").isFalse();
            assertThat(theirs.writable()).isFalse();
            assertThat(theirs.count()).as("the other searches meanwhile").isEqualTo(PAPERS.size());
            mine.endPass();
            assertThat(mine.writable()).isFalse();
            assertThat(theirs.tryTakeOver()).as("the next turn").isTrue();
            theirs.endPass();
            try (var rebuild = solr.holdIndexWrites(System.err)) {
                assertThat(theirs.tryTakeOver()).as("held off by a rebuild").isFalse();
            }
            assertThat(theirs.tryTakeOver()).isTrue();
            theirs.endPass();
        }
    }

    @Test
    @Order(13)
    void an_alias_is_searched_like_its_collection_and_moves_in_one_step() {
        try (Services v2 =
                services(dir.resolve("v2-data"), Map.of(PaperboyConfig.SOLR_ZK, cluster.zk()), "papers-v2")) {
            assertThat(v2.pointAlias("live")).as("a new alias").isNull();
            try (Services live = new Services(
                    PaperboyConfig.load(
                            Map.of(
                                    PaperboyConfig.DATA,
                                    dir.resolve("live-data").toString(),
                                    PaperboyConfig.SOURCES,
                                    "none",
                                    PaperboyConfig.SOLR_ZK,
                                    cluster.zk(),
                                    PaperboyConfig.SOLR_COLLECTION,
                                    "live"),
                            Map.of()),
                    Clock.systemUTC(),
                    model)) {
                assertThat(live.readIndex().count()).isEqualTo(PAPERS.size());
                assertThat(hitIds(live.searcher().search(SearchRequest.bm25("grasping"))))
                        .as("the v2 collection has it; 'papers' had it deleted")
                        .containsExactly("2603.10006");
                ClusterState state = live.searchCluster().orElseThrow();
                assertThat(state.collection()).isEqualTo("live");
                assertThat(state.target()).isEqualTo("papers-v2");
                assertThat(state.activeReplicas()).isEqualTo(4);

                assertThat(solr.pointAlias("live")).as("moved from").isEqualTo("papers-v2");
                assertThat(hitIds(live.searcher().search(SearchRequest.bm25("grasping"))))
                        .as("now searching 'papers', where it was deleted")
                        .isEmpty();
            }
            assertThatThrownBy(() -> v2.pointAlias(COLLECTION))
                    .hasMessageContaining("Solr has a collection named papers");
        }
    }

    @Test
    @Order(14)
    void a_node_with_another_model_than_the_collection_s_fails_to_index_and_wipes_nothing() throws Exception {
        PaperIndex index = solr.index();
        int before = index.count();
        index.commit("another-model@1");
        BackgroundIndexer.Timing fast = new BackgroundIndexer.Timing(
                Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofMillis(200));
        try (BackgroundIndexer indexer = solr.backgroundIndexer(fast, BackgroundIndexer.Passes.NONE, e -> {})
                .start()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!indexer.status().failing() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(indexer.status().describe())
                    .contains("holds vectors of another-model@1 but this node embeds with " + model.modelId());
        } finally {
            index.commit(model.modelId());
        }
        assertThat(index.count()).isEqualTo(before);
        assertThat(index.countWithVector()).isEqualTo(before);
    }

    private static List<String> ids(List<ScoredId> ranked) {
        return ranked.stream().map(ScoredId::id).toList();
    }

    private static List<String> hitIds(SearchResults results) {
        return results.hits().stream().map(Hit::id).toList();
    }

    private static Object find(Object node, String... path) {
        Object at = node;
        for (String key : path) {
            at = at instanceof NamedList<?> list ? list.get(key) : at instanceof Map<?, ?> map ? map.get(key) : null;
        }
        return at;
    }

    private static Paper paper(
            String id,
            String title,
            String abstractText,
            List<String> authors,
            List<String> categories,
            LocalDate listedOn,
            String code) {
        return Paper.builder(id)
                .version(1)
                .title(title)
                .abstractText(abstractText)
                .authorNames(new ArrayList<>(authors))
                .categories(categories)
                .listedOn(listedOn)
                .published(listedOn == null ? null : listedOn.minusDays(1))
                .links(new Links(null, null, code, null))
                .build();
    }
}
