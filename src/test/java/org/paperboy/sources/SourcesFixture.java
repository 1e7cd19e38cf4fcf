package org.paperboy.sources;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.paperboy.ingest.PageImporter;
import org.paperboy.store.Database;
import org.paperboy.store.ImportRunRepository;
import org.paperboy.store.MutableClock;
import org.paperboy.store.PaperRepository;
import org.paperboy.store.RejectRepository;
import org.paperboy.store.SourceStateRepository;
import org.paperboy.store.UpstreamRepository;

/**
 * A store, a clock that moves only when told, and a runner over them, for source tests: the
 * upstream client gives up after {@link #DEADLINE} and reads at most {@link #MAX_BYTES}.
 */
final class SourcesFixture implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-07-10T09:00:00Z");
    static final Duration DEADLINE = Duration.ofSeconds(2);
    static final long MAX_BYTES = 1024 * 1024;

    final MutableClock clock = new MutableClock(NOW);
    final Database db;
    final PaperRepository papers;
    final RejectRepository rejects;
    final SourceStateRepository states;
    final UpstreamRepository upstream;
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final UpstreamClient client;
    final SourceRunner runner;
    int storedSignals;

    SourcesFixture(Path dir, String dbUrl, int backfillDays) {
        db = Database.open(dbUrl != null ? dbUrl : "jdbc:sqlite:" + dir.resolve("paperboy.db"));
        papers = new PaperRepository(db, clock);
        rejects = new RejectRepository(db, clock);
        states = new SourceStateRepository(db, clock);
        upstream = new UpstreamRepository(db, clock);
        client = new UpstreamClient(http, DEADLINE, MAX_BYTES, clock);
        runner = new SourceRunner(
                db,
                new PageImporter(papers, rejects, new ImportRunRepository(db, clock), dir.resolve("rejects")),
                states,
                upstream,
                clock,
                new Random(7),
                backfillDays,
                () -> storedSignals++);
    }

    SourceRunner.Outcome run(PaperSource source) {
        return runner.run(source, SourceRunner.Cause.SCHEDULE, false, null, null, () -> false);
    }

    SourceStateRepository.Run ran(PaperSource source) {
        SourceRunner.Outcome o = run(source);
        if (!(o instanceof SourceRunner.Outcome.Ran r)) {
            throw new AssertionError("expected a run, got " + o);
        }
        return r.run();
    }

    @Override
    public void close() {
        http.close();
        db.close();
    }
}
