package org.paperboy.web;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.paperboy.cli.Services;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.digest.Digests;
import org.paperboy.digest.PersonalSection;
import org.paperboy.digest.Retry;
import org.paperboy.embed.Embedder;
import org.paperboy.embed.OnnxEmbedder;
import org.paperboy.ingest.PageImporter;
import org.paperboy.mail.LogMailer;
import org.paperboy.mail.Mailer;
import org.paperboy.paper.Paper;
import org.paperboy.recommend.CatalogLoader;
import org.paperboy.search.IndexService;
import org.paperboy.search.Indexing;
import org.paperboy.search.IndexingStatus;
import org.paperboy.search.PaperIndex;
import org.paperboy.sources.SourceRunner;
import org.paperboy.sources.SourceScheduler;
import org.paperboy.sources.UpstreamClient;
import org.paperboy.store.Database;
import org.paperboy.store.ImportRunRepository;
import org.paperboy.store.PaperRepository;
import org.paperboy.store.RejectRepository;
import org.paperboy.store.SourceStateRepository;
import org.paperboy.store.UpstreamRepository;

/**
 * The whole web site over real parts for integration tests: a SQLite file and a Lucene index in
 * the test's directory, the real embedding model (loaded once per JVM), the real arXiv client
 * (pointed at a local server when a test gives one), and {@link WebServer} on a free port.
 * Mail goes to {@link #mailLog} unless a test passes a mailer (e.g. SMTP to GreenMail).
 * Close it after each test.
 */
final class TestSite implements AutoCloseable {

    /** Default "now" of test sites: noon UTC on 2026-07-02, the day after {@link #LAST_DAY}. */
    static final Instant NOW = Instant.parse("2026-07-02T12:00:00Z");

    private static Embedder embedder;

    final PaperboyConfig config;
    final Clock clock;
    /** The composition root the site is built from, as {@code paperboy serve} builds it. */
    final Services services;

    final Database db;
    final PaperRepository papers;
    final PaperIndex index;
    final IndexService indexService;
    final Site site;
    /** The digest services behind the site's subscription pages (sender, ledger, links). */
    final Digests digests;

    final WebServer server;
    final URI base;
    final ByteArrayOutputStream mailLog = new ByteArrayOutputStream();
    final AtomicInteger indexSignals = new AtomicInteger();
    /** The papers and vectors recommendations see; {@link #indexAll} refreshes it. */
    final CatalogLoader catalog;

    /** Options of a test site; {@link #builder} gives the defaults. */
    static final class Builder {
        private final Path dir;
        private List<Paper> papers = List.of();
        private Mailer mailer;
        private URI arxivApi = URI.create("http://127.0.0.1:9/api");
        private final Map<String, String> config = new HashMap<>();
        private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        private IndexingStatus indexingStatus;
        private java.util.function.Function<TestSite, SourceScheduler> sources;

        private Builder(Path dir) {
            this.dir = dir;
        }

        Builder papers(List<Paper> papers) {
            this.papers = papers;
            return this;
        }

        Builder mailer(Mailer mailer) {
            this.mailer = mailer;
            return this;
        }

        Builder arxivApi(URI arxivApi) {
            this.arxivApi = arxivApi;
            return this;
        }

        /** Sets a configuration key, e.g. {@code PaperboyConfig.ADMINS}. */
        Builder config(String key, String value) {
            config.put(key, value);
            return this;
        }

        /** Scheduled sources made over the site's store (by default none), e.g. with {@link #sourceRunner}. */
        Builder sources(java.util.function.Function<TestSite, SourceScheduler> sources) {
            this.sources = sources;
            return this;
        }

        Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** What the site's indexing reports (default: up to date). */
        Builder indexingStatus(IndexingStatus status) {
            this.indexingStatus = status;
            return this;
        }

        TestSite start() {
            return new TestSite(this);
        }
    }

    static Builder builder(Path dir) {
        return new Builder(dir);
    }

    static synchronized Embedder embedder() {
        if (embedder == null) {
            embedder = OnnxEmbedder.allMiniLmL6V2();
        }
        return embedder;
    }

    private TestSite(Builder b) {
        Map<String, String> flags = new HashMap<>(b.config);
        flags.put(PaperboyConfig.DATA, b.dir.toString());
        flags.putIfAbsent(PaperboyConfig.ARXIV_API_URL, b.arxivApi.toString());
        // No test contacts huggingface.co or arxiv.org: scheduled sources stay off unless a test sets them.
        flags.putIfAbsent(PaperboyConfig.SOURCES, "none");
        config = PaperboyConfig.load(flags, Map.of());
        clock = b.clock;
        services = new Services(config, b.clock, embedder());
        db = services.database();
        papers = services.papers();
        if (!b.papers.isEmpty()) {
            db.inTransaction(h -> {
                papers.insertAll(h, b.papers);
                return null;
            });
        }
        index = services.index();
        indexService = services.indexService();
        catalog = services.catalog();
        indexAll();
        Mailer mailer =
                b.mailer != null ? b.mailer : new LogMailer(new PrintStream(mailLog, true, StandardCharsets.UTF_8));
        digests = services.digests(
                q -> embedder().embedQuery(q), mailer, 1, Retry.DEFAULT, pause -> {}, PersonalSection.NONE);
        site = services.site(
                q -> embedder().embedQuery(q),
                mailer,
                indexing(b.indexingStatus),
                digests,
                b.sources != null ? b.sources.apply(this) : SourceScheduler.none());
        server = new WebServer(site);
        int port = server.start("127.0.0.1", 0);
        base = URI.create("http://127.0.0.1:" + port);
    }

    private Indexing indexing(IndexingStatus status) {
        Indexing signals = Indexing.notifying(indexSignals::incrementAndGet);
        if (status == null) {
            return signals;
        }
        return new Indexing() {
            @Override
            public void changed() {
                signals.changed();
            }

            @Override
            public IndexingStatus status() {
                return status;
            }
        };
    }

    /** Indexes every stored paper not indexed yet (documents and vectors), as serve's indexer does. */
    void indexAll() {
        indexService.syncDocuments(IndexService.Listener.NONE);
        indexService.buildVectors(IndexService.Listener.NONE, () -> false);
        catalog.refresh();
    }

    /** What the development mailer has written so far. */
    String mailLog() {
        return mailLog.toString(StandardCharsets.UTF_8);
    }

    /**
     * A runner of scheduled sources over this site's store (reading upstreams with a 5 s deadline),
     * telling the site's feed and indexer when a run stored papers.
     */
    SourceRunner sourceRunner() {
        return new SourceRunner(
                db,
                new PageImporter(
                        papers,
                        new RejectRepository(db, clock),
                        new ImportRunRepository(db, clock),
                        config.rejectsDir()),
                new SourceStateRepository(db, clock),
                new UpstreamRepository(db, clock),
                clock,
                new java.util.Random(1),
                config.sources().backfillDays(),
                () -> {
                    indexSignals.incrementAndGet();
                    site.feed().invalidate();
                });
    }

    /** A client for fake upstreams on loopback: 5 s deadline, 1 MB body cap. */
    static UpstreamClient upstreamClient() {
        return new UpstreamClient(
                java.net.http.HttpClient.newHttpClient(),
                java.time.Duration.ofSeconds(5),
                1024 * 1024,
                Clock.systemUTC());
    }

    /** A new visitor with its own cookies. */
    TestBrowser browser() {
        return new TestBrowser(base);
    }

    @Override
    public void close() {
        server.close();
        services.close();
    }
}
