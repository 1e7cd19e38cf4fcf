package org.paperboy.recommend;

/** One recommended paper: its id, its blended score, and the one line that says why it is here. */
public record Pick(String paperId, double score, String why) {}
