package org.paperboy.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.paper.Paper;
import org.paperboy.search.Fusion;
import org.paperboy.search.Hit;
import org.paperboy.search.IncompatibleIndexException;
import org.paperboy.search.IndexedPaper;
import org.paperboy.search.PaperIndex;
import org.paperboy.search.ScoredId;
import org.paperboy.search.SearchMode;
import org.paperboy.search.SearchRequest;
import org.paperboy.search.VectorEncoding;

class PaperIndexIT {

    @TempDir
    Path dir;

    private static List<String> ranked(LucenePaperIndex index, String query) {
        return new LuceneSearcher(index)
                .rank(query, null, SearchMode.BM25, Fusion.MIN_MAX, 0, 100).stream()
                        .map(ScoredId::id)
                        .toList();
    }

    @Test
    void counts_papers_and_papers_with_a_vector() {
        try (LucenePaperIndex index = Corpus.index(dir, VectorEncoding.INT8)) {
            assertThat(index.count()).isEqualTo(12);
            assertThat(index.countWithVector()).isEqualTo(11);
            assertThat(index.idsWithoutVector(10)).containsExactly(Corpus.P11);
            assertThat(index.dimensions()).isEqualTo(8);
            assertThat(index.sizeOnDisk()).isPositive();
        }
    }

    @Test
    void a_vector_added_later_replaces_the_document_without_a_vector() {
        try (LucenePaperIndex index = Corpus.index(dir, VectorEncoding.INT8)) {
            index.upsert(List.of(new IndexedPaper(Corpus.get(Corpus.P11).paper(), Corpus.P11_VECTOR)));

            assertThat(index.count()).isEqualTo(12);
            assertThat(index.countWithVector()).isEqualTo(12);
            assertThat(index.idsWithoutVector(10)).isEmpty();
        }
    }

    @Test
    void lists_papers_without_a_vector_in_id_order_up_to_the_limit() {
        try (LucenePaperIndex index = LucenePaperIndex.create(dir, Corpus.DIMS, VectorEncoding.INT8)) {
            index.upsert(Corpus.papers().stream()
                    .map(p -> IndexedPaper.withoutVector(p.paper()))
                    .toList()
                    .reversed());

            assertThat(index.idsWithoutVector(3)).containsExactly(Corpus.P01, Corpus.P02, Corpus.P03);
            assertThat(index.idsWithoutVector(0)).isEmpty();
        }
    }

    @Test
    void upserting_a_paper_again_replaces_it() {
        try (LucenePaperIndex index = Corpus.index(dir, VectorEncoding.INT8)) {
            Paper renamed = Corpus.get(Corpus.P07).paper().toBuilder()
                    .title("Panoptic segmentation of street scenes")
                    .build();
            index.upsert(List.of(IndexedPaper.withoutVector(renamed)));

            assertThat(index.count()).isEqualTo(12);
            assertThat(index.countWithVector()).isEqualTo(10);
            assertThat(ranked(index, "panoptic")).containsExactly(Corpus.P07);
            assertThat(ranked(index, "semantic")).isEmpty();
        }
    }

    @Test
    void optimize_merges_batches_into_one_segment_and_keeps_every_paper() {
        try (LucenePaperIndex index = LucenePaperIndex.create(dir, Corpus.DIMS, VectorEncoding.INT8)) {
            for (IndexedPaper p : Corpus.papers()) {
                index.upsert(List.of(p));
            }
            assertThat(segments(index)).isGreaterThan(1);

            index.optimize();

            assertThat(segments(index)).isEqualTo(1);
            assertThat(index.count()).isEqualTo(12);
            assertThat(index.countWithVector()).isEqualTo(11);
            assertThat(ranked(index, "retrieval")).containsExactly(Corpus.P11, Corpus.P01, Corpus.P02, Corpus.P03);
        }
    }

    private static int segments(LucenePaperIndex index) {
        return index.withSearcher(s -> s.getIndexReader().leaves().size());
    }

    @Test
    void compacting_durably_leaves_one_segment_that_is_not_fragmented() {
        try (PaperIndex index = LucenePaperIndex.create(dir, Corpus.DIMS, VectorEncoding.INT8)) {
            for (IndexedPaper p : Corpus.papers()) {
                index.upsert(List.of(p));
            }
            assertThat(segments((LucenePaperIndex) index)).isGreaterThan(1);

            index.compact();

            assertThat(index.fragmented()).isFalse();
        }
        try (LucenePaperIndex index = LucenePaperIndex.open(dir, Corpus.DIMS, VectorEncoding.INT8)) {
            assertThat(segments(index)).isEqualTo(1);
            assertThat(index.count()).isEqualTo(12);
            assertThat(index.countWithVector()).isEqualTo(11);
        }
    }

