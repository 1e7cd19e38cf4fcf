package org.paperboy.search.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.util.BytesRef;
import org.paperboy.search.Filters;
import org.paperboy.search.Fusion;
import org.paperboy.search.Hit;
import org.paperboy.search.QueryEvidence;
import org.paperboy.search.ScoredId;
import org.paperboy.search.SearchMode;
import org.paperboy.search.SearchRequest;
import org.paperboy.search.SearchResults;
import org.paperboy.search.SearchSettings;
import org.paperboy.search.Searcher;

/**
 * The {@link Searcher} over a {@link LucenePaperIndex}. Every ranking breaks equal scores by
 * paper id, so the same index and query always give the same order.
 */
public final class LuceneSearcher implements Searcher {

    /** The notice of a query text that has no searchable words (it then finds nothing). */
    public static final String NO_WORDS = "The query has no searchable words.";

    // Dense search asks the graph for at least this many neighbours: a wider beam finds the true
    // nearest ones more often, and costs little at this size.
    private static final int MIN_DENSE_K = 100;

    /**
     * How far apart a query's word pair may stand in a paper and still count as near (phrase slop:
     * "tool use" matches "use of tools" and "tools they use"); chosen on the judged alert set.
     */
    static final int PAIR_SLOP = 3;

    // Counting matches stops here (the count becomes a lower bound), so BM25 can skip documents.
    private static final int TOTAL_HITS_THRESHOLD = 1000;

    private static final Sort BY_SCORE_THEN_ID =
            new Sort(SortField.FIELD_SCORE, new SortField(PaperSchema.ID, SortField.Type.STRING));

    // Newest listed day first; papers without one (read as the smallest day) last; then newest id.
    private static final Sort NEWEST_FIRST;

    static {
        SortField listed = new SortField(PaperSchema.LISTED_ON, SortField.Type.INT, true);
        listed.setMissingValue(Integer.MIN_VALUE);
        NEWEST_FIRST = new Sort(listed, new SortField(PaperSchema.ID, SortField.Type.STRING, true));
    }

    private final SearcherSource index;
    private final SearchSettings settings;
    private final HtmlHighlighter highlighter;

    public LuceneSearcher(LucenePaperIndex index) {
        this(index, SearchSettings.DEFAULT);
    }

    public LuceneSearcher(LucenePaperIndex index, SearchSettings settings) {
        this((SearcherSource) index, settings);
    }

    /** Over whichever index {@code index} holds now: searches go on while it is taken over or reopened. */
    public LuceneSearcher(SharedLuceneIndex index) {
        this(index, SearchSettings.DEFAULT);
    }

    LuceneSearcher(SearcherSource index, SearchSettings settings) {
        this.index = index;
        this.settings = settings;
        this.highlighter = new HtmlHighlighter(settings.snippetChars());
    }

    /** A ranking with the Lucene document of each id, and how many papers matched in all. */
    private record Ranking(List<ScoredId> ranked, Map<String, Integer> docs, long total, boolean totalExact) {
        static final Ranking EMPTY = new Ranking(List.of(), Map.of(), 0, true);
    }

    @Override
    public SearchResults search(SearchRequest request) {
        List<String> notices = new ArrayList<>();
        String text = SearchRequest.cut(request.query(), notices);
        float[] vector = request.queryVector();
        checkDimensions(vector);
        LexicalQuery lexical = LexicalQuery.of(text, index.analyzer(), settings);
        SearchMode mode = request.mode();
        if (mode != SearchMode.BM25 && vector == null) {
            notices.add(
                    mode == SearchMode.HYBRID
                            ? "Search by meaning is not available for this query; showing keyword matches only."
                            : "Search by meaning is not available for this query.");
            mode = mode == SearchMode.HYBRID ? SearchMode.BM25 : mode;
        }
        if (text != null && lexical.query() == null) {
            // Issue 15: a text of only operators or stop words finds nothing in every mode; the
            // meaning of "AND OR *" is no meaning, so the dense half must not list papers either.
            notices.add(NO_WORDS);
            return SearchResults.none(notices);
        }
        SearchMode effective = mode;
        return index.withSearcher(searcher -> {
            Query filter = PaperSchema.filter(request.filters());
            int window = request.offset() + request.limit();
            Ranking ranking = switch (effective) {
                case BM25 -> lexical(searcher, lexical, filter, window);
                case DENSE ->
                    vector == null
                            ? Ranking.EMPTY
                            : dense(searcher, vector, Math.max(window, MIN_DENSE_K), filter, request.exact());
                case HYBRID ->
                    hybrid(
                            searcher,
                            lexical,
                            vector,
                            filter,
                            window,
                            request.fusion(),
                            request.alpha(),
                            request.exact());
            };
            if (effective != SearchMode.BM25 && vector != null) {
                coverage(searcher).ifPresent(notices::add);
            }
            return page(searcher, ranking, request.offset(), request.limit(), lexical.highlightTerms(), notices);
        });
    }

