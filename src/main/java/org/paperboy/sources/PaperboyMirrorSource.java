package org.paperboy.sources;

import java.net.URI;
import java.time.Duration;

/**
 * Another Paperboy followed as a mirror, through the same {@code /api/daily_papers} it serves to
 * Hugging Face clients: its papers and their upvotes (its imported count plus the votes cast
 * there) land here day by day, on the hf-daily period.
 */
public final class PaperboyMirrorSource implements PaperSource {

    public static final String NAME = "paperboy";

    private final URI endpoint;
    private final Duration every;
    private final DailyPages pages;

    public PaperboyMirrorSource(URI endpoint, Duration every, UpstreamClient client) {
        this.endpoint = endpoint;
        this.every = every;
        this.pages = new DailyPages(endpoint, client, item -> HfItemFacts.of(NAME, item));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String upstream() {
        return endpoint.toString();
    }

    @Override
    public Schedule schedule() {
        return new Schedule.Every(every);
    }

    @Override
    public void run(SourceRun run) throws SourceFailure, InterruptedException {
        pages.run(run);
    }
}
