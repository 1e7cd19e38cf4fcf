package org.paperboy.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.paperboy.search.lucene.Corpus.E0;
import static org.paperboy.search.lucene.Corpus.MAR_2;
import static org.paperboy.search.lucene.Corpus.MAR_3;
import static org.paperboy.search.lucene.Corpus.P01;
import static org.paperboy.search.lucene.Corpus.P02;
import static org.paperboy.search.lucene.Corpus.P03;
import static org.paperboy.search.lucene.Corpus.P04;
import static org.paperboy.search.lucene.Corpus.P05;
import static org.paperboy.search.lucene.Corpus.P06;
import static org.paperboy.search.lucene.Corpus.P07;
import static org.paperboy.search.lucene.Corpus.P08;
import static org.paperboy.search.lucene.Corpus.P09;
import static org.paperboy.search.lucene.Corpus.P10;
import static org.paperboy.search.lucene.Corpus.P11;
import static org.paperboy.search.lucene.Corpus.P12;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperboy.search.Filters;
import org.paperboy.search.Fusion;
import org.paperboy.search.Hit;
import org.paperboy.search.IndexedPaper;
import org.paperboy.search.QueryEvidence;
import org.paperboy.search.ScoredId;
import org.paperboy.search.SearchMode;
import org.paperboy.search.SearchRequest;
import org.paperboy.search.SearchResults;
import org.paperboy.search.VectorEncoding;

class SearcherIT {

    private static final String NO_WORDS = "The query has no searchable words.";
    private static final String PARTIAL = "Search by meaning covers 11 of 12 papers while the rest are being embedded.";
    // Every paper with a vector, by dot product with E0 (P01 1, P02 0.894, P03 0.707, the rest 0 by id).
    private static final List<String> DENSE_E0 = List.of(P01, P02, P03, P04, P05, P06, P07, P08, P09, P10, P12);
    private static final List<String> RETRIEVAL = List.of(P11, P01, P02, P03);

    @TempDir
    Path dir;

    LucenePaperIndex index;
    LuceneSearcher searcher;

    @BeforeEach
    void open() {
        index = Corpus.index(dir, VectorEncoding.INT8);
        searcher = new LuceneSearcher(index);
    }

    @AfterEach
    void close() {
        index.close();
    }

    private static List<String> ids(SearchResults results) {
        return results.hits().stream().map(Hit::id).toList();
    }

    private static List<String> ids(List<ScoredId> ranked) {
        return ranked.stream().map(ScoredId::id).toList();
    }

    private List<String> bm25(String query) {
        return ids(searcher.search(SearchRequest.bm25(query).withPage(0, 20)));
    }

    private List<String> bm25(String query, Filters filters) {
        return ids(searcher.search(SearchRequest.bm25(query).withPage(0, 20).withFilters(filters)));
    }

    @Nested
    class Lexical {

        @Test
        void ranks_by_bm25_over_title_and_abstract() {
            SearchResults results = searcher.search(SearchRequest.bm25("retrieval"));

            assertThat(ids(results)).isEqualTo(RETRIEVAL);
            assertThat(results.totalHits()).isEqualTo(4);
            assertThat(results.totalHitsExact()).isTrue();
            assertThat(results.notices()).isEmpty();
            assertThat(bm25("BM25")).containsExactly(P02, P03);
        }

        @Test
        void a_word_in_the_title_outranks_the_same_word_in_the_abstract() {
            // P05 and P06 hold the same words, swapped between title and abstract.
            assertThat(bm25("folding")).containsExactly(P05, P06);
            assertThat(bm25("attention")).containsExactly(P06, P05);
        }

        @Test
        void finds_other_forms_of_a_word_by_its_stem() {
            assertThat(bm25("retrieve")).isEqualTo(RETRIEVAL);
            assertThat(bm25("RETRIEVING")).isEqualTo(RETRIEVAL);
        }

        @Test
        void ignores_stop_words() {
            assertThat(bm25("the retrieval of an")).isEqualTo(RETRIEVAL);
        }

