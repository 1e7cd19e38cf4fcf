package org.paperboy.search.lucene;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.paperboy.search.Filters;

/**
 * The one place that says how a paper becomes a Lucene document and how each field is analyzed.
 *
 * <table>
 * <caption>Fields</caption>
 * <tr><th>field</th><th>analysis</th><th>used for</th></tr>
 * <tr><td>{@value #ID}</td><td>keyword, stored, sorted doc values</td>
 *     <td>upsert/delete by term, result id, tie-break of equal scores</td></tr>
 * <tr><td>{@value #TITLE}</td><td>English (standard tokenizer, possessives, lower case, stop words,
 *     Porter stemming), stored</td><td>BM25 (weighted above the abstract at query time), highlighting</td></tr>
 * <tr><td>{@value #ABSTRACT}</td><td>English, stored</td><td>BM25, snippets</td></tr>
 * <tr><td>{@value #TEXT}</td><td>English over title and abstract together, not stored</td>
 *     <td>BM25 with one length normalization for the whole paper (Anserini's "flat" indexing)</td></tr>
 * <tr><td>{@value #AUTHORS}</td><td>names: standard tokenizer, lower case, ASCII folding, no stemming
 *     or stop words; one value per author, stored in author order</td><td>free-text author search</td></tr>
 * <tr><td>{@value #AUTHOR_KEY}</td><td>keyword: {@link Filters#authorKey} of each author</td><td>author filter</td></tr>
 * <tr><td>{@value #CATEGORY}</td><td>keyword, lower case, every category</td><td>"any category" filter</td></tr>
 * <tr><td>{@value #PRIMARY_CATEGORY}</td><td>keyword, lower case, first category only</td>
 *     <td>"primary category" filter</td></tr>
 * <tr><td>{@value #CATEGORIES}</td><td>stored only, as written</td><td>results</td></tr>
 * <tr><td>{@value #LISTED_ON}</td><td>epoch day: int point, numeric doc values, stored</td>
 *     <td>date range filter, sorting, results</td></tr>
 * <tr><td>{@value #PUBLISHED}</td><td>epoch day: int point, stored</td><td>results</td></tr>
 * <tr><td>{@value #HAS_CODE}</td><td>keyword {@code true}/{@code false}</td><td>has-code filter</td></tr>
 * <tr><td>{@value #CODE_URL}</td><td>stored only</td><td>results</td></tr>
 * <tr><td>{@value #VECTOR}</td><td>float vector, dot product on L2-normalized vectors, HNSW in the
 *     format {@link PaperCodec} picks; absent until the paper is embedded</td><td>dense search, similar</td></tr>
 * </table>
 *
 * <p>Changing any of this changes {@link #VERSION}; an index of another version must be rebuilt.
 */
public final class PaperSchema {

    /** Bumped whenever a field or its analysis changes. */
    public static final int VERSION = 1;

    public static final String ID = "id";
    public static final String TITLE = "title";
    public static final String ABSTRACT = "abstract";
    public static final String TEXT = "text";
    public static final String AUTHORS = "authors";
    public static final String AUTHOR_KEY = "author_key";
    public static final String CATEGORY = "category";
    public static final String PRIMARY_CATEGORY = "primary_category";
    public static final String CATEGORIES = "categories";
    public static final String LISTED_ON = "listed_on";
    public static final String PUBLISHED = "published";
    public static final String HAS_CODE = "has_code";
    public static final String CODE_URL = "code_url";
    public static final String VECTOR = "vector";

    /** Dense search scores by dot product, which equals cosine on the normalized vectors we store. */
    static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;

    // Keeps a phrase or span from matching across two authors' names.
    private static final int AUTHOR_POSITION_GAP = 100;

    private PaperSchema() {}

    /** The analyzer for every field: English for text fields, the names analyzer for authors. */
    public static Analyzer analyzer() {
        return new PerFieldAnalyzerWrapper(new EnglishAnalyzer(), Map.of(AUTHORS, namesAnalyzer()));
    }

