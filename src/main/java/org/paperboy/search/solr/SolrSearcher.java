package org.paperboy.search.solr;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.paperboy.search.Filters;
import org.paperboy.search.Fusion;
import org.paperboy.search.QueryEvidence;
import org.paperboy.search.ScoredId;
import org.paperboy.search.SearchMode;
import org.paperboy.search.SearchRequest;
import org.paperboy.search.SearchResults;
import org.paperboy.search.SearchSettings;
import org.paperboy.search.Searcher;

/**
 * The {@link Searcher} over a {@link SolrPaperIndex}: the embedded index's rankings asked of
 * SolrCloud. BM25 is an extended-dismax query over the weighted fields whose per-field scores are
 * summed ({@code tie=1}), which is the embedded index's bag-of-words query term by term; the
 * collection scores with exact statistics over all shards, so the order is the embedded index's.
 * Dense search is a {@code {!knn}} query with the filters applied during the graph walk; hybrid
 * fuses the two with Paperboy's own {@link Fusion}. Highlighting is Solr's unified highlighter
 * with {@code <mark>} around the matched words of an HTML-escaped text. Equal scores go by id.
 * The requests are {@link SolrQueries}', the results {@link SolrHits}', the alerts' evidence
 * {@link SolrEvidence}'s. Every method is a few HTTP requests to one node (see {@link SolrNodes}).
 */
public final class SolrSearcher implements Searcher {

    /** The notice of a query text that has no searchable words (it then finds nothing). */
    public static final String NO_WORDS = "The query has no searchable words.";

    // Dense search asks for at least this many neighbours, as the embedded index does.
    private static final int MIN_DENSE_K = 100;

    private final SolrPaperIndex index;
    private final SearchSettings settings;
    private final SolrQueries queries;
    private final SolrHits hits;
    private final SolrEvidence evidence;

    SolrSearcher(SolrPaperIndex index, SearchSettings settings) {
        this.index = Objects.requireNonNull(index, "index");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.queries = new SolrQueries(settings);
        this.hits = new SolrHits(settings.snippetChars());
        this.evidence = new SolrEvidence(index);
    }

    /** A ranking, and how many papers matched in all. */
    private record Ranking(List<ScoredId> ranked, long total, boolean totalExact) {
        static final Ranking EMPTY = new Ranking(List.of(), 0, true);
    }

    @Override
    public SearchResults search(SearchRequest request) {
        List<String> notices = new ArrayList<>();
        String text = SearchRequest.cut(request.query(), notices);
        float[] vector = request.queryVector();
        checkDimensions(vector);
        SearchMode mode = request.mode();
        if (mode != SearchMode.BM25 && vector == null) {
            notices.add(
                    mode == SearchMode.HYBRID
                            ? "Search by meaning is not available for this query; showing keyword matches only."
                            : "Search by meaning is not available for this query.");
            mode = mode == SearchMode.HYBRID ? SearchMode.BM25 : mode;
        }
        List<String> filters = SolrSchema.filterQueries(request.filters());
        int offset = request.offset();
        int limit = request.limit();
        int window = offset + limit;
        SolrNodes nodes = index.nodes();
        // The analysis that tells whether the text has searchable words, the rankings and the
        // coverage count go out side by side; a text without words then discards the rankings.
        CompletableFuture<Boolean> words =
                text == null ? CompletableFuture.completedFuture(false) : nodes.async(() -> hasWords(text));
        CompletableFuture<Optional<String>> coverage = mode == SearchMode.BM25
                ? CompletableFuture.completedFuture(Optional.empty())
                : nodes.async(this::coverage);
        CompletableFuture<SearchResults> onePage = null;
        CompletableFuture<Ranking> lexical = CompletableFuture.completedFuture(Ranking.EMPTY);
        CompletableFuture<Ranking> dense = CompletableFuture.completedFuture(Ranking.EMPTY);
        if (mode == SearchMode.BM25) {
            onePage = text == null
                    ? CompletableFuture.completedFuture(SearchResults.none(List.of()))
                    : nodes.async(() -> lexicalPage(text, filters, offset, limit));
        } else if (mode == SearchMode.DENSE) {
            int k = Math.max(window, MIN_DENSE_K);
            onePage = nodes.async(() -> densePage(vector, k, filters, request.exact(), offset, limit, text));
        } else {
            int k = mode == SearchMode.DENSE
                    ? Math.max(window, MIN_DENSE_K)
                    : Math.max(window, settings.denseCandidates());
            dense = nodes.async(() -> dense(vector, k, filters, request.exact()));
            if (mode == SearchMode.HYBRID && text != null) {
                lexical = nodes.async(() -> lexical(text, filters, Math.max(window, settings.lexicalCandidates())));
            }
        }
        boolean hasWords = SolrNodes.join(words);
        if (text != null && !hasWords) {
            // Issue 15, as the embedded index: a text of only operators or stop words finds nothing in every mode.
            notices.add(NO_WORDS);
            return SearchResults.none(notices);
        }
        SearchResults found;
        if (onePage != null) {
            found = SolrNodes.join(onePage);
        } else {
            Ranking fused = hybrid(SolrNodes.join(lexical), SolrNodes.join(dense), request.fusion(), request.alpha());
            found = page(fused, offset, limit, text);
        }
        SolrNodes.join(coverage).ifPresent(notices::add);
        return new SearchResults(found.totalHits(), found.totalHitsExact(), found.hits(), notices);
    }

