package org.paperboy.search;

import java.time.Instant;
import java.util.Objects;

/** What the web layer asks of indexing: to index newly stored papers soon, and how it goes. */
public interface Indexing {

    /** Papers were stored or changed: index them soon. Returns at once. */
    void changed();

    /** The current state, for {@code /health} and {@code /metrics}. */
    IndexingStatus status();

    /** For a site without a background indexer (tests): {@code onChange} hears changes; always up to date. */
    static Indexing notifying(Runnable onChange) {
        Objects.requireNonNull(onChange, "onChange");
        IndexingStatus upToDate = new IndexingStatus(IndexingStatus.State.UP_TO_DATE, Instant.EPOCH, "");
        return new Indexing() {
            @Override
            public void changed() {
                onChange.run();
            }

            @Override
            public IndexingStatus status() {
                return upToDate;
            }
        };
    }
}