    @Override
    public SearchResults browse(Filters filters, int offset, int limit) {
        // The same page checks as a search's.
        new SearchRequest(null, null, SearchMode.BM25, null, 0, filters, offset, limit, false);
        return index.withSearcher(searcher -> {
            Query filter = PaperSchema.filter(filters);
            Query all = filter == null ? MatchAllDocsQuery.INSTANCE : new ConstantScoreQuery(filter);
            // Counted apart, so the total is exact however many papers match.
            int total = searcher.count(all);
            TopFieldDocs top = searcher.search(all, offset + limit, NEWEST_FIRST);
            List<ScoredId> ranked = new ArrayList<>(top.scoreDocs.length);
            Map<String, Integer> docs = new HashMap<>();
            for (ScoreDoc sd : top.scoreDocs) {
                String id = ((BytesRef) ((FieldDoc) sd).fields[1]).utf8ToString();
                ranked.add(new ScoredId(id, 0f));
                docs.put(id, sd.doc);
            }
            return page(searcher, new Ranking(ranked, docs, total, true), offset, limit, Set.of(), List.of());
        });
    }

    @Override
    public SearchResults similar(String id, int limit, Filters filters) {
        Objects.requireNonNull(id, "id");
        if (limit < 1 || limit > SearchRequest.MAX_WINDOW) {
            throw new IllegalArgumentException("limit: " + limit + " is not within 1.." + SearchRequest.MAX_WINDOW);
        }
        return index.withSearcher(searcher -> {
            TopDocs found = searcher.search(new TermQuery(new Term(PaperSchema.ID, id)), 1);
            if (found.scoreDocs.length == 0) {
                return SearchResults.none(List.of("No paper with id " + id + " is in the index."));
            }
            float[] vector = VectorSearch.vectorOf(searcher, found.scoreDocs[0].doc);
            if (vector == null) {
                return SearchResults.none(
                        List.of("Paper " + id + " has no vector yet; similar papers appear once it is embedded."));
            }
            BooleanQuery.Builder others = new BooleanQuery.Builder()
                    .add(MatchAllDocsQuery.INSTANCE, Occur.FILTER)
                    .add(new TermQuery(new Term(PaperSchema.ID, id)), Occur.MUST_NOT);
            Query filter = PaperSchema.filter(filters);
            if (filter != null) {
                others.add(filter, Occur.FILTER);
            }
            Ranking ranking = dense(searcher, vector, Math.max(limit, MIN_DENSE_K), others.build(), false);
            return page(searcher, ranking, 0, limit, Set.of(), List.of());
        });
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
        LexicalQuery lexical = LexicalQuery.of(SearchRequest.cut(query, new ArrayList<>()), index.analyzer(), settings);
        return index.withSearcher(searcher -> {
            Ranking ranking = switch (mode) {
                case BM25 -> lexical(searcher, lexical, null, depth);
                case DENSE -> dense(searcher, vector, Math.max(depth, MIN_DENSE_K), null, exact);
                case HYBRID -> hybrid(searcher, lexical, vector, null, depth, fusion, alpha, exact);
            };
            List<ScoredId> ranked = ranking.ranked();
            return List.copyOf(ranked.subList(0, Math.min(depth, ranked.size())));
        });
    }