    @Override
    public SearchResults browse(Filters filters, int offset, int limit) {
        // The same page checks as a search's.
        new SearchRequest(null, null, SearchMode.BM25, null, 0, filters, offset, limit, false);
        SolrQuery q = new SolrQuery("*:*");
        q.addFilterQuery(SolrSchema.PAPERS);
        SolrSchema.filterQueries(filters).forEach(q::addFilterQuery);
        q.addSort(SolrSchema.LISTED_ON, SolrQuery.ORDER.desc);
        q.addSort(SolrSchema.ID, SolrQuery.ORDER.desc);
        q.setStart(offset);
        q.setRows(limit);
        q.setFields(SolrSchema.RESULT_FIELDS);
        QueryResponse response = index.query(q);
        return new SearchResults(
                response.getResults().getNumFound(), true, hits.inOrder(response, doc -> 0), List.of());
    }

    @Override
    public SearchResults similar(String id, int limit, Filters filters) {
        Objects.requireNonNull(id, "id");
        if (limit < 1 || limit > SearchRequest.MAX_WINDOW) {
            throw new IllegalArgumentException("limit: " + limit + " is not within 1.." + SearchRequest.MAX_WINDOW);
        }
        SolrQuery q = new SolrQuery(SolrSchema.term(SolrSchema.ID, id));
        q.addFilterQuery(SolrSchema.PAPERS);
        q.setFields(SolrSchema.ID, SolrSchema.VECTOR);
        q.setRows(1);
        List<SolrDocument> found = index.query(q).getResults();
        if (found.isEmpty()) {
            return SearchResults.none(List.of("No paper with id " + id + " is in the index."));
        }
        float[] vector = vector(found.get(0).getFieldValues(SolrSchema.VECTOR));
        if (vector == null) {
            return SearchResults.none(
                    List.of("Paper " + id + " has no vector yet; similar papers appear once it is embedded."));
        }
        List<String> fqs = new ArrayList<>(SolrSchema.filterQueries(filters));
        fqs.add(SolrSchema.allBut(id));
        Ranking ranking = dense(vector, Math.max(limit, MIN_DENSE_K), fqs, false);
        return page(ranking, 0, limit, null);
    }

    @Override
    public List<ScoredId> rank(
            String query, float[] vector, SearchMode mode, Fusion fusion, double alpha, int depth, boolean exact) {
        if (depth < 1 || depth > SearchRequest.MAX_WINDOW) {
            throw new IllegalArgumentException("depth: " + depth + " is not within 1.." + SearchRequest.MAX_WINDOW);
        }
        if (mode != SearchMode.BM25 && vector == null) {
            throw new IllegalArgumentException("vector: " + mode.key() + " search needs the query vector");
        }
        checkDimensions(vector);
        String text = SearchRequest.cut(query, new ArrayList<>());
        String words = mode != SearchMode.DENSE && hasWords(text) ? text : null;
        Ranking ranking = switch (mode) {
            case BM25 -> lexical(words, List.of(), depth);
            case DENSE -> dense(vector, Math.max(depth, MIN_DENSE_K), List.of(), exact);
            case HYBRID ->
                hybrid(
                        lexical(words, List.of(), Math.max(depth, settings.lexicalCandidates())),
                        dense(vector, Math.max(depth, settings.denseCandidates()), List.of(), exact),
                        fusion,
                        alpha);
        };
        List<ScoredId> ranked = ranking.ranked();
        return List.copyOf(ranked.subList(0, Math.min(depth, ranked.size())));
    }

    @Override
    public QueryEvidence evidence(String query, Collection<String> ids) {
        return evidence.of(SearchRequest.cut(query, new ArrayList<>()), ids);
    }

    /**
     * Whether {@code text} has a word the title-and-abstract field keeps (not only stop words,
     * operators and punctuation), as the collection's own analysis says.
     */
    private boolean hasWords(String text) {
        return !(text == null || text.isBlank()) && !index.analyzeQuery(text).isEmpty();
    }

    private Ranking lexical(String text, List<String> filters, int n) {
        if (text == null) {
            return Ranking.EMPTY;
        }
        SolrQuery q = queries.lexical(text);
        filters.forEach(q::addFilterQuery);
        q.setFields(SolrSchema.ID, "score");
        q.setRows(n);
        QueryResponse response = index.query(q);
        List<ScoredId> ranked = new ArrayList<>();
        for (SolrDocument doc : response.getResults()) {
            ranked.add(new ScoredId((String) doc.getFieldValue(SolrSchema.ID), score(doc)));
        }
        return new Ranking(ranked, response.getResults().getNumFound(), true);
    }

