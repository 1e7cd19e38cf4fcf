/**
 * Text embedders: {@link org.paperboy.embed.Embedder} and its ONNX Runtime implementation with
 * our own BERT WordPiece tokenizer. Arguments and results are never {@code null}; a {@code null}
 * argument or list element fails fast with a {@link NullPointerException} naming it.
 */
package org.paperboy.embed;
