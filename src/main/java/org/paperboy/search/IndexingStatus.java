package org.paperboy.search;

import java.time.Instant;
import java.util.Objects;

/**
 * How background indexing goes: its state, since when, and for {@link State#FAILING} the last
 * error. {@link #describe()} is the text {@code /health} shows.
 */
public record IndexingStatus(State state, Instant since, String problem) {

    /** The states of background indexing. */
    public enum State {
        /** Loading the model or opening the index. */
        STARTING,
        /** Adding documents or vectors. */
        INDEXING,
        /** Every stored paper is indexed; waiting for new ones. */
        UP_TO_DATE,
        /** Another process writes the index; searches use its last commit. */
        WAITING_FOR_LOCK,
        /** The last attempt failed; retrying with back-off. */
        FAILING
    }

    public IndexingStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        problem = problem == null ? "" : problem;
    }

    /** True while indexing fails. */
    public boolean failing() {
        return state == State.FAILING;
    }

    /** One line for people: {@code up to date}, {@code failing since 2026-12-03T19:40:00Z: reason}, ... */
    public String describe() {
        return switch (state) {
            case STARTING -> "starting";
            case INDEXING -> "indexing";
            case UP_TO_DATE -> "up to date";
            case WAITING_FOR_LOCK -> "another process writes the index since " + since + "; searching its last commit";
            case FAILING -> "failing since " + since + ": " + problem;
        };
    }
}