    private Ranking dense(float[] vector, int k, List<String> filters, boolean exact) {
        SolrQuery q = SolrQueries.dense(vector, k, filters, exact);
        q.setFields(SolrSchema.ID, "score");
        q.setRows(k);
        List<ScoredId> ranked = new ArrayList<>();
        for (SolrDocument doc : index.query(q).getResults()) {
            ranked.add(new ScoredId((String) doc.getFieldValue(SolrSchema.ID), dotProduct(doc)));
        }
        ranked.sort(Comparator.comparingDouble(ScoredId::score).reversed().thenComparing(ScoredId::id));
        return new Ranking(ranked, ranked.size(), false);
    }

    /**
     * A dense page in one request: ranks {@code offset} to {@code offset + limit} (within the top
     * {@code k}) with their fields, highlighted for {@code text} when not {@code null}.
     */
    private SearchResults densePage(
            float[] vector, int k, List<String> filters, boolean exact, int offset, int limit, String text) {
        SolrQuery q = SolrQueries.dense(vector, k, filters, exact);
        q.setFields(SolrSchema.RESULT_FIELDS + ",score");
        q.setStart(offset);
        q.setRows(limit);
        if (text != null) {
            queries.highlight(q, text);
        }
        QueryResponse response = index.query(q);
        // Each shard finds its own top k: as many candidates as the embedded index's are counted.
        return new SearchResults(
                Math.min(response.getResults().getNumFound(), k),
                false,
                hits.inOrder(response, SolrSearcher::dotProduct),
                List.of());
    }

    // Lucene scores a dot product d as (1 + d) / 2; results carry d itself, as the embedded index's.
    private static double dotProduct(SolrDocument doc) {
        return 2 * score(doc) - 1;
    }

    private static Ranking hybrid(Ranking words, Ranking meaning, Fusion fusion, double alpha) {
        List<ScoredId> fused = fusion.fuse(words.ranked(), meaning.ranked(), alpha);
        return new Ranking(fused, fused.size(), false);
    }

    /** The hits of ranks {@code offset} to {@code offset + limit}, highlighted for {@code text} when not {@code null}. */
    private SearchResults page(Ranking ranking, int offset, int limit, String text) {
        List<ScoredId> ranked = ranking.ranked();
        List<ScoredId> shown =
                offset >= ranked.size() ? List.of() : ranked.subList(offset, Math.min(ranked.size(), offset + limit));
        if (shown.isEmpty()) {
            return new SearchResults(ranking.total(), ranking.totalExact(), List.of(), List.of());
        }
        SolrQuery q =
                new SolrQuery(SolrSchema.ids(shown.stream().map(ScoredId::id).toList()));
        q.setFields(SolrSchema.RESULT_FIELDS);
        q.setRows(shown.size());
        if (text != null) {
            queries.highlight(q, text);
        }
        return new SearchResults(ranking.total(), ranking.totalExact(), hits.ranked(index.query(q), shown), List.of());
    }

    /** A BM25 page in one request: ranks {@code offset} to {@code offset + limit} with their fields and highlights. */
    private SearchResults lexicalPage(String text, List<String> filters, int offset, int limit) {
        SolrQuery q = queries.lexical(text);
        filters.forEach(q::addFilterQuery);
        q.setFields(SolrSchema.RESULT_FIELDS + ",score");
        q.setStart(offset);
        q.setRows(limit);
        queries.highlight(q, text);
        QueryResponse response = index.query(q);
        return new SearchResults(
                response.getResults().getNumFound(), true, hits.inOrder(response, SolrSearcher::score), List.of());
    }

    /** The coverage notice and when it was counted: counting costs two requests, so once per few seconds. */
    private record Coverage(long countedAt, Optional<String> notice) {}

    private static final long COVERAGE_NANOS = 5_000_000_000L;

    private volatile Coverage coverage = new Coverage(System.nanoTime() - 2 * COVERAGE_NANOS, Optional.empty());

    /** A notice when some papers have no vector yet, so dense search cannot find them (at most 5 s old). */
    private Optional<String> coverage() {
        Coverage c = coverage;
        if (System.nanoTime() - c.countedAt() > COVERAGE_NANOS) {
            int all = index.count();
            int withVector = index.countWithVector();
            c = new Coverage(
                    System.nanoTime(),
                    withVector >= all
                            ? Optional.empty()
                            : Optional.of(String.format(
                                    Locale.ROOT,
                                    "Search by meaning covers %,d of %,d papers while the rest are being embedded.",
                                    withVector,
                                    all)));
            coverage = c;
        }
        return c.notice();
    }

    private static double score(SolrDocument doc) {
        return ((Number) doc.getFieldValue("score")).doubleValue();
    }

    private static float[] vector(java.util.Collection<Object> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        float[] v = new float[values.size()];
        int i = 0;
        for (Object x : values) {
            v[i++] = ((Number) x).floatValue();
        }
        return v;
    }

    private void checkDimensions(float[] vector) {
        SearchRequest.checkVector(vector, index.dimensions());
    }
}
