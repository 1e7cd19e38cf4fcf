package org.paperboy.eval;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The mean metrics of one search mode on one dataset split, as printed by {@code paperboy eval};
 * {@code embedder} names the model of the dense side ({@code minilm}, {@code bge-small},
 * {@code student}) and is {@code null} for modes without one; {@code fusion} names how a hybrid
 * mode fused its rankings ({@code min-max}, {@code rrf}) and is {@code null} for the other modes.
 */
public record EvalResult(
        String dataset,
        String mode,
        String embedder,
        String fusion,
        double ndcg10,
        double recall100,
        double mrr10,
        int queries) {

    public EvalResult(String dataset, String mode, double ndcg10, double recall100, double mrr10, int queries) {
        this(dataset, mode, null, null, ndcg10, recall100, mrr10, queries);
    }

    public EvalResult(
            String dataset, String mode, String fusion, double ndcg10, double recall100, double mrr10, int queries) {
        this(dataset, mode, null, fusion, ndcg10, recall100, mrr10, queries);
    }

    public EvalResult {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(mode, "mode");
        for (double metric : new double[] {ndcg10, recall100, mrr10}) {
            if (!Double.isFinite(metric)) {
                throw new IllegalArgumentException("metric value " + metric + " is not a finite number");
            }
        }
        if (queries < 0) {
            throw new IllegalArgumentException("queries is " + queries + ", not >= 0");
        }
    }

    /** This result with {@code fusion} named ({@code null}: none). */
    public EvalResult withFusion(String fusion) {
        return new EvalResult(dataset, mode, embedder, fusion, ndcg10, recall100, mrr10, queries);
    }

    /** This result with {@code embedder} named ({@code null}: none). */
    public EvalResult withEmbedder(String embedder) {
        return new EvalResult(dataset, mode, embedder, fusion, ndcg10, recall100, mrr10, queries);
    }

    public static EvalResult of(String dataset, String mode, RunScores scores) {
        return new EvalResult(dataset, mode, scores.ndcg10(), scores.recall100(), scores.mrr10(), scores.queries());
    }

    /**
     * One JSON object on one line, keys in this fixed order, metrics rounded to 4 decimals, {@code
     * embedder} and {@code fusion} only when named: {@code {"dataset":"scifact","mode":"hybrid",
     * "embedder":"minilm","fusion":"rrf","ndcg@10":0.7346,"recall@100":0.0,"mrr@10":0.0,"queries":300}}.
     */
    public String toJsonLine() {
        return "{\"dataset\":" + quote(dataset) + ",\"mode\":" + quote(mode)
                + (embedder == null ? "" : ",\"embedder\":" + quote(embedder))
                + (fusion == null ? "" : ",\"fusion\":" + quote(fusion)) + ",\"ndcg@10\":" + round4(ndcg10)
                + ",\"recall@100\":" + round4(recall100) + ",\"mrr@10\":" + round4(mrr10) + ",\"queries\":" + queries
                + "}";
    }

    /**
     * {@code value} to 4 decimals without trailing zeros but with at least one decimal ({@code 0.73},
     * {@code 0.0}, {@code 0.0001}, never exponent notation). Rounds the exact binary value half-even,
     * as trec_eval's {@code %.4f} does.
     */
    static String round4(double value) {
        BigDecimal rounded =
                new BigDecimal(value).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return rounded.scale() <= 0 ? rounded.setScale(1).toPlainString() : rounded.toPlainString();
    }

    static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }
}