    @Override
    public QueryEvidence evidence(String query, Collection<String> ids) {
        String text = SearchRequest.cut(query, new ArrayList<>());
        Set<String> terms = LexicalQuery.textTerms(text, index.analyzer());
        List<List<String>> pairs = LexicalQuery.textPairs(text, index.analyzer());
        if (ids.isEmpty()) {
            return QueryEvidence.NONE;
        }
        List<BytesRef> keys = ids.stream().distinct().map(BytesRef::new).toList();
        return index.withSearcher(searcher -> {
            Query among = new TermInSetQuery(PaperSchema.ID, keys);
            CollectionStatistics stats = searcher.collectionStatistics(PaperSchema.TEXT);
            long docs = stats == null ? 0 : stats.docCount();
            Map<String, Double> weights = new LinkedHashMap<>();
            Map<String, Set<String>> found = new HashMap<>();
            for (String term : terms) {
                Term t = new Term(PaperSchema.TEXT, term);
                long df = searcher.getIndexReader().docFreq(t);
                // BM25's inverse document frequency, as Lucene's BM25Similarity computes it.
                weights.put(term, Math.log(1 + (docs - df + 0.5) / (df + 0.5)));
                for (String id : idsMatching(searcher, new TermQuery(t), among, keys.size())) {
                    found.computeIfAbsent(id, k -> new HashSet<>()).add(term);
                }
            }
            Map<String, Integer> near = new HashMap<>();
            for (List<String> pair : pairs) {
                Query phrase = new PhraseQuery(PAIR_SLOP, PaperSchema.TEXT, pair.get(0), pair.get(1));
                for (String id : idsMatching(searcher, phrase, among, keys.size())) {
                    near.merge(id, 1, Integer::sum);
                }
            }
            Set<String> withVector =
                    Set.copyOf(idsMatching(searcher, new FieldExistsQuery(PaperSchema.VECTOR), among, keys.size()));
            for (String id : idsMatching(searcher, MatchAllDocsQuery.INSTANCE, among, keys.size())) {
                found.putIfAbsent(id, Set.of());
            }
            return new QueryEvidence(weights, found, pairs.size(), near, withVector);
        });
    }

    /** Ids of the papers among {@code among} (at most {@code n}) that {@code query} matches. */
    private static List<String> idsMatching(IndexSearcher searcher, Query query, Query among, int n)
            throws IOException {
        Query both = new BooleanQuery.Builder()
                .add(query, Occur.FILTER)
                .add(among, Occur.FILTER)
                .build();
        ScoreDoc[] hits = searcher.search(both, n).scoreDocs;
        int[] docs = new int[hits.length];
        for (int i = 0; i < docs.length; i++) {
            docs[i] = hits[i].doc;
        }
        return List.of(ids(searcher, docs));
    }

    private Ranking lexical(IndexSearcher searcher, LexicalQuery lexical, Query filter, int n) throws IOException {
        if (lexical.query() == null) {
            return Ranking.EMPTY;
        }
        Query query = filter == null
                ? lexical.query()
                : new BooleanQuery.Builder()
                        .add(lexical.query(), Occur.MUST)
                        .add(filter, Occur.FILTER)
                        .build();
        TopFieldDocs top =
                searcher.search(query, new TopFieldCollectorManager(BY_SCORE_THEN_ID, n, null, TOTAL_HITS_THRESHOLD));
        List<ScoredId> ranked = new ArrayList<>(top.scoreDocs.length);
        Map<String, Integer> docs = new HashMap<>();
        for (ScoreDoc sd : top.scoreDocs) {
            FieldDoc fd = (FieldDoc) sd;
            String id = ((BytesRef) fd.fields[1]).utf8ToString();
            ranked.add(new ScoredId(id, (Float) fd.fields[0]));
            docs.put(id, fd.doc);
        }
        boolean exact = top.totalHits.relation() == TotalHits.Relation.EQUAL_TO;
        return new Ranking(ranked, docs, top.totalHits.value(), exact);
    }

    private Ranking dense(IndexSearcher searcher, float[] vector, int k, Query filter, boolean exact)
            throws IOException {
        List<VectorSearch.ScoredDoc> found = exact
                ? VectorSearch.exact(searcher, vector, k, filter)
                : VectorSearch.approximate(
                        searcher, vector, k * index.encoding().oversample(), filter);
        if (found.size() > k) {
            found = found.subList(0, k); // oversampled for coarse codes; re-scored with the floats
        }
        int[] docs = new int[found.size()];
        for (int i = 0; i < docs.length; i++) {
            docs[i] = found.get(i).doc();
        }
        String[] ids = ids(searcher, docs);
        List<ScoredId> ranked = new ArrayList<>(docs.length);
        Map<String, Integer> byId = new HashMap<>();
        for (int i = 0; i < docs.length; i++) {
            ranked.add(new ScoredId(ids[i], found.get(i).score()));
            byId.put(ids[i], docs[i]);
        }
        ranked.sort(Comparator.comparingDouble(ScoredId::score).reversed().thenComparing(ScoredId::id));
        return new Ranking(ranked, byId, ranked.size(), false);
    }

