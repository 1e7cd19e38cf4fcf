package org.paperboy.search;

/** One ranked paper id with the score that ranked it: the currency of evaluation and fusion. */
public record ScoredId(String id, double score) {}