        @Test
        void a_query_of_stop_words_finds_nothing_and_says_why() {
            SearchResults results = searcher.search(SearchRequest.bm25("the of AND"));

            assertThat(results.hits()).isEmpty();
            assertThat(results.totalHits()).isZero();
            assertThat(results.notices()).containsExactly(NO_WORDS);
        }

        @ParameterizedTest
        @EnumSource(SearchMode.class)
        void a_query_of_only_operators_finds_nothing_in_every_mode_with_one_notice(SearchMode mode) {
            SearchRequest request = new SearchRequest(
                    "AND OR NOT * ?", mode == SearchMode.BM25 ? null : E0, mode, null, 0.4, null, 0, 20, false);

            SearchResults results = searcher.search(request);

            assertThat(results.hits()).isEmpty();
            assertThat(results.totalHits()).isZero();
            assertThat(results.notices()).containsExactly(NO_WORDS);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "\"(unbalanced",
                    "title:",
                    "*",
                    "AND",
                    "\\",
                    "",
                    "   ",
                    "title:[a TO",
                    "~2^3",
                    "?",
                    "-",
                    "&&||!"
                })
        void lucene_syntax_is_plain_text_and_never_fails(String query) {
            SearchResults results = searcher.search(SearchRequest.bm25(query));

            assertThat(results.hits()).isEmpty();
        }

        @Test
        void operators_and_quotes_are_read_as_words() {
            assertThat(bm25("\"retrieval AND (NOT dense\"")).containsExactly(P01, P03, P11, P02);
            assertThat(bm25("folding: [attention]")).containsExactly(P05, P06);
        }

        @Test
        void a_query_over_1000_characters_is_cut_with_a_notice() {
            String query = "retrieval " + "x".repeat(1500) + " folding";

            SearchResults results = searcher.search(SearchRequest.bm25(query));

            assertThat(ids(results)).isEqualTo(RETRIEVAL);
            assertThat(results.notices()).containsExactly("The query was cut to its first 1,000 characters.");
        }

        @Test
        void a_long_query_of_many_distinct_words_still_runs() {
            StringBuilder query = new StringBuilder();
            for (int i = 0; query.length() < 990; i++) {
                query.append(i).append(' ');
            }
            query.append("folding");

            assertThat(searcher.search(SearchRequest.bm25(query.toString())).hits())
                    .isEmpty();
        }

