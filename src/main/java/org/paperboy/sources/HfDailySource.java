package org.paperboy.sources;

import java.net.URI;
import java.time.Duration;

/**
 * Hugging Face's daily papers ({@code GET {endpoint}/api/daily_papers?date=D}): every day from the
 * last one fetched to today (a week back on a first run), the last {@value SourceRun#REREAD_DAYS}
 * days again on every run because upvotes keep moving. Keeps the upvotes and what a card shows:
 * organization, submitter, thumbnail, code link and stars, comments, AI summary and keywords.
 */
public final class HfDailySource implements PaperSource {

    public static final String NAME = "hf-daily";

    private final URI endpoint;
    private final Duration every;
    private final DailyPages pages;

    public HfDailySource(URI endpoint, Duration every, UpstreamClient client) {
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
