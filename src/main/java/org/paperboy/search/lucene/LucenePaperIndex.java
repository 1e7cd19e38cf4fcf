package org.paperboy.search.lucene;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;
import org.paperboy.search.IncompatibleIndexException;
import org.paperboy.search.IndexLockedException;
import org.paperboy.search.IndexedPaper;
import org.paperboy.search.PaperIndex;
import org.paperboy.search.SearchSettings;
import org.paperboy.search.Searcher;
import org.paperboy.search.VectorEncoding;

/**
 * The {@link PaperIndex} on Lucene: one writer and a near-real-time {@link SearcherManager} over
 * a directory, with the schema of {@link PaperSchema}. The schema version, vector dimension and
 * encoding are recorded in every commit, and {@link #open} refuses an index that disagrees, so
 * vectors of two models or formats are never mixed silently. Close it on shutdown.
 */
public final class LucenePaperIndex implements PaperIndex, SearcherSource {

    // Anserini's BM25 parameters (k1=0.9, b=0.4); issue 3's SciFact probe measured BM25 with them.
    static final Similarity BM25 = new BM25Similarity(0.9f, 0.4f);

    /**
     * The commit data key of the embedding model ({@link #embeddingModel}); the same key as before
     * the search API was cut free of Lucene, so indexes built then keep their vectors.
     */
    static final String EMBEDDING_MODEL_KEY = "embedding_model";

    /** Segments up to which the index is not {@link #fragmented}. */
    public static final int MAX_SEGMENTS = 4;

    // Keys of our own in the commit data; callers' keys with this prefix are refused.
    private static final String RESERVED_PREFIX = "paperboy.index.";
    private static final String SCHEMA_KEY = RESERVED_PREFIX + "schema";
    private static final String DIMENSIONS_KEY = RESERVED_PREFIX + "dimensions";
    private static final String ENCODING_KEY = RESERVED_PREFIX + "vector_encoding";

    private static final double RAM_BUFFER_MB = 64;

    private final Path path;
    private final int dimensions;
    private final VectorEncoding encoding;
    private final Directory directory;
    private final Analyzer analyzer;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Object commitLock = new Object();

