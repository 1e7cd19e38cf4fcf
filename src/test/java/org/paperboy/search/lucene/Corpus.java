package org.paperboy.search.lucene;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.paperboy.paper.Links;
import org.paperboy.paper.Paper;
import org.paperboy.search.IndexedPaper;
import org.paperboy.search.VectorEncoding;

/**
 * Twelve small papers with known words and hand-made 8-dim unit vectors, so that every ranking
 * in the search tests can be worked out by hand. Dot products with the basis query {@code E0}:
 * P01 1, P02 0.894, P03 0.707, every other paper 0. P05 and P06 hold the same words, swapped
 * between title and abstract. P11 has no vector until a test gives it {@link #P11_VECTOR}; P12
 * has no listed day.
 */
final class Corpus {

    static final int DIMS = 8;

    static final String P01 = "2603.00001";
    static final String P02 = "2603.00002";
    static final String P03 = "2603.00003";
    static final String P04 = "2603.00004";
    static final String P05 = "2603.00005";
    static final String P06 = "2603.00006";
    static final String P07 = "2603.00007";
    static final String P08 = "2603.00008";
    static final String P09 = "2603.00009";
    static final String P10 = "2603.00010";
    static final String P11 = "2603.00011";
    static final String P12 = "2603.00012";

    static final LocalDate MAR_2 = LocalDate.of(2026, 3, 2);
    static final LocalDate MAR_3 = LocalDate.of(2026, 3, 3);
    static final LocalDate MAR_4 = LocalDate.of(2026, 3, 4);

    static final float[] E0 = basis(0);
    static final float[] P11_VECTOR = basis(7);

    static final String P12_ABSTRACT = "Search engines reduce words to stems so that different forms of a word"
            + " match each other, and they drop very common words that carry little meaning. This paper"
            + " measures how much each step helps on several collections of news articles and web pages, and"
            + " finds that stemming helps recall while hurting precision only slightly. Compression of"
            + " posting lists is discussed at the end.";

    private Corpus() {}

    static List<IndexedPaper> papers() {
        List<IndexedPaper> out = new ArrayList<>();
        out.add(paper(
                P01,
                "Dense retrieval with learned embeddings",
                "We train a dual encoder that maps queries and passages to embeddings, so that retrieval"
                        + " becomes a nearest neighbour search.",
                List.of("Ada Lovelace", "Alan Turing"),
                List.of("cs.IR", "cs.CL"),
                MAR_2,
                "https://github.com/example/dense",
                basis(0)));
        out.add(paper(
                P02,
                "Sparse lexical matching with BM25",
                "BM25 ranks documents by term frequency and inverse document frequency; it remains a strong"
                        + " baseline for retrieving passages.",
                List.of("Grace Hopper"),
                List.of("cs.IR"),
                MAR_2,
                null,
                unit(1, 0.5f, 0, 0, 0, 0, 0, 0)));
        out.add(paper(
                P03,
                "Hybrid search fuses lexical and dense rankings",
                "Fusing BM25 with a dense retriever by normalized scores or reciprocal ranks beats either"
                        + " ranking alone.",
                List.of("José García-López", "Ada Lovelace"),
                List.of("cs.IR"),
                MAR_2,
                "https://github.com/example/hybrid",
                unit(1, 1, 0, 0, 0, 0, 0, 0)));
        out.add(paper(
                P04,
                "Quantization of vectors for nearest neighbour graphs",
                "Eight-bit codes shrink an HNSW index fourfold while keeping recall close to full precision.",
                List.of("Alan Turing"),
                List.of("cs.DB", "cs.IR"),
                MAR_2,
                null,
                basis(1)));
        out.add(paper(
                P05,
                "Protein folding with transformers",
                "Attention over residue pairs predicts structures from sequences.",
                List.of("Rosalind Franklin"),
                List.of("q-bio.BM", "cs.LG"),
                MAR_3,
                null,
                basis(2)));
        out.add(paper(
                P06,
                "Attention over residue pairs",
                "Protein folding with transformers predicts structures from sequences.",
                List.of("Marie Curie"),
                List.of("cs.LG"),
                MAR_3,
                null,
                unit(0, 0, 1, 0.5f, 0, 0, 0, 0)));
        out.add(paper(
                P07,
                "Semantic segmentation of street scenes",
                "A convolutional network labels every pixel of images taken by cars.",
                List.of("Marie Curie"),
                List.of("cs.CV"),
                MAR_3,
                "https://github.com/example/segment",
                basis(3)));
        out.add(paper(
                P08,
                "<script>alert('x')</script> Escaping markup in web pages",
                "Untrusted text must be escaped before it is inserted into a page & shown.",
                List.of("Grace Hopper"),
                List.of("cs.CR"),
                MAR_3,
                null,
                basis(4)));
        out.add(paper(
                P09,
                "Speech recognition for low resource languages",
                "Self-supervised pretraining lets a recognizer learn from few transcribed hours.",
                List.of("Alan Turing"),
                List.of("eess.AS", "cs.CL"),
                MAR_4,
                null,
                basis(5)));
        out.add(paper(
                P10,
                "Reinforcement learning for robot grasping",
                "A robot arm learns to grasp unseen objects from trial and error.",
                List.of("Rosalind Franklin"),
                List.of("cs.RO"),
                MAR_4,
                "https://github.com/example/grasp",
                basis(6)));
        out.add(paper(
                P11,
                "Retrieval augmented generation for question answering",
                "A generator conditions on passages found by a retriever to answer open domain questions.",
                List.of("Ada Lovelace"),
                List.of("cs.CL", "cs.IR"),
                MAR_4,
                null,
                null));
        out.add(paper(
                P12,
                "Stemming and stop words in search engines",
                P12_ABSTRACT,
                List.of("Grace Hopper"),
                List.of("cs.IR"),
                null,
                null,
                unit(0, 0, 0, 0, 0, 0.8f, 0, 0.6f)));
        return out;
    }

    static IndexedPaper get(String id) {
        return papers().stream()
                .filter(p -> p.paper().id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    /** An index in {@code dir} holding the corpus. */
    static LucenePaperIndex index(java.nio.file.Path dir, VectorEncoding encoding) {
        LucenePaperIndex index = LucenePaperIndex.create(dir, DIMS, encoding);
        index.upsert(papers());
        return index;
    }

    static float[] basis(int i) {
        float[] v = new float[DIMS];
        v[i] = 1;
        return v;
    }

    static float[] unit(float... v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        float norm = (float) Math.sqrt(sum);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / norm;
        }
        return out;
    }

    private static IndexedPaper paper(
            String id,
            String title,
            String abstractText,
            List<String> authors,
            List<String> categories,
            LocalDate listedOn,
            String code,
            float[] vector) {
        Paper paper = Paper.builder(id)
                .title(title)
                .abstractText(abstractText)
                .authorNames(authors)
                .categories(categories)
                .listedOn(listedOn)
                .published(listedOn == null ? null : listedOn.minusDays(1))
                .links(new Links(null, null, code, null))
                .build();
        return new IndexedPaper(paper, vector);
    }
}
