package org.paperboy.search;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.paperboy.embed.Embedder;
import org.paperboy.paper.Paper;
import org.paperboy.store.Database;
import org.paperboy.store.IndexStateRepository;
import org.paperboy.store.PaperRepository;

/**
 * Keeps the search index in step with the store. Documents are (re)built for papers whose
 * content changed since they were indexed; vectors are added for papers that lack one of the
 * current model, from the embedding cache when the text was embedded before. The store is
 * told what the index holds only after the index has committed, so a crash at any point is
 * repaired by the next run, and a different model never mixes with the vectors of another.
 */
public final class IndexService {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IndexService.class);

    /** Hears progress: done so far, total expected. Called on the indexing thread. */
    public interface Listener {
        Listener NONE = (phase, done, total) -> {};

        void progress(String phase, long done, long total);

        /** The work is over (done or stopped): e.g. end a progress bar's line. */
        default void finish() {}
    }

    /**
     * The model an index written without an embedder records: documents only, no vectors to
     * wipe when a model arrives.
     */
    public static final String NO_VECTORS = "none";

    private static final int DOCUMENT_BATCH = 1000;
    private static final int VECTOR_BATCH = 256;

    private final Database db;
    private final PaperRepository papers;
    private final IndexStateRepository state;
    private final PaperIndex index;
    private final Embedder embedder;
    private final int vectorBatch;

    public IndexService(
            Database db, PaperRepository papers, IndexStateRepository state, PaperIndex index, Embedder embedder) {
        this(db, papers, state, index, embedder, VECTOR_BATCH);
    }

    /** With {@code vectorBatch} papers embedded and committed at a time, so a test can stop between batches. */
    IndexService(
            Database db,
            PaperRepository papers,
            IndexStateRepository state,
            PaperIndex index,
            Embedder embedder,
            int vectorBatch) {
        if (vectorBatch < 1) {
            throw new IllegalArgumentException("vectorBatch: " + vectorBatch + " is not at least 1");
        }
        this.db = db;
        this.papers = papers;
        this.state = state;
        this.index = index;
        this.embedder = embedder;
        this.vectorBatch = vectorBatch;
    }

    /**
     * A service that keeps only the documents in step (BM25), for an install whose embedder is
     * not there yet (the student while {@code serve} trains it): vectors already in the index keep
     * their model, and none are added.
     */
    public static IndexService documentsOnly(
            Database db, PaperRepository papers, IndexStateRepository state, PaperIndex index) {
        return new IndexService(db, papers, state, index, null, VECTOR_BATCH);
    }

    /** Whether this service writes documents only ({@link #documentsOnly}). */
    public boolean documentsOnly() {
        return embedder == null;
    }

    /** The model commits record: the embedder's, or without one whatever the index holds. */
    private String modelId() {
        return embedder != null ? embedder.modelId() : index.embeddingModel().orElse(NO_VECTORS);
    }

    /**
     * Checks the index against the store before any work: an empty index (deleted, or new) or
     * one built with another embedding model makes the store forget what it thought was indexed.
     */
    public void reconcile() {
        String model = index.embeddingModel().orElse(null);
        boolean otherModel =
                embedder != null && model != null && !model.equals(NO_VECTORS) && !model.equals(embedder.modelId());
        if (otherModel) {
            index.deleteAll();
            index.commit(embedder.modelId());
        }
        if (otherModel || index.count() == 0) {
            state.forgetIndex();
        }
    }

    /** Indexes the documents of every paper stored or changed since it was last indexed. */
    public long syncDocuments(Listener listener) {
        return syncDocuments(listener, () -> false);
    }

    /** Like {@link #syncDocuments(Listener)}, until done or until {@code stop} says so (checked between batches). */
    public long syncDocuments(Listener listener, BooleanSupplier stop) {
        long total = state.countStaleDocuments();
        long done = 0;
        String after = "";
        while (!stop.getAsBoolean()) {
            List<String> ids = state.staleDocuments(after, DOCUMENT_BATCH);
            if (ids.isEmpty()) {
                return done;
            }
            write(ids, false);
            done += ids.size();
            after = ids.get(ids.size() - 1);
            listener.progress("documents", done, total);
        }
        return done;
    }

    /**
     * Adds vectors to every indexed paper lacking one of the current model, newest listing day
     * first, until done or until {@code stop} says so (checked between batches, each committed);
     * safe to interrupt and run again.
     */
    public long buildVectors(Listener listener, BooleanSupplier stop) {
        if (embedder == null) {
            return 0;
        }
        long total = state.countMissingVectors(embedder.modelId());
        long done = 0;
        IndexStateRepository.Pending after = null;
        while (!stop.getAsBoolean()) {
            List<IndexStateRepository.Pending> pending = state.missingVectors(embedder.modelId(), after, vectorBatch);
            if (pending.isEmpty()) {
                break;
            }
            write(pending.stream().map(IndexStateRepository.Pending::id).toList(), true);
            done += pending.size();
            after = pending.get(pending.size() - 1);
            listener.progress("vectors", done, total);
        }
        return done;
    }

    /**
     * Compacts the index, committed, when it is {@link PaperIndex#fragmented fragmented}: each
     * segment of the embedded index costs a search its own HNSW graph walk, and the merge costs
     * seconds (12 s for 74,728 papers on 2 cores). Answers whether it compacted. Call it after
     * indexing.
     */
    public boolean compact() {
        if (!index.fragmented()) {
            return false;
        }
        long start = System.nanoTime();
        index.compact();
        log.info(
                "Compacted the search index in {} s",
                String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
        return true;
    }

    /** Rebuilds the whole index from the store. */
    public long rebuild(Listener listener, BooleanSupplier stop) {
        index.deleteAll();
        index.commit(embedder != null ? embedder.modelId() : NO_VECTORS);
        state.forgetIndex();
        long n = syncDocuments(listener);
        buildVectors(listener, stop);
        return n;
    }

    /** The text a paper is embedded from. */
    public static String embeddingText(Paper p) {
        return p.title() + " " + p.abstractText();
    }

    /** SHA-256 of the embedded text: the embedding cache key. */
    public static String textKey(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /**
     * The vectors of {@code papers} by paper id: from the embedding cache, and with
     * {@code embedMissing} the others are embedded and added to the cache (otherwise they are absent).
     */
    public static Map<String, float[]> vectors(
            IndexStateRepository state, Embedder embedder, Collection<Paper> papers, boolean embedMissing) {
        Map<String, String> keyById = new HashMap<>();
        for (Paper p : papers) {
            keyById.put(p.id(), textKey(embeddingText(p)));
        }
        Map<String, float[]> byKey = new HashMap<>(state.cachedEmbeddings(embedder.modelId(), keyById.values()));
        if (embedMissing) {
            List<Paper> missing = papers.stream()
                    .filter(p -> !byKey.containsKey(keyById.get(p.id())))
                    .toList();
            if (!missing.isEmpty()) {
                float[][] computed = embedder.embedPassages(
                        missing.stream().map(IndexService::embeddingText).toList());
                Map<String, float[]> fresh = new HashMap<>();
                for (int i = 0; i < missing.size(); i++) {
                    fresh.put(keyById.get(missing.get(i).id()), computed[i]);
                }
                state.cacheEmbeddings(embedder.modelId(), fresh);
                byKey.putAll(fresh);
            }
        }
        Map<String, float[]> byId = new HashMap<>();
        keyById.forEach((id, key) -> {
            float[] v = byKey.get(key);
            if (v != null) {
                byId.put(id, v);
            }
        });
        return byId;
    }

    /** Writes the documents of {@code ids}; with {@code embed}, computes the vectors the cache lacks. */
    private void write(List<String> ids, boolean embed) {
        Map<String, Paper> byId = db.read(tx -> papers.findAll(tx, ids));
        Map<String, String> hashes = db.read(tx -> papers.hashes(tx, ids));
        String model = modelId();
        Map<String, float[]> vectors = embedder == null ? Map.of() : vectors(state, embedder, byId.values(), embed);
        List<IndexedPaper> docs = new ArrayList<>(byId.size());
        Set<String> withVector = new HashSet<>();
        Map<String, String> indexedHashes = new HashMap<>();
        for (String id : ids) {
            Paper p = byId.get(id);
            if (p == null) {
                continue; // deleted meanwhile
            }
            float[] v = vectors.get(id);
            if (v != null) {
                withVector.add(id);
            }
            docs.add(new IndexedPaper(p, v));
            indexedHashes.put(id, hashes.get(id));
        }
        index.upsert(docs);
        index.commit(model);
        state.markIndexed(indexedHashes, model, withVector);
    }
}