        @Test
        void finds_papers_by_author_name() {
            // P11 has one author, so the name weighs more there than among P01's and P03's two.
            assertThat(bm25("Lovelace")).containsExactly(P11, P01, P03);
        }
    }

    @Nested
    class Filtering {

        @Test
        void by_any_category_or_the_primary_one() {
            assertThat(bm25("retrieval", Filters.category("cs.CL", false))).containsExactly(P11, P01);
            assertThat(bm25("retrieval", Filters.category("cs.CL", true))).containsExactly(P11);
            assertThat(bm25("retrieval", Filters.category("CS.cl", true))).containsExactly(P11);
        }

        @Test
        void an_unknown_category_matches_nothing() {
            SearchResults results = searcher.search(
                    SearchRequest.bm25("retrieval").withFilters(Filters.category("astro-ph.XX", false)));

            assertThat(results.hits()).isEmpty();
            assertThat(results.notices()).isEmpty();
        }

        @Test
        void by_listed_day_with_both_ends_inclusive() {
            assertThat(bm25("retrieval", Filters.NONE.withListedBetween(MAR_2, MAR_2)))
                    .containsExactly(P01, P02, P03);
            assertThat(bm25("retrieval", Filters.NONE.withListedBetween(MAR_3, null)))
                    .containsExactly(P11);
            assertThat(bm25("retrieval", Filters.NONE.withListedBetween(null, MAR_3)))
                    .containsExactly(P01, P02, P03);
            assertThat(bm25("retrieval", Filters.NONE.withListedBetween(MAR_3, MAR_2)))
                    .isEmpty();
        }

        @Test
        void a_date_filter_leaves_out_papers_without_a_listed_day() {
            assertThat(bm25("stemming")).containsExactly(P12);
            assertThat(bm25("stemming", Filters.NONE.withListedBetween(null, MAR_3)))
                    .isEmpty();
        }

        @Test
        void by_author_whatever_the_case_accents_and_punctuation() {
            assertThat(bm25("retrieval", Filters.NONE.withAuthor("ada LOVELACE")))
                    .containsExactly(P11, P01, P03);
            assertThat(bm25("retrieval", Filters.NONE.withAuthor("jose garcia lopez")))
                    .containsExactly(P03);
            assertThat(bm25("retrieval", Filters.NONE.withAuthor("Lovelace"))).isEmpty();
            assertThat(bm25("retrieval", Filters.NONE.withAuthor("?!"))).isEmpty();
        }

        @Test
        void lists_an_authors_papers_without_words_newest_first_with_an_exact_total() {
            SearchResults ada = searcher.browse(Filters.NONE.withAuthor("ADA lovelace"), 0, 20);
            assertThat(ids(ada)).containsExactly(P11, P03, P01);
            assertThat(ada.totalHits()).isEqualTo(3);
            assertThat(ada.totalHitsExact()).isTrue();

            SearchResults second = searcher.browse(Filters.NONE.withAuthor("Ada Lovelace"), 1, 1);
            assertThat(ids(second)).containsExactly(P03);
            assertThat(second.totalHits()).isEqualTo(3);
            assertThat(searcher.browse(Filters.NONE.withAuthor("Lovelace"), 0, 20)
                            .totalHits())
                    .isZero();
            // Every paper, the one without a listed day last.
            SearchResults all = searcher.browse(Filters.NONE, 0, 20);
            assertThat(all.totalHits()).isEqualTo(12);
            assertThat(ids(all)).hasSize(12).endsWith(P12);
            assertThatThrownBy(() -> searcher.browse(Filters.NONE, SearchRequest.MAX_WINDOW, 1))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void by_having_code() {
            assertThat(bm25("retrieval", Filters.NONE.withHasCode(true))).containsExactly(P01, P03);
            assertThat(bm25("retrieval", Filters.NONE.withHasCode(false))).containsExactly(P11, P02);
        }

        @Test
        void filters_combine() {
            Filters f =
                    Filters.category("cs.IR", true).withAuthor("Ada Lovelace").withHasCode(true);

            assertThat(bm25("retrieval", f)).containsExactly(P01, P03);
        }

        @Test
        void dense_search_filters_before_it_picks_neighbours() {
            SearchRequest r = SearchRequest.dense(E0).withFilters(Filters.NONE.withListedBetween(MAR_3, MAR_3));

            assertThat(ids(searcher.search(r))).containsExactly(P05, P06, P07, P08);
            assertThat(ids(searcher.search(r.withExact(true)))).containsExactly(P05, P06, P07, P08);
        }
    }

    @Nested
    class Paging {

        @Test
        void pages_through_the_ranking() {
            SearchResults page = searcher.search(SearchRequest.bm25("retrieval").withPage(1, 2));

            assertThat(ids(page)).containsExactly(P01, P02);
            assertThat(page.totalHits()).isEqualTo(4);
        }

        @Test
        void a_page_past_the_end_is_empty() {
            assertThat(searcher.search(SearchRequest.bm25("retrieval").withPage(4, 10))
                            .hits())
                    .isEmpty();
            assertThat(searcher.search(SearchRequest.dense(E0).withPage(20, 10)).hits())
                    .isEmpty();
        }

        @Test
        void pages_through_hybrid_results() {
            SearchRequest all = SearchRequest.hybrid("retrieval", E0).withPage(0, 12);
            List<String> everything = ids(searcher.search(all));

            assertThat(ids(searcher.search(all.withPage(3, 4)))).isEqualTo(everything.subList(3, 7));
        }
    }

    @Nested
    class Highlighting {

        @Test
        void escapes_the_title_and_marks_the_matches() {
            Hit hit = searcher.search(SearchRequest.bm25("escaping")).hits().getFirst();

            assertThat(hit.title()).isEqualTo("<script>alert('x')</script> Escaping markup in web pages");
            assertThat(hit.titleHighlighted())
                    .isEqualTo(
                            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; <mark>Escaping</mark> markup in web pages");
            assertThat(hit.snippetHighlighted())
                    .isEqualTo(
                            "Untrusted text must be <mark>escaped</mark> before it is inserted into a page &amp; shown.");
        }

        @Test
        void a_long_abstract_is_cut_to_a_snippet_around_the_match() {
            Hit hit = searcher.search(SearchRequest.bm25("compression")).hits().getFirst();

            assertThat(hit.snippetHighlighted())
                    .isEqualTo("\u2026recall while hurting precision only slightly. <mark>Compression</mark> of posting"
                            + " lists is discussed at the end.");
        }

        @Test
        void a_hit_carries_what_the_result_page_shows() {
            Hit hit = searcher.search(SearchRequest.bm25("hybrid")).hits().getFirst();

            assertThat(hit.id()).isEqualTo(P03);
            assertThat(hit.authors()).containsExactly("José García-López", "Ada Lovelace");
            assertThat(hit.categories()).containsExactly("cs.IR");
            assertThat(hit.listedOn()).isEqualTo(MAR_2);
            assertThat(hit.published()).isEqualTo(MAR_2.minusDays(1));
            assertThat(hit.codeUrl()).isEqualTo("https://github.com/example/hybrid");
        }

        @Test
        void dense_hits_without_query_words_show_the_plain_start_of_the_abstract() {
            Hit hit =
                    searcher.search(SearchRequest.dense(Corpus.basis(4))).hits().getFirst();

            assertThat(hit.id()).isEqualTo(P08);
            assertThat(hit.titleHighlighted())
                    .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Escaping markup in web pages");
        }
    }

    @Nested
    class Dense {

        @ParameterizedTest
        @EnumSource(VectorEncoding.class)
        void ranks_by_exact_dot_product_with_either_encoding(VectorEncoding encoding) {
            try (LucenePaperIndex other = Corpus.index(dir.resolve(encoding.name()), encoding)) {
                LuceneSearcher s = new LuceneSearcher(other);

                List<ScoredId> ranked = s.rank(null, E0, SearchMode.DENSE, Fusion.MIN_MAX, 0, 100);

                assertThat(ids(ranked)).isEqualTo(DENSE_E0);
                assertThat(ranked.get(1).score()).isCloseTo(1 / Math.sqrt(1.25), within(1e-6));
                assertThat(ranked.get(2).score()).isCloseTo(1 / Math.sqrt(2), within(1e-6));
                float[] nearP03 = Corpus.unit(1, 1, 0.05f, 0, 0, 0, 0, 0);
                assertThat(s.rank(null, nearP03, SearchMode.DENSE, Fusion.MIN_MAX, 0, 1))
                        .extracting(ScoredId::id)
                        .containsExactly(P03);
            }
        }

        @Test
        void exact_search_agrees_with_the_graph_on_a_small_index() {
            assertThat(ids(searcher.rank(null, E0, SearchMode.DENSE, Fusion.MIN_MAX, 0, 5, true)))
                    .isEqualTo(DENSE_E0.subList(0, 5));
        }

        @Test
        void a_paper_without_a_vector_is_found_by_bm25_but_not_by_dense_search() {
            assertThat(bm25("augmented generation")).containsExactly(P11);

            SearchResults dense =
                    searcher.search(SearchRequest.dense(Corpus.P11_VECTOR).withPage(0, 20));

            assertThat(ids(dense)).doesNotContain(P11).hasSize(11);
            assertThat(dense.notices()).containsExactly(PARTIAL);
        }

        @Test
        void a_vector_added_later_makes_the_paper_found_by_dense_search() {
            index.upsert(List.of(new IndexedPaper(Corpus.get(P11).paper(), Corpus.P11_VECTOR)));

            SearchResults dense = searcher.search(SearchRequest.dense(Corpus.P11_VECTOR));

            assertThat(dense.hits().getFirst().id()).isEqualTo(P11);
            assertThat(dense.hits().getFirst().score()).isCloseTo(1.0, within(1e-6));
            assertThat(dense.notices()).isEmpty();
        }

        @Test
        void without_a_query_vector_dense_finds_nothing_and_hybrid_falls_back_to_bm25() {
            SearchResults dense = searcher.search(
                    new SearchRequest("retrieval", null, SearchMode.DENSE, Fusion.MIN_MAX, 0.5, null, 0, 10, false));
            SearchResults hybrid = searcher.search(SearchRequest.hybrid("retrieval", null));

            assertThat(dense.hits()).isEmpty();
            assertThat(dense.notices()).containsExactly("Search by meaning is not available for this query.");
            assertThat(ids(hybrid)).isEqualTo(RETRIEVAL);
            assertThat(hybrid.notices())
                    .containsExactly(
                            "Search by meaning is not available for this query; showing keyword matches only.");
        }

        @Test
        void refuses_a_query_vector_of_the_wrong_dimension() {
            assertThatThrownBy(() -> searcher.search(SearchRequest.dense(new float[3])))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("queryVector: has 3 dimensions, the index takes 8");
        }
    }

    @Nested
    class Hybrid {

        @Test
        void alpha_zero_keeps_the_bm25_order() {
            List<ScoredId> fused = searcher.rank("retrieval", E0, SearchMode.HYBRID, Fusion.MIN_MAX, 0, 100);

            assertThat(ids(fused)).containsExactly(P11, P01, P02, P03, P04, P05, P06, P07, P08, P09, P10, P12);
            assertThat(ids(fused).subList(0, 4)).isEqualTo(RETRIEVAL);
        }

        @Test
        void alpha_one_keeps_the_dense_order() {
            List<ScoredId> fused = searcher.rank("retrieval", E0, SearchMode.HYBRID, Fusion.MIN_MAX, 1, 100);

            assertThat(ids(fused).subList(0, 11)).isEqualTo(DENSE_E0);
            assertThat(ids(fused).get(11)).isEqualTo(P11);
        }

        @Test
        void reciprocal_rank_fusion_matches_the_hand_computed_order() {
            // bm25: P11, P01, P02, P03; dense: P01, P02, P03, P04, ... P12.
            // P01 1/62+1/61 = .03252; P02 1/63+1/62 = .03200; P03 1/64+1/63 = .03150; P11 1/61 = .01639;
            // P04 1/64 and the rest of the dense list after it.
            List<ScoredId> fused = searcher.rank("retrieval", E0, SearchMode.HYBRID, Fusion.RRF, 0.4, 100);

            assertThat(ids(fused)).containsExactly(P01, P02, P03, P11, P04, P05, P06, P07, P08, P09, P10, P12);
            assertThat(fused.getFirst().score()).isCloseTo(1.0 / 62 + 1.0 / 61, within(1e-12));
        }

        @Test
        void min_max_fusion_of_the_searcher_is_the_fusion_of_its_two_rankings() {
            List<ScoredId> words = searcher.rank("dense retrieval", null, SearchMode.BM25, Fusion.MIN_MAX, 0, 100);
            List<ScoredId> meaning = searcher.rank(null, E0, SearchMode.DENSE, Fusion.MIN_MAX, 0, 100);

            List<ScoredId> fused = searcher.rank("dense retrieval", E0, SearchMode.HYBRID, Fusion.MIN_MAX, 0.4, 100);

            assertThat(fused).isEqualTo(Fusion.MIN_MAX.fuse(words, meaning, 0.4));
            assertThat(ids(fused).subList(0, 3)).containsExactly(P01, P03, P02);
        }

        @Test
        void search_returns_the_same_order_as_rank() {
            SearchRequest r = SearchRequest.hybrid("retrieval", E0).withFusion(Fusion.RRF, 0.5);

            assertThat(ids(searcher.search(r)))
                    .isEqualTo(ids(searcher.rank("retrieval", E0, SearchMode.HYBRID, Fusion.RRF, 0.5, 10)));
        }

        @Test
        void rank_needs_the_vector_for_dense_and_hybrid() {
            assertThatThrownBy(() -> searcher.rank("q", null, SearchMode.HYBRID, Fusion.RRF, 0.5, 10))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("vector: hybrid search needs the query vector");
            assertThatThrownBy(() -> searcher.rank("q", null, SearchMode.BM25, Fusion.RRF, 0.5, 0))
                    .hasMessage("depth: 0 is not within 1..10000");
        }

        @Test
        void rank_stops_at_the_depth() {
            assertThat(ids(searcher.rank("retrieval", E0, SearchMode.HYBRID, Fusion.RRF, 0.5, 2)))
                    .containsExactly(P01, P02);
        }
    }

    @Nested
    class Similar {

        @Test
        void finds_the_nearest_papers_without_the_paper_itself() {
            SearchResults similar = searcher.similar(P01, 3, Filters.NONE);

            assertThat(ids(similar)).containsExactly(P02, P03, P04);
            assertThat(similar.hits().getFirst().snippetHighlighted()).doesNotContain("<mark>");
        }

        @Test
        void respects_filters() {
            assertThat(ids(searcher.similar(P01, 10, Filters.category("cs.CL", false))))
                    .containsExactly(P09);
            assertThat(ids(searcher.similar(P02, 10, Filters.NONE.withHasCode(true))))
                    .containsExactly(P03, P01, P07, P10);
        }

        @Test
        void a_paper_without_a_vector_has_no_similar_papers_yet() {
            SearchResults similar = searcher.similar(P11, 5, null);

            assertThat(similar.hits()).isEmpty();
            assertThat(similar.notices())
                    .containsExactly("Paper 2603.00011 has no vector yet; similar papers appear once it is embedded.");
        }

        @Test
        void an_unknown_paper_has_no_similar_papers() {
            SearchResults similar = searcher.similar("2603.99999", 5, null);

            assertThat(similar.hits()).isEmpty();
            assertThat(similar.notices()).containsExactly("No paper with id 2603.99999 is in the index.");
        }
    }

    @Nested
    class Evidence {

        @Test
        void counts_the_query_word_pairs_a_paper_has_near_each_other() {
            QueryEvidence e = searcher.evidence("nearest neighbour search", List.of(P01, P02, P04));

            assertThat(e.pairs()).isEqualTo(2); // "nearest neighbour", "neighbour search"
            assertThat(e.proximity(P01)).isEqualTo(1.0); // "... becomes a nearest neighbour search."
            assertThat(e.proximity(P04)).isEqualTo(0.5); // "nearest neighbour graphs", no "search"
            assertThat(e.proximity(P02)).isEqualTo(0.0);
        }

        @Test
        void a_pair_counts_a_few_words_apart_and_in_either_order_but_not_across_a_stop_word() {
            assertThat(searcher.evidence("search neighbour", List.of(P01)).proximity(P01))
                    .isEqualTo(1.0);
            assertThat(searcher.evidence("retrieval nearest", List.of(P01)).proximity(P01))
                    .as("'retrieval becomes a nearest': three words apart")
                    .isEqualTo(1.0);
            assertThat(searcher.evidence("dual passages", List.of(P01)).proximity(P01))
                    .as("'dual encoder that maps queries and passages': too far")
                    .isEqualTo(0.0);
            QueryEvidence split = searcher.evidence("quantization of vectors", List.of(P04));
            assertThat(split.pairs()).as("no pair across the stop word").isZero();
            assertThat(split.proximity(P04)).isEqualTo(1.0);
        }
    }
}