    @Test
    void a_commit_records_the_embedding_model_and_one_without_a_model_keeps_it() {
        try (PaperIndex index = Corpus.index(dir, VectorEncoding.INT8)) {
            assertThat(index.embeddingModel()).isEmpty();
            index.commit("all-MiniLM-L6-v2");
            index.delete(Corpus.P02);
            index.commit();
        }
        try (LucenePaperIndex index = LucenePaperIndex.open(dir, Corpus.DIMS, VectorEncoding.INT8)) {
            assertThat(index.embeddingModel()).contains("all-MiniLM-L6-v2");
            assertThat(index.commitData()).isEqualTo(Map.of("embedding_model", "all-MiniLM-L6-v2"));
            assertThat(index.count()).isEqualTo(11);
        }
    }

    @Test
    void deletes_one_paper_and_ignores_unknown_ids() {
        try (LucenePaperIndex index = Corpus.index(dir, VectorEncoding.INT8)) {
            index.delete(Corpus.P02);
            index.delete("no-such-paper");

            assertThat(index.count()).isEqualTo(11);
            assertThat(index.countWithVector()).isEqualTo(10);
            assertThat(ranked(index, "BM25")).containsExactly(Corpus.P03);
        }
    }

    @Test
    void reopening_keeps_the_papers_and_the_commit_data() {
        try (LucenePaperIndex index = Corpus.index(dir, VectorEncoding.INT8)) {
            assertThat(index.commitData()).isEmpty();
            index.commit(Map.of("model", "all-MiniLM-L6-v2", "watermark", "41"));
        }
        try (LucenePaperIndex index = LucenePaperIndex.open(dir, Corpus.DIMS, VectorEncoding.INT8)) {
            assertThat(index.count()).isEqualTo(12);
            assertThat(index.countWithVector()).isEqualTo(11);
            assertThat(index.commitData()).isEqualTo(Map.of("model", "all-MiniLM-L6-v2", "watermark", "41"));
            assertThat(ranked(index, "BM25")).containsExactly(Corpus.P02, Corpus.P03);

            index.commit(Map.of("watermark", "42"));

            assertThat(index.commitData()).isEqualTo(Map.of("model", "all-MiniLM-L6-v2", "watermark", "42"));
        }
        try (LucenePaperIndex index = LucenePaperIndex.open(dir, Corpus.DIMS, VectorEncoding.INT8)) {
            assertThat(index.commitData()).isEqualTo(Map.of("model", "all-MiniLM-L6-v2", "watermark", "42"));
        }
    }

    @Test
    void delete_all_empties_the_index_but_keeps_the_commit_data() {
        try (LucenePaperIndex index = Corpus.index(dir, VectorEncoding.INT8)) {
            index.commit(Map.of("model", "m1"));
            index.deleteAll();
            index.commit(Map.of("watermark", "0"));

            assertThat(index.count()).isZero();
            assertThat(index.commitData()).isEqualTo(Map.of("model", "m1", "watermark", "0"));
        }
    }

    @Test
    void create_discards_an_existing_index() {
        try (LucenePaperIndex index = Corpus.index(dir, VectorEncoding.INT8)) {
            index.commit(Map.of("model", "m1"));
        }
        try (LucenePaperIndex index = LucenePaperIndex.create(dir, 4, VectorEncoding.FLOAT32)) {
            assertThat(index.count()).isZero();
            assertThat(index.commitData()).isEmpty();
        }
        try (LucenePaperIndex index = LucenePaperIndex.open(dir, 4, VectorEncoding.FLOAT32)) {
            assertThat(index.count()).isZero();
        }
    }

    @Test
    void refuses_to_open_an_index_built_with_another_dimension_or_encoding() {
        Corpus.index(dir, VectorEncoding.INT8).close();

        assertThatThrownBy(() -> LucenePaperIndex.open(dir, 384, VectorEncoding.INT8))
                .isInstanceOf(IncompatibleIndexException.class)
                .hasMessage("the search index in " + dir + " was built with schema 1 with 8-dim INT8 vectors but"
                        + " schema 1 with 384-dim INT8 vectors is configured; rebuild it with `paperboy reindex`");
        assertThatThrownBy(() -> LucenePaperIndex.open(dir, 8, VectorEncoding.FLOAT32))
                .isInstanceOf(IncompatibleIndexException.class)
                .hasMessageContaining("built with schema 1 with 8-dim INT8 vectors but schema 1 with 8-dim FLOAT32");
        // The refused opens left the index intact and unlocked.
        try (LucenePaperIndex index = LucenePaperIndex.open(dir, 8, VectorEncoding.INT8)) {
            assertThat(index.count()).isEqualTo(12);
        }
    }

