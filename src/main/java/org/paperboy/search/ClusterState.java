package org.paperboy.search;

import java.util.List;
import java.util.Objects;

/**
 * How the servers of a search cluster stand, for {@code /health}, {@code /metrics} and
 * {@code paperboy stats}: the nodes alive, and the copies (replicas) of each part (shard) of the
 * collection that can answer. {@code collection} is the name Paperboy uses, {@code target} the
 * collection it names (itself, or an alias's). {@code problems} is empty while all is well.
 */
public record ClusterState(
        String collection,
        String target,
        List<String> liveNodes,
        int shards,
        int replicas,
        int activeReplicas,
        List<String> problems) {

    public ClusterState {
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(target, "target");
        liveNodes = List.copyOf(liveNodes);
        problems = List.copyOf(problems);
    }

    /** True while every replica answers. */
    public boolean healthy() {
        return problems.isEmpty();
    }
}