    private LucenePaperIndex(Path path, int dimensions, VectorEncoding encoding, boolean create, boolean readOnly)
            throws IOException {
        this.path = path;
        this.dimensions = dimensions;
        this.encoding = encoding;
        if (!readOnly) {
            Files.createDirectories(path);
        }
        Directory dir = FSDirectory.open(path);
        Analyzer an = PaperSchema.analyzer();
        IndexWriter w = null;
        try {
            boolean exists = DirectoryReader.indexExists(dir);
            if (exists && !create) {
                checkCompatible(SegmentInfos.readLatestCommit(dir).getUserData());
            }
            SearcherFactory factory = new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                    IndexSearcher searcher = new IndexSearcher(reader);
                    searcher.setSimilarity(BM25);
                    return searcher;
                }
            };
            if (readOnly) {
                if (!exists) {
                    throw new IOException("there is no index yet; run paperboy import or paperboy reindex");
                }
                this.searchers = new SearcherManager(dir, factory);
            } else {
                IndexWriterConfig config = new IndexWriterConfig(an)
                        .setOpenMode(
                                create
                                        ? IndexWriterConfig.OpenMode.CREATE
                                        : IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                        .setSimilarity(BM25)
                        .setCodec(new PaperCodec(encoding))
                        .setRAMBufferSizeMB(RAM_BUFFER_MB);
                w = new IndexWriter(dir, config);
                if (create || !exists) {
                    w.setLiveCommitData(schemaData().entrySet());
                    w.commit();
                }
                this.searchers = new SearcherManager(w, factory);
            }
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(w, dir, an);
            throw e;
        }
        this.directory = dir;
        this.analyzer = an;
        this.writer = w;
    }

    /**
     * Opens the last commit of the index in {@code dir} for searching only, beside a process that
     * may be writing it (a running {@code serve}); writes throw {@link IllegalStateException}.
     *
     * @throws UncheckedIOException when there is no index there yet
     */
    public static LucenePaperIndex openReadOnly(Path dir, int dimensions, VectorEncoding encoding) {
        try {
            return new LucenePaperIndex(dir, dimensions, encoding, false, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + dir + ": " + reason(e), e);
        }
    }

    /** True when this index was opened with {@link #openReadOnly}. */
    public boolean isReadOnly() {
        return writer == null;
    }

    private IndexWriter writer() {
        if (writer == null) {
            throw new IllegalStateException("the search index in " + path + " was opened read-only");
        }
        return writer;
    }

    /**
     * Opens the index in {@code dir}, creating an empty one when there is none.
     *
     * @throws IncompatibleIndexException when the index there has another schema version,
     *     dimension or encoding
     * @throws IndexLockedException when another process writes the index
     * @throws UncheckedIOException when the directory cannot be read or written
     */
    public static LucenePaperIndex open(Path dir, int dimensions, VectorEncoding encoding) {
        return open(dir, dimensions, encoding, false);
    }

    /** Opens an empty index in {@code dir}, discarding whatever index was there at the first commit. */
    public static LucenePaperIndex create(Path dir, int dimensions, VectorEncoding encoding) {
        return open(dir, dimensions, encoding, true);
    }

    private static LucenePaperIndex open(Path dir, int dimensions, VectorEncoding encoding, boolean create) {
        if (dimensions < 1 || dimensions > 1024) {
            throw new IllegalArgumentException("dimensions: " + dimensions + " is not within 1..1024");
        }
        try {
            return new LucenePaperIndex(dir, dimensions, encoding, create, false);
        } catch (LockObtainFailedException e) {
            throw new IndexLockedException(dir, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + dir + ": " + reason(e), e);
        }
    }

    /** The message of {@code e}, with the reason spelled out where Java gives only a file name. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() == null) {
            String why = switch (f) {
                case NoSuchFileException x -> "no such file or directory";
                case java.nio.file.FileAlreadyExistsException x -> "exists and is not a directory";
                case java.nio.file.NotDirectoryException x -> "not a directory";
                case java.nio.file.AccessDeniedException x -> "permission denied";
                default -> f.getClass().getSimpleName();
            };
            return f.getMessage() + ": " + why;
        }
        return e.getMessage();
    }

    private Map<String, String> schemaData() {
        return Map.of(
                SCHEMA_KEY, Integer.toString(PaperSchema.VERSION),
                DIMENSIONS_KEY, Integer.toString(dimensions),
                ENCODING_KEY, encoding.name());
    }

    private void checkCompatible(Map<String, String> committed) {
        String found = describe(
                committed.getOrDefault(SCHEMA_KEY, "?"),
                committed.getOrDefault(DIMENSIONS_KEY, "?"),
                committed.getOrDefault(ENCODING_KEY, "?"));
        String wanted = describe(Integer.toString(PaperSchema.VERSION), Integer.toString(dimensions), encoding.name());
        if (!found.equals(wanted)) {
            throw new IncompatibleIndexException(path, found, wanted);
        }
    }

    private static String describe(String schema, String dimensions, String encoding) {
        return "schema " + schema + " with " + dimensions + "-dim " + encoding + " vectors";
    }

    @Override
    public void upsert(List<IndexedPaper> papers) {
        for (IndexedPaper p : papers) {
            p.check(dimensions);
        }
        try {
            for (IndexedPaper p : papers) {
                Document doc = PaperSchema.document(p.paper(), p.vector());
                writer().updateDocument(new Term(PaperSchema.ID, p.paper().id()), doc);
            }
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw failure("index " + papers.size() + " papers", e);
        }
    }

    @Override
    public void delete(String id) {
        try {
            writer().deleteDocuments(new Term(PaperSchema.ID, id));
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw failure("delete " + id, e);
        }
    }

    @Override
    public void deleteAll() {
        try {
            writer().deleteAll();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw failure("delete all papers", e);
        }
    }

    /** Merges the index into one segment, so that a search visits one HNSW graph instead of one per segment. */
    public void optimize() {
        try {
            writer().forceMerge(1);
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw failure("merge into one segment", e);
        }
    }

    @Override
    public void commit() {
        commit(Map.of());
    }

    @Override
    public void commit(String embeddingModel) {
        commit(Map.of(EMBEDDING_MODEL_KEY, embeddingModel));
    }

    @Override
    public Optional<String> embeddingModel() {
        return Optional.ofNullable(commitData().get(EMBEDDING_MODEL_KEY));
    }

    @Override
    public boolean fragmented() {
        return segments() > MAX_SEGMENTS;
    }

    /** Merges into one segment ({@link #optimize}) and commits. */
    @Override
    public void compact() {
        optimize();
        commit();
    }

    @Override
    public Searcher searcher(SearchSettings settings) {
        return new LuceneSearcher(this, settings);
    }

    /**
     * Makes every write so far durable, together with {@code userData}, which is merged into the
     * data of the previous commit (a key given here replaces the old value).
     */
    public void commit(Map<String, String> userData) {
        for (String key : userData.keySet()) {
            if (key.startsWith(RESERVED_PREFIX)) {
                throw new IllegalArgumentException("commit data: key " + key + " is reserved for the index itself");
            }
        }
        synchronized (commitLock) {
            Map<String, String> merged = new HashMap<>(liveData());
            merged.putAll(userData);
            merged.putAll(schemaData());
            writer().setLiveCommitData(merged.entrySet());
            try {
                writer().commit();
            } catch (IOException e) {
                throw failure("commit", e);
            }
        }
    }

    /** The caller's data of the last commit; empty for a new index. */
    public Map<String, String> commitData() {
        synchronized (commitLock) {
            Map<String, String> data = new TreeMap<>(liveData());
            data.keySet().removeIf(k -> k.startsWith(RESERVED_PREFIX));
            return Map.copyOf(data);
        }
    }

    private Map<String, String> liveData() {
        Map<String, String> data = new HashMap<>();
        if (writer == null) {
            try {
                data.putAll(SegmentInfos.readLatestCommit(directory).getUserData());
            } catch (IOException e) {
                throw failure("read the commit data", e);
            }
            return data;
        }
        Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
        if (live != null) {
            live.forEach(e -> data.put(e.getKey(), e.getValue()));
        }
        return data;
    }

    @Override
    public int count() {
        return withSearcher(s -> s.getIndexReader().numDocs());
    }

    /** How many segments the index has: a search walks each one's HNSW graph and term index. */
    public int segments() {
        return withSearcher(s -> s.getIndexReader().leaves().size());
    }

    @Override
    public int countWithVector() {
        return withSearcher(s -> s.count(new FieldExistsQuery(PaperSchema.VECTOR)));
    }

    @Override
    public List<String> idsWithoutVector(int limit) {
        if (limit < 1) {
            return List.of();
        }
        return withSearcher(s -> {
            BooleanQuery missing = new BooleanQuery.Builder()
                    .add(MatchAllDocsQuery.INSTANCE, Occur.FILTER)
                    .add(new FieldExistsQuery(PaperSchema.VECTOR), Occur.MUST_NOT)
                    .build();
            Sort byId = new Sort(new SortField(PaperSchema.ID, SortField.Type.STRING));
            List<String> ids = new ArrayList<>();
            for (ScoreDoc sd : s.search(missing, limit, byId).scoreDocs) {
                ids.add(((BytesRef) ((FieldDoc) sd).fields[0]).utf8ToString());
            }
            return List.copyOf(ids);
        });
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    /** How vectors are stored in this index. */
    public VectorEncoding encoding() {
        return encoding;
    }

    @Override
    public long sizeOnDisk() {
        long bytes = 0;
        try {
            String[] files;
            try {
                files = directory.listAll();
            } catch (NoSuchFileException e) {
                return 0; // the directory was removed: the index takes no space any more
            }
            for (String file : files) {
                try {
                    bytes += directory.fileLength(file);
                } catch (NoSuchFileException | FileNotFoundException e) {
                    // Deleted by a merge between listing and measuring: it takes no space any more.
                }
            }
        } catch (IOException e) {
            throw failure("measure the index", e);
        }
        return bytes;
    }

    @Override
    public void close() {
        try {
            IOUtils.close(searchers, writer, directory, analyzer);
        } catch (IOException e) {
            throw failure("close", e);
        }
    }

    /**
     * Read-only: moves the searcher to the last commit of the process writing the index. A
     * writable index sees its own writes at once and needs no refresh.
     */
    public void refresh() {
        try {
            searchers.maybeRefresh();
        } catch (IOException e) {
            throw failure("refresh", e);
        }
    }

    /**
     * Throws when the index's files are gone from disk (its directory removed while open): the
     * open files still answer searches, but nothing more can be written or committed.
     *
     * @throws UncheckedIOException naming the directory
     */
    public void checkOnDisk() {
        try {
            if (SegmentInfos.getLastCommitSegmentsFileName(directory.listAll()) == null) {
                throw new NoSuchFileException(path.toString(), null, "holds no index commit");
            }
        } catch (IOException e) {
            throw failure("find its files", e);
        }
    }

    /**
     * Gives up writing: drops what was not committed and frees the write lock, so a new index can
     * be opened on the same directory; searches keep answering from the last state seen.
     */
    void releaseWriter() {
        if (writer != null) {
            try {
                writer.rollback();
            } catch (IOException | RuntimeException e) {
                // A writer that failed may fail again on rollback; the lock is released either way.
            }
        }
    }

    @Override
    public Analyzer analyzer() {
        return analyzer;
    }

    @Override
    public <T> T withSearcher(SearcherFunction<T> work) {
        IndexSearcher searcher;
        try {
            searcher = searchers.acquire();
        } catch (IOException e) {
            throw failure("open a searcher", e);
        }
        try {
            return work.apply(searcher);
        } catch (IOException e) {
            throw failure("search", e);
        } finally {
            try {
                searchers.release(searcher);
            } catch (IOException e) {
                throw failure("release a searcher", e);
            }
        }
    }

    /** Work on a searcher that may fail with an {@link IOException}. */
    @FunctionalInterface
    interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private UncheckedIOException failure(String what, IOException e) {
        return new UncheckedIOException("search index in " + path + ": cannot " + what + ": " + reason(e), e);
    }
}
