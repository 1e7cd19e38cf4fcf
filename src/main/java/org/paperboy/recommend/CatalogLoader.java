package org.paperboy.recommend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.paperboy.store.PaperRepository;

/**
 * Builds the {@link Catalog} from the store: every paper with the vector the search index was
 * built from ({@code vectors} looks them up, e.g. in the embedding cache; papers it has none for
 * are left out). {@link #get} serves the last catalog built, {@link Catalog#EMPTY} before the
 * first; {@link #refresh} builds a new one (seconds for 74,728 papers) and swaps it in.
 */
public final class CatalogLoader implements Supplier<Catalog> {

    private static final int BATCH = 1000;

    private final PaperRepository papers;
    private final Function<List<Paper>, Map<String, float[]>> vectors;
    private final int dimensions;
    private final AtomicReference<Catalog> current = new AtomicReference<>(Catalog.EMPTY);

    public CatalogLoader(PaperRepository papers, Function<List<Paper>, Map<String, float[]>> vectors, int dimensions) {
        this.papers = papers;
        this.vectors = vectors;
        this.dimensions = dimensions;
    }

    @Override
    public Catalog get() {
        return current.get();
    }

    /** Builds a catalog of every stored paper that has a vector, serves it from now on, and returns it. */
    public Catalog refresh() {
        List<Catalog.Entry> entries = new ArrayList<>();
        List<Paper> batch = new ArrayList<>(BATCH);
        papers.forEach(p -> {
            batch.add(p);
            if (batch.size() == BATCH) {
                add(batch, entries);
                batch.clear();
            }
        });
        add(batch, entries);
        Catalog c = Catalog.of(entries, dimensions);
        current.set(c);
        return c;
    }

    private void add(List<Paper> batch, List<Catalog.Entry> entries) {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, float[]> found = vectors.apply(batch);
        for (Paper p : batch) {
            float[] v = found.get(p.id());
            if (v != null) {
                entries.add(entry(p, v));
            }
        }
    }

    /** The catalog entry of {@code p} with vector {@code v}. */
    public static Catalog.Entry entry(Paper p, float[] v) {
        return new Catalog.Entry(
                p.id(),
                p.listedOn(),
                p.title(),
                p.categories(),
                p.authors().stream().map(Author::name).toList(),
                v,
                p.abstractText() == null ? "" : p.abstractText());
    }
}