    private static Analyzer namesAnalyzer() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer source = new StandardTokenizer();
                TokenStream stream = new ASCIIFoldingFilter(new LowerCaseFilter(source));
                return new TokenStreamComponents(source, stream);
            }

            @Override
            public int getPositionIncrementGap(String fieldName) {
                return AUTHOR_POSITION_GAP;
            }
        };
    }

    static String categoryKey(String category) {
        return category.toLowerCase(Locale.ROOT);
    }

    /** The document for {@code paper}, with {@code vector} when it is not {@code null}. */
    static Document document(Paper paper, float[] vector) {
        Document doc = new Document();
        doc.add(new StringField(ID, paper.id(), Field.Store.YES));
        doc.add(new SortedDocValuesField(ID, new BytesRef(paper.id())));
        doc.add(new TextField(TITLE, paper.title(), Field.Store.YES));
        doc.add(new TextField(ABSTRACT, paper.abstractText(), Field.Store.YES));
        doc.add(new TextField(TEXT, paper.title() + "\n" + paper.abstractText(), Field.Store.NO));
        for (Author author : paper.authors()) {
            doc.add(new TextField(AUTHORS, author.name(), Field.Store.YES));
            String key = Filters.authorKey(author.name());
            if (!key.isEmpty()) {
                doc.add(new StringField(AUTHOR_KEY, key, Field.Store.NO));
            }
        }
        for (String category : paper.categories()) {
            doc.add(new StringField(CATEGORY, categoryKey(category), Field.Store.NO));
            doc.add(new StoredField(CATEGORIES, category));
        }
        if (paper.primaryCategory() != null) {
            doc.add(new StringField(PRIMARY_CATEGORY, categoryKey(paper.primaryCategory()), Field.Store.NO));
        }
        if (paper.listedOn() != null) {
            int day = epochDay(paper.listedOn());
            doc.add(new IntPoint(LISTED_ON, day));
            doc.add(new NumericDocValuesField(LISTED_ON, day));
            doc.add(new StoredField(LISTED_ON, day));
        }
        if (paper.published() != null) {
            int day = epochDay(paper.published());
            doc.add(new IntPoint(PUBLISHED, day));
            doc.add(new StoredField(PUBLISHED, day));
        }
        String code = paper.links().code();
        doc.add(new StringField(HAS_CODE, Boolean.toString(code != null), Field.Store.NO));
        if (code != null) {
            doc.add(new StoredField(CODE_URL, code));
        }
        if (vector != null) {
            doc.add(new KnnFloatVectorField(VECTOR, vector, SIMILARITY));
        }
        return doc;
    }

    /** The query every result must match for {@code filters}, or {@code null} when they allow all. */
    static Query filter(Filters filters) {
        if (filters == null || filters.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        if (filters.category() != null) {
            String field = filters.primaryOnly() ? PRIMARY_CATEGORY : CATEGORY;
            all.add(new TermQuery(new Term(field, categoryKey(filters.category()))), Occur.FILTER);
        }
        if (filters.since() != null || filters.until() != null) {
            int from = filters.since() == null ? Integer.MIN_VALUE : epochDay(filters.since());
            int to = filters.until() == null ? Integer.MAX_VALUE : epochDay(filters.until());
            all.add(IntPoint.newRangeQuery(LISTED_ON, from, to), Occur.FILTER);
        }
        if (filters.author() != null) {
            String key = Filters.authorKey(filters.author());
            all.add(key.isEmpty() ? MatchNoDocsQuery.INSTANCE : new TermQuery(new Term(AUTHOR_KEY, key)), Occur.FILTER);
        }
        if (filters.hasCode() != null) {
            all.add(new TermQuery(new Term(HAS_CODE, filters.hasCode().toString())), Occur.FILTER);
        }
        if (!filters.excludedIds().isEmpty()) {
            // A query of MUST_NOT clauses alone matches nothing: exclude from all documents.
            all.add(MatchAllDocsQuery.INSTANCE, Occur.FILTER);
            List<BytesRef> ids =
                    filters.excludedIds().stream().map(BytesRef::new).toList();
            all.add(new TermInSetQuery(ID, ids), Occur.MUST_NOT);
        }
        return all.build();
    }

    /** The stored fields of a result, as {@link #document} wrote them. */
    static StoredPaper stored(Document doc) {
        List<String> authors = new ArrayList<>();
        for (IndexableField f : doc.getFields(AUTHORS)) {
            authors.add(f.stringValue());
        }
        List<String> categories = new ArrayList<>();
        for (IndexableField f : doc.getFields(CATEGORIES)) {
            categories.add(f.stringValue());
        }
        return new StoredPaper(
                doc.get(ID),
                doc.get(TITLE),
                doc.get(ABSTRACT),
                List.copyOf(authors),
                List.copyOf(categories),
                day(doc.getField(LISTED_ON)),
                day(doc.getField(PUBLISHED)),
                doc.get(CODE_URL));
    }

    private static LocalDate day(IndexableField field) {
        return field == null ? null : LocalDate.ofEpochDay(field.numericValue().intValue());
    }

    // LocalDate spans far more days than an int; no paper is dated outside the int range, so
    // clamping only widens an open-ended filter bound.
    private static int epochDay(LocalDate day) {
        return Math.clamp(day.toEpochDay(), Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** What a result shows of a paper, read back from the stored fields. */
    record StoredPaper(
            String id,
            String title,
            String abstractText,
            List<String> authors,
            List<String> categories,
            LocalDate listedOn,
            LocalDate published,
            String codeUrl) {}
}
