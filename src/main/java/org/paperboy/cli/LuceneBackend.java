package org.paperboy.cli;

import java.nio.file.Path;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.paperboy.search.IncompatibleIndexException;
import org.paperboy.search.PaperIndex;
import org.paperboy.search.SharedIndex;
import org.paperboy.search.VectorEncoding;
import org.paperboy.search.lucene.LucenePaperIndex;
import org.paperboy.search.lucene.SharedLuceneIndex;

/**
 * The embedded search backend of one process: the Lucene index in one directory, opened for
 * writing, for searching only, or shared with other processes, and scratch indexes elsewhere.
 * {@link Services} hands out what it opens as the search API's interfaces; this is the one place
 * outside {@code search.lucene} that names its classes. Not thread-safe: {@link Services} calls it
 * under its own lock. Close it on shutdown.
 */
final class LuceneBackend implements SearchBackend {

    private final Path dir;
    private final IntSupplier dimensions;
    private final Supplier<VectorEncoding> encoding;
    private LucenePaperIndex index;
    private LucenePaperIndex readIndex;
    private SharedLuceneIndex sharedIndex;

    /** The index in {@code dir}; {@code dimensions} and {@code encoding} are asked when it is opened. */
    LuceneBackend(Path dir, IntSupplier dimensions, Supplier<VectorEncoding> encoding) {
        this.dir = dir;
        this.dimensions = dimensions;
        this.encoding = encoding;
    }

    /** The index for writing, created when missing; rebuilt when incompatible, after which {@code rebuilt} runs. */
    @Override
    public PaperIndex index(Runnable rebuilt) {
        if (index == null) {
            try {
                index = LucenePaperIndex.open(dir, dimensions.getAsInt(), encoding.get());
            } catch (IncompatibleIndexException e) {
                System.err.println("paperboy: " + e.getMessage() + "; rebuilding it");
                index = LucenePaperIndex.create(dir, dimensions.getAsInt(), encoding.get());
                rebuilt.run();
            }
        }
        return index;
    }

    /**
     * The last committed index, for searching only, beside another process writing it; the
     * writable index when this process opened one.
     *
     * @throws java.io.UncheckedIOException when there is no index yet
     */
    @Override
    public PaperIndex readIndex() {
        if (index != null) {
            return index;
        }
        if (readIndex == null) {
            try {
                readIndex = LucenePaperIndex.openReadOnly(dir, dimensions.getAsInt(), encoding.get());
            } catch (IncompatibleIndexException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return readIndex;
    }

    /** The index shared with other processes; refused once it was opened in another way. */
    @Override
    public SharedIndex sharedIndex() {
        if (index != null || readIndex != null) {
            throw new IllegalStateException("the search index is already open in this process");
        }
        if (sharedIndex == null) {
            sharedIndex = SharedLuceneIndex.open(dir, dimensions.getAsInt(), encoding.get());
        }
        return sharedIndex;
    }

    /** The shared index when this process opened it, else {@link #readIndex()}. */
    @Override
    public PaperIndex forSearch() {
        return sharedIndex != null ? sharedIndex : readIndex();
    }

    /** The shared index when this process opened it, else {@link #index(Runnable)}. */
    @Override
    public PaperIndex forWriting(Runnable rebuilt) {
        return sharedIndex != null ? sharedIndex : index(rebuilt);
    }

    /** A new, empty index in {@code other}, whatever was there; the caller closes it. */
    @Override
    public PaperIndex scratch(Path other, int dimensions, VectorEncoding encoding) {
        return LucenePaperIndex.create(other, dimensions, encoding);
    }

    @Override
    public void close() {
        if (index != null) {
            index.close();
        }
        if (sharedIndex != null) {
            sharedIndex.close();
        }
        if (readIndex != null) {
            readIndex.close();
        }
    }
}
