package org.paperboy.eval;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Scores one search mode on one dataset split: retrieves {@link #DEPTH} documents for every query of
 * the split, on one thread or several, and computes the trec_eval metrics of {@link Metrics}. The
 * outcome does not depend on the thread count.
 */
public final class Evaluation {

    /** Documents retrieved per query: what Recall@100 needs and what BEIR evaluates at. */
    public static final int DEPTH = Metrics.RECALL_CUTOFF;

    private final int threads;

    /** An evaluation calling the retriever from {@code threads} threads (1 = the calling thread only). */
    public Evaluation(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads is " + threads + ", must be at least 1");
        }
        this.threads = threads;
    }

    /**
     * Runs {@code retriever} over the queries of {@code dataset}'s split and scores it as {@code mode}.
     *
     * @throws IOException the first failure of the retriever, with the query it failed on
     */
    public EvalReport run(BeirDataset dataset, String mode, Retriever retriever) throws IOException {
        List<BeirQuery> queries = dataset.queries();
        List<List<ScoredDoc>> retrieved = threads == 1 ? sequential(queries, retriever) : parallel(queries, retriever);
        Map<String, List<ScoredDoc>> run = new LinkedHashMap<>();
        for (int i = 0; i < queries.size(); i++) {
            run.put(queries.get(i).id(), retrieved.get(i));
        }
        RunScores scores = Metrics.evaluate(run, dataset.qrels());
        return new EvalReport(EvalResult.of(dataset.name(), mode, scores), scores, Collections.unmodifiableMap(run));
    }

    private static List<List<ScoredDoc>> sequential(List<BeirQuery> queries, Retriever retriever) throws IOException {
        List<List<ScoredDoc>> retrieved = new ArrayList<>(queries.size());
        for (BeirQuery query : queries) {
            retrieved.add(retrieve(retriever, query));
        }
        return retrieved;
    }

    private List<List<ScoredDoc>> parallel(List<BeirQuery> queries, Retriever retriever) throws IOException {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<List<ScoredDoc>>> futures = new ArrayList<>(queries.size());
            for (BeirQuery query : queries) {
                futures.add(pool.submit(() -> retrieve(retriever, query)));
            }
            List<List<ScoredDoc>> retrieved = new ArrayList<>(queries.size());
            try {
                for (Future<List<ScoredDoc>> future : futures) {
                    retrieved.add(future.get());
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("evaluation interrupted");
            } catch (ExecutionException e) {
                pool.shutdownNow();
                throw rethrow(e.getCause());
            }
            return retrieved;
        }
    }

    private static List<ScoredDoc> retrieve(Retriever retriever, BeirQuery query) throws IOException {
        List<ScoredDoc> docs;
        try {
            docs = retriever.retrieve(query, DEPTH);
        } catch (IOException | UncheckedIOException e) {
            throw new IOException("retrieval failed for query '" + query.id() + "': " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("retrieval failed for query '" + query.id() + "': " + e, e);
        }
        if (docs == null) {
            throw new IllegalStateException("the retriever returned null for query '" + query.id() + "'");
        }
        return List.copyOf(docs);
    }

    private static IOException rethrow(Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IOException(cause);
    }
}
