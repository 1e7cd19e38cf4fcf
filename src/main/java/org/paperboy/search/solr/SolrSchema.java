package org.paperboy.search.solr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.paperboy.search.Filters;

/**
 * The one place that says how a paper becomes a Solr document and how a {@link Filters} becomes
 * filter queries: the fields of the embedded index ({@code search.lucene.PaperSchema}) with the
 * same analysis, declared in the configset {@code configset/schema.xml} beside this class, which
 * Paperboy uploads itself. Besides the papers, a collection holds one document of kind
 * {@value #KIND_INDEX} that records the embedding model of the last commit.
 */
final class SolrSchema {

    /** Bumped whenever a field or its analysis changes: a new configset and a rebuilt collection. */
    static final int VERSION = 1;

    static final String ID = "id";
    static final String KIND = "kind";
    static final String EMBEDDING_MODEL = "embedding_model";
    static final String TITLE = "title";
    static final String ABSTRACT = "abstract";
    static final String TEXT = "text";
    static final String AUTHORS = "authors";
    static final String AUTHOR_KEY = "author_key";
    static final String CATEGORY = "category";
    static final String PRIMARY_CATEGORY = "primary_category";
    static final String CATEGORIES = "categories";
    static final String LISTED_ON = "listed_on";
    static final String PUBLISHED = "published";
    static final String HAS_CODE = "has_code";
    static final String CODE_URL = "code_url";
    static final String VECTOR = "vector";
    static final String HAS_VECTOR = "has_vector";

    static final String KIND_PAPER = "paper";
    static final String KIND_INDEX = "index";

    /** The id of the document that records the embedding model; no arXiv or BEIR id looks like it. */
    static final String INDEX_DOCUMENT_ID = "_paperboy_index";

    /** The filter query every paper, and only a paper, passes. */
    static final String PAPERS = "{!term f=" + KIND + "}" + KIND_PAPER;

    /** Stored fields a result shows. */
    static final String RESULT_FIELDS =
            String.join(",", ID, TITLE, ABSTRACT, AUTHORS, CATEGORIES, LISTED_ON, PUBLISHED, CODE_URL);

    private static final String[] FILES = {"schema.xml", "solrconfig.xml"};

    private SolrSchema() {}

    /** The name of the configset of this schema version for {@code dimensions}-dim vectors. */
    static String configSetName(int dimensions) {
        return "paperboy-v" + VERSION + "-d" + dimensions;
    }

