package org.paperboy.recommend;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The papers a recommendation can see, in memory: for each paper with a vector its id, listed
 * day, title, categories, authors and unit-length vector, sorted by listed day so a period's
 * papers are one contiguous run of rows, and its words as {@link TermVectors}. About 120 MB for
 * 74,728 MiniLM vectors and about as much again for the words; immutable, so
 * many requests read it at once. Papers without a listed day are kept (a seed may be one) but are
 * in no window.
 */
public final class Catalog {

    /** One paper going into a catalog. */
    public record Entry(
            String id,
            LocalDate listedOn,
            String title,
            List<String> categories,
            List<String> authors,
            float[] vector,
            String abstractText) {

        /** An entry whose abstract is not known: only its title gives it words. */
        public Entry(
                String id,
                LocalDate listedOn,
                String title,
                List<String> categories,
                List<String> authors,
                float[] vector) {
            this(id, listedOn, title, categories, authors, vector, "");
        }

        /** The text of the lexical features: the title counts twice. */
        String text() {
            return title + " " + title + " " + abstractText;
        }
    }

    /** A catalog of no papers: every recommendation then falls back to popularity. */
    public static final Catalog EMPTY = of(List.of(), 0);

    private final String[] ids;
    private final long[] days;
    private final String[] titles;
    private final String[][] categories;
    private final String[][] authors;
    private final float[] vectors;
    private final int d;
    private final Map<String, Integer> rows;
    private final TermVectors terms;

    private Catalog(List<Entry> sorted, int d) {
        int n = sorted.size();
        this.d = d;
        ids = new String[n];
        days = new long[n];
        titles = new String[n];
        categories = new String[n][];
        authors = new String[n][];
        vectors = new float[n * d];
        rows = new HashMap<>(n * 2);
        Map<String, String> interned = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Entry e = sorted.get(i);
            ids[i] = e.id();
            days[i] = e.listedOn() == null ? Long.MIN_VALUE : e.listedOn().toEpochDay();
            titles[i] = e.title();
            categories[i] = e.categories().stream()
                    .map(c -> interned.computeIfAbsent(c, k -> k))
                    .toArray(String[]::new);
            authors[i] = e.authors().toArray(String[]::new);
            System.arraycopy(e.vector(), 0, vectors, i * d, d);
            rows.put(e.id(), i);
        }
        terms = n == 0
                ? TermVectors.EMPTY
                : TermVectors.of(sorted.stream().map(Entry::text).toList());
    }

    /**
     * A catalog of {@code entries} whose vectors have {@code dimensions} floats; entries with a
     * vector of another size are left out.
     */
    public static Catalog of(List<Entry> entries, int dimensions) {
        List<Entry> kept = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            if (e.vector() != null && e.vector().length == dimensions) {
                kept.add(e);
            }
        }
        kept.sort(Comparator.comparingLong((Entry e) ->
                        e.listedOn() == null ? Long.MIN_VALUE : e.listedOn().toEpochDay())
                .thenComparing(Entry::id));
        return new Catalog(kept, dimensions);
    }

    public int size() {
        return ids.length;
    }

    public int dimensions() {
        return d;
    }

    /** The row of paper {@code id}, if it has a vector here. */
    public OptionalInt row(String id) {
        Integer r = rows.get(id);
        return r == null ? OptionalInt.empty() : OptionalInt.of(r);
    }

    /** The first row listed on or after {@code from} and the first after {@code to}: rows {@code [lo, hi)}. */
    public int[] window(LocalDate from, LocalDate to) {
        return new int[] {lowerBound(from.toEpochDay()), lowerBound(to.toEpochDay() + 1)};
    }

    /** The rows listed on the day of {@code row}: {@code [lo, hi)}. */
    public int[] sameDay(int row) {
        long day = days[row];
        if (day == Long.MIN_VALUE) {
            return new int[] {row, row + 1};
        }
        return new int[] {lowerBound(day), lowerBound(day + 1)};
    }

    private int lowerBound(long day) {
        int lo = 0;
        int hi = ids.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (days[mid] < day) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    public String id(int row) {
        return ids[row];
    }

    /** The listed day of {@code row}, or {@code null}. */
    public LocalDate listedOn(int row) {
        return days[row] == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(days[row]);
    }

    public String title(int row) {
        return titles[row];
    }

    public List<String> categories(int row) {
        return Arrays.asList(categories[row]);
    }

    public List<String> authors(int row) {
        return Arrays.asList(authors[row]);
    }

    /** The papers' words, by row. */
    public TermVectors terms() {
        return terms;
    }

    /** All vectors, row after row: row {@code r} starts at {@code r * dimensions()}. Do not change it. */
    float[] vectors() {
        return vectors;
    }

    /** A copy of the vector of {@code row}. */
    public float[] vector(int row) {
        return Arrays.copyOfRange(vectors, row * d, (row + 1) * d);
    }

    /** The dot product (a cosine: vectors are unit length) of rows {@code a} and {@code b}. */
    public double similarity(int a, int b) {
        return dot(vectors, a * d, vectors, b * d, d);
    }

    /**
     * The dot product of {@code d} floats of {@code x} from {@code ox} and of {@code y} from
     * {@code oy}, in four running sums (about three times as fast as one: the sums do not wait for
     * each other).
     */
    static double dot(float[] x, int ox, float[] y, int oy, int d) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < d; i += 4) {
            s0 += x[ox + i] * y[oy + i];
            s1 += x[ox + i + 1] * y[oy + i + 1];
            s2 += x[ox + i + 2] * y[oy + i + 2];
            s3 += x[ox + i + 3] * y[oy + i + 3];
        }
        for (; i < d; i++) {
            s0 += x[ox + i] * y[oy + i];
        }
        return (double) s0 + s1 + s2 + s3;
    }
}
