package org.paperboy.search.lucene;

import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;
import org.paperboy.search.VectorEncoding;

/**
 * Lucene's default codec with the vector format of {@link PaperSchema#VECTOR} chosen per field.
 * It subclasses the default codec rather than wrapping it, so segments keep the default codec's
 * name and the per-field vector format is recorded in the segment: a reader needs no custom codec
 * registered by SPI, and an index written with either encoding opens with the stock codec.
 */
final class PaperCodec extends Lucene104Codec {

    // Lucene's defaults for graph construction: 16 neighbours per node, beam width 100.
    private static final int MAX_CONN = Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN;
    private static final int BEAM_WIDTH = Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH;

    private final KnnVectorsFormat vectors;

    PaperCodec(VectorEncoding encoding) {
        this.vectors = switch (encoding) {
            case INT8 ->
                new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.UNSIGNED_BYTE, MAX_CONN, BEAM_WIDTH);
            case FLOAT32 -> new Lucene99HnswVectorsFormat(MAX_CONN, BEAM_WIDTH);
            case INT4 ->
                new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.PACKED_NIBBLE, MAX_CONN, BEAM_WIDTH);
            case BIT1 ->
                new Lucene104HnswScalarQuantizedVectorsFormat(
                        ScalarEncoding.SINGLE_BIT_QUERY_NIBBLE, MAX_CONN, BEAM_WIDTH);
        };
    }

    @Override
    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return PaperSchema.VECTOR.equals(field) ? vectors : super.getKnnVectorsFormatForField(field);
    }
}