    @Test
    void refuses_commit_keys_of_its_own() {
        try (LucenePaperIndex index = Corpus.index(dir, VectorEncoding.INT8)) {
            assertThatThrownBy(() -> index.commit(Map.of("paperboy.index.dimensions", "3")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("commit data: key paperboy.index.dimensions is reserved for the index itself");
        }
    }

    @Test
    void refuses_vectors_of_the_wrong_dimension_or_length() {
        try (LucenePaperIndex index = Corpus.index(dir, VectorEncoding.INT8)) {
            Paper p = Corpus.get(Corpus.P01).paper();

            assertThatThrownBy(() -> index.upsert(List.of(new IndexedPaper(p, new float[] {1, 0}))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("vector of 2603.00001: has 2 dimensions, the index takes 8");
            assertThatThrownBy(() -> index.upsert(List.of(new IndexedPaper(p, new float[] {2, 0, 0, 0, 0, 0, 0, 0}))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("vector of 2603.00001: length 2.0 is not 1; the index scores by dot product and"
                            + " needs L2-normalized vectors");
            assertThatThrownBy(() -> index.upsert(List.of(new IndexedPaper(p, new float[8]))))
                    .hasMessageStartingWith("vector of 2603.00001: length 0.0 is not 1");
        }
    }

    @Test
    void a_refused_batch_writes_nothing() {
        try (LucenePaperIndex index = LucenePaperIndex.create(dir, Corpus.DIMS, VectorEncoding.INT8)) {
            IndexedPaper good = Corpus.get(Corpus.P01);
            IndexedPaper bad = new IndexedPaper(Corpus.get(Corpus.P02).paper(), new float[3]);

            assertThatThrownBy(() -> index.upsert(List.of(good, bad))).isInstanceOf(IllegalArgumentException.class);
            assertThat(index.count()).isZero();
        }
    }

    @Test
    void stores_vectors_as_int8_codes_or_as_floats_as_configured() {
        try (LucenePaperIndex index = Corpus.index(dir.resolve("int8"), VectorEncoding.INT8)) {
            assertThat(vectorFormat(index)).isEqualTo("Lucene104HnswBinaryQuantizedVectorsFormat");
        }
        try (LucenePaperIndex index = Corpus.index(dir.resolve("float"), VectorEncoding.FLOAT32)) {
            assertThat(vectorFormat(index)).isEqualTo("Lucene99HnswVectorsFormat");
        }
    }

    @Test
    void four_bit_and_one_bit_codes_find_what_floats_find_with_exact_scores() {
        for (int i = 0; i < Corpus.DIMS; i++) {
            float[] query = Corpus.basis(i);
            List<Hit> expected;
            try (LucenePaperIndex floats = Corpus.index(dir.resolve("float" + i), VectorEncoding.FLOAT32)) {
                expected = new LuceneSearcher(floats)
                        .search(SearchRequest.dense(query))
                        .hits();
            }
            for (VectorEncoding coarse : List.of(VectorEncoding.INT4, VectorEncoding.BIT1)) {
                try (LucenePaperIndex index = Corpus.index(dir.resolve(coarse.name() + i), coarse)) {
                    List<Hit> hits = new LuceneSearcher(index)
                            .search(SearchRequest.dense(query))
                            .hits();
                    assertThat(hits)
                            .as(coarse + " basis " + i)
                            .extracting(Hit::id)
                            .containsExactlyElementsOf(
                                    expected.stream().map(Hit::id).toList());
                    assertThat(hits)
                            .extracting(Hit::score)
                            .containsExactlyElementsOf(
                                    expected.stream().map(Hit::score).toList());
                }
            }
        }
        try (LucenePaperIndex index = Corpus.index(dir.resolve("int4"), VectorEncoding.INT4)) {
            assertThat(index.encoding().oversample()).isEqualTo(2);
        }
        assertThat(VectorEncoding.parse("BIT1")).isEqualTo(VectorEncoding.BIT1);
        assertThatThrownBy(() -> VectorEncoding.parse("int2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vector encoding 'int2' is not one of int8, int4, bit1, float32");
    }

    private static String vectorFormat(LucenePaperIndex index) {
        return index.withSearcher(s -> {
            LeafReaderContext leaf = s.getIndexReader().leaves().getFirst();
            FieldInfo info = leaf.reader().getFieldInfos().fieldInfo(PaperSchema.VECTOR);
            return info.getAttribute("PerFieldKnnVectorsFormat.format");
        });
    }
}
