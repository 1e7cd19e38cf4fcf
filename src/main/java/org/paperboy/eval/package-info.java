/**
 * Search-quality evaluation on BEIR-format data: a dataset loader, trec_eval-compatible metrics, TREC
 * run files, an evaluation runner over any {@link org.paperboy.eval.Retriever}, and a regression check
 * against recorded expected metrics. Nothing here depends on Lucene or ONNX; no method accepts or
 * returns {@code null}.
 */
package org.paperboy.eval;