    private Ranking hybrid(
            IndexSearcher searcher,
            LexicalQuery lexical,
            float[] vector,
            Query filter,
            int window,
            Fusion fusion,
            double alpha,
            boolean exact)
            throws IOException {
        Ranking words = lexical(searcher, lexical, filter, Math.max(window, settings.lexicalCandidates()));
        Ranking meaning = dense(searcher, vector, Math.max(window, settings.denseCandidates()), filter, exact);
        List<ScoredId> fused = fusion.fuse(words.ranked(), meaning.ranked(), alpha);
        Map<String, Integer> docs = new HashMap<>(meaning.docs());
        docs.putAll(words.docs());
        return new Ranking(fused, docs, fused.size(), false);
    }

    /** The id of each document, in the same order, read from the id's doc values. */
    private static String[] ids(IndexSearcher searcher, int[] docs) throws IOException {
        Integer[] order = new Integer[docs.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Doc values iterate forwards only: visit the documents in index order.
        Arrays.sort(order, Comparator.comparingInt(i -> docs[i]));
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        String[] ids = new String[docs.length];
        SortedDocValues values = null;
        int leaf = -1;
        for (int i : order) {
            int l = ReaderUtil.subIndex(docs[i], leaves);
            if (l != leaf) {
                leaf = l;
                values = DocValues.getSorted(leaves.get(l).reader(), PaperSchema.ID);
            }
            if (!values.advanceExact(docs[i] - leaves.get(l).docBase)) {
                throw new IllegalStateException("document " + docs[i] + " has no id");
            }
            ids[i] = values.lookupOrd(values.ordValue()).utf8ToString();
        }
        return ids;
    }

    private SearchResults page(
            IndexSearcher searcher, Ranking ranking, int offset, int limit, Set<String> terms, List<String> notices)
            throws IOException {
        List<ScoredId> ranked = ranking.ranked();
        List<Hit> hits = new ArrayList<>();
        StoredFields stored = searcher.storedFields();
        CharArraySet marked = HtmlHighlighter.charSet(terms);
        for (int i = offset; i < Math.min(ranked.size(), offset + limit); i++) {
            ScoredId s = ranked.get(i);
            PaperSchema.StoredPaper p =
                    PaperSchema.stored(stored.document(ranking.docs().get(s.id())));
            hits.add(new Hit(
                    p.id(),
                    s.score(),
                    p.title(),
                    highlighter.whole(p.title(), marked),
                    highlighter.snippet(p.abstractText(), marked),
                    p.abstractText(),
                    p.authors(),
                    p.categories(),
                    p.listedOn(),
                    p.published(),
                    p.codeUrl()));
        }
        return new SearchResults(ranking.total(), ranking.totalExact(), hits, notices);
    }

    /** The coverage notice of one index reader: counting vectors walks every document, so once per reader. */
    private record Coverage(Object reader, Optional<String> notice) {}

    private volatile Coverage coverage = new Coverage(null, Optional.empty());

    private Optional<String> coverage(IndexSearcher searcher) throws IOException {
        Object key = searcher.getIndexReader().getReaderCacheHelper() == null
                ? searcher.getIndexReader()
                : searcher.getIndexReader().getReaderCacheHelper().getKey();
        Coverage c = coverage;
        if (c.reader() != key) {
            c = new Coverage(key, vectorCoverage(searcher));
            coverage = c;
        }
        return c.notice();
    }

    /** A notice when some papers have no vector yet, so dense search cannot find them. */
    private static Optional<String> vectorCoverage(IndexSearcher searcher) throws IOException {
        int all = searcher.getIndexReader().numDocs();
        int withVector = searcher.count(new FieldExistsQuery(PaperSchema.VECTOR));
        if (withVector >= all) {
            return Optional.empty();
        }
        return Optional.of(String.format(
                Locale.ROOT,
                "Search by meaning covers %,d of %,d papers while the rest are being embedded.",
                withVector,
                all));
    }

    private void checkDimensions(float[] vector) {
        SearchRequest.checkVector(vector, index.dimensions());
    }
}
