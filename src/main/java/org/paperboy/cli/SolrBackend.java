package org.paperboy.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.search.PaperIndex;
import org.paperboy.search.SharedIndex;
import org.paperboy.search.VectorEncoding;
import org.paperboy.search.solr.SolrNodes;
import org.paperboy.search.solr.SolrPaperIndex;
import org.paperboy.store.Database;

/**
 * The SolrCloud search backend of one process: the configured collection ({@code PAPERBOY_SOLR_*}),
 * opened once, serving as the writable, the read-only and the shared index alike (Solr takes
 * writes from several processes), and scratch collections beside it. The one place outside
 * {@code search.solr} that names its classes. Not thread-safe: {@link Services} calls it under its
 * own lock. Close it on shutdown.
 */
final class SolrBackend implements SearchBackend {

    private final PaperboyConfig.Solr settings;
    private final java.util.function.IntSupplier dimensions;
    private final Database db;
    private SolrNodes nodes;
    private SolrPaperIndex index;
    private boolean shared;

    /**
     * The collection {@code settings} name; {@code dimensions} is asked when it is opened. The
     * serving nodes of {@code db}'s installation take turns writing it ({@link IndexWriterLock}).
     */
    SolrBackend(PaperboyConfig.Solr settings, java.util.function.IntSupplier dimensions, Database db) {
        if (!settings.on()) {
            throw new IllegalArgumentException("settings: neither a ZooKeeper address nor Solr URLs are set");
        }
        this.settings = settings;
        this.dimensions = dimensions;
        this.db = db;
    }

    private SolrNodes nodes() {
        if (nodes == null) {
            nodes = settings.zk() != null ? SolrNodes.zooKeeper(settings.zk()) : SolrNodes.urls(settings.urls());
        }
        return nodes;
    }

    @Override
    public PaperIndex index(Runnable rebuilt) {
        if (index == null) {
            index = SolrPaperIndex.open(
                    nodes(),
                    false,
                    settings.collection(),
                    settings.shards(),
                    settings.replicas(),
                    dimensions.getAsInt(),
                    rebuilt);
        }
        return index;
    }

    /** The collection, created when missing (an empty index, as a new embedded one searches). */
    @Override
    public PaperIndex readIndex() {
        return index(() -> {});
    }

    /** The collection, written by this process one indexing pass at a time, in turn with the other nodes. */
    @Override
    public SharedIndex sharedIndex() {
        index(() -> {});
        if (!shared) {
            index.shareWrites(new IndexWriterLock(db));
            shared = true;
        }
        return index;
    }

    /** Waits for the serving nodes' indexing pass to end, then holds them off until closed. */
    @Override
    public Hold holdWrites(PrintStream err) {
        return IndexWriterLock.hold(db, err)::close;
    }

    @Override
    public String pointAlias(String alias) {
        return ((SolrPaperIndex) index(() -> {})).pointAlias(alias);
    }

    @Override
    public PaperIndex forSearch() {
        return readIndex();
    }

    @Override
    public PaperIndex forWriting(Runnable rebuilt) {
        return index(rebuilt);
    }

    /**
     * A new collection named after {@code dir} (e.g. {@code paperboy-scratch-eval-123}) with the
     * configured shards and replicas, deleted when closed; {@code encoding} is Solr's (float32).
     */
    @Override
    public PaperIndex scratch(Path dir, int dimensions, VectorEncoding encoding) {
        String name = "paperboy-scratch-"
                + dir.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        return SolrPaperIndex.scratch(nodes(), name, settings.shards(), settings.replicas(), dimensions);
    }

    @Override
    public void close() {
        if (index != null) {
            index.close();
        }
        if (nodes != null) {
            nodes.close();
        }
    }
}