    /** The configset as a zip file (what Solr's configset upload takes), for {@code dimensions}-dim vectors. */
    static byte[] configSetZip(int dimensions) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String file : FILES) {
                String text;
                try (InputStream in = SolrSchema.class.getResourceAsStream("configset/" + file)) {
                    if (in == null) {
                        throw new IllegalStateException("configset/" + file + " is missing from the jar");
                    }
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(file));
                zip.write(text.replace("@DIMENSIONS@", Integer.toString(dimensions))
                        .getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The document for {@code paper}, with {@code vector} when it is not {@code null}. */
    static SolrInputDocument document(Paper paper, float[] vector) {
        SolrInputDocument doc = new SolrInputDocument();
        doc.setField(ID, paper.id());
        doc.setField(KIND, KIND_PAPER);
        doc.setField(TITLE, paper.title());
        doc.setField(ABSTRACT, paper.abstractText());
        doc.setField(TEXT, paper.title() + "\n" + paper.abstractText());
        for (Author author : paper.authors()) {
            doc.addField(AUTHORS, author.name());
            String key = Filters.authorKey(author.name());
            if (!key.isEmpty()) {
                doc.addField(AUTHOR_KEY, key);
            }
        }
        for (String category : paper.categories()) {
            doc.addField(CATEGORY, categoryKey(category));
            doc.addField(CATEGORIES, category);
        }
        if (paper.primaryCategory() != null) {
            doc.setField(PRIMARY_CATEGORY, categoryKey(paper.primaryCategory()));
        }
        if (paper.listedOn() != null) {
            doc.setField(LISTED_ON, epochDay(paper.listedOn()));
        }
        if (paper.published() != null) {
            doc.setField(PUBLISHED, epochDay(paper.published()));
        }
        String code = paper.links().code();
        doc.setField(HAS_CODE, code != null);
        if (code != null) {
            doc.setField(CODE_URL, code);
        }
        doc.setField(HAS_VECTOR, vector != null);
        if (vector != null) {
            List<Float> values = new ArrayList<>(vector.length);
            for (float x : vector) {
                values.add(x);
            }
            doc.setField(VECTOR, values);
        }
        return doc;
    }

    /** The document that records {@code embeddingModel}. */
    static SolrInputDocument indexDocument(String embeddingModel) {
        SolrInputDocument doc = new SolrInputDocument();
        doc.setField(ID, INDEX_DOCUMENT_ID);
        doc.setField(KIND, KIND_INDEX);
        doc.setField(EMBEDDING_MODEL, embeddingModel);
        return doc;
    }

    /** The filter queries every result must pass for {@code filters}: none when they allow all. */
    static List<String> filterQueries(Filters filters) {
        List<String> fqs = new ArrayList<>();
        if (filters == null || filters.isEmpty()) {
            return fqs;
        }
        if (filters.category() != null) {
            String field = filters.primaryOnly() ? PRIMARY_CATEGORY : CATEGORY;
            fqs.add(term(field, categoryKey(filters.category())));
        }
        if (filters.since() != null || filters.until() != null) {
            String from = filters.since() == null ? "*" : Integer.toString(epochDay(filters.since()));
            String to = filters.until() == null ? "*" : Integer.toString(epochDay(filters.until()));
            fqs.add(LISTED_ON + ":[" + from + " TO " + to + "]");
        }
        if (filters.author() != null) {
            String key = Filters.authorKey(filters.author());
            fqs.add(key.isEmpty() ? "-*:*" : term(AUTHOR_KEY, key));
        }
        if (filters.hasCode() != null) {
            fqs.add(term(HAS_CODE, filters.hasCode().toString()));
        }
        if (!filters.excludedIds().isEmpty()) {
            fqs.add("*:* -" + ID + ":(" + String.join(" OR ", escaped(filters.excludedIds())) + ")");
        }
        return fqs;
    }

    /** A query for one exact indexed value, whatever characters it holds. */
    static String term(String field, String value) {
        return "{!term f=" + field + " v=" + quoted(value) + "}";
    }

    /** A filter that every document but the one with {@code id} passes. */
    static String allBut(String id) {
        return "*:* -" + ID + ":" + ClientUtils.escapeQueryChars(id);
    }

    /** A query for the papers with these ids. */
    static String ids(Collection<String> ids) {
        return ID + ":(" + String.join(" OR ", escaped(ids)) + ")";
    }

    private static List<String> escaped(Collection<String> values) {
        return values.stream().sorted().map(ClientUtils::escapeQueryChars).toList();
    }

    private static String quoted(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    static String categoryKey(String category) {
        return category.toLowerCase(Locale.ROOT);
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
            String codeUrl) {

        static StoredPaper of(SolrDocument doc) {
            return new StoredPaper(
                    (String) doc.getFieldValue(ID),
                    (String) doc.getFieldValue(TITLE),
                    (String) doc.getFieldValue(ABSTRACT),
                    strings(doc.getFieldValues(AUTHORS)),
                    strings(doc.getFieldValues(CATEGORIES)),
                    day(doc.getFieldValue(LISTED_ON)),
                    day(doc.getFieldValue(PUBLISHED)),
                    (String) doc.getFieldValue(CODE_URL));
        }

        private static List<String> strings(Collection<Object> values) {
            return values == null
                    ? List.of()
                    : values.stream().map(Object::toString).toList();
        }

        private static LocalDate day(Object value) {
            return value == null ? null : LocalDate.ofEpochDay(((Number) value).longValue());
        }
    }

    // As in the embedded index: no paper is dated outside the int range of epoch days.
    private static int epochDay(LocalDate day) {
        return Math.clamp(day.toEpochDay(), Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
}
