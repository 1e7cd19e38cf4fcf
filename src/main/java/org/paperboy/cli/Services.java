package org.paperboy.cli;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.paperboy.config.ConfigException;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.digest.Digests;
import org.paperboy.digest.PersonalSection;
import org.paperboy.digest.Retry;
import org.paperboy.embed.Embedder;
import org.paperboy.embed.Embedders;
import org.paperboy.embed.EmbeddingException;
import org.paperboy.embed.StudentTrainer;
import org.paperboy.feed.Feed;
import org.paperboy.feed.TrendingScore;
import org.paperboy.ingest.ArxivClient;
import org.paperboy.ingest.Importer;
import org.paperboy.ingest.OaiHarvester;
import org.paperboy.ingest.PageImporter;
import org.paperboy.ingest.PaperSubmitter;
import org.paperboy.mail.Mailer;
import org.paperboy.recommend.CatalogLoader;
import org.paperboy.recommend.ForYou;
import org.paperboy.search.BackgroundIndexer;
import org.paperboy.search.IndexService;
import org.paperboy.search.Indexing;
import org.paperboy.search.PaperIndex;
import org.paperboy.search.SearchSettings;
import org.paperboy.search.Searcher;
import org.paperboy.search.SharedIndex;
import org.paperboy.search.VectorEncoding;
import org.paperboy.sources.PaperSource;
import org.paperboy.sources.SourceCatalog;
import org.paperboy.sources.SourceRunner;
import org.paperboy.sources.SourceScheduler;
import org.paperboy.store.Database;
import org.paperboy.store.FeedRepository;
import org.paperboy.store.HarvestStateRepository;
import org.paperboy.store.ImportRunRepository;
import org.paperboy.store.IndexStateRepository;
import org.paperboy.store.LoginTokenRepository;
import org.paperboy.store.PaperRepository;
import org.paperboy.store.RejectRepository;
import org.paperboy.store.SessionRepository;
import org.paperboy.store.SourceStateRepository;
import org.paperboy.store.SubmissionRepository;
import org.paperboy.store.UpstreamRepository;
import org.paperboy.store.UserRepository;
import org.paperboy.store.VoteRepository;
import org.paperboy.web.Site;

/**
 * The composition root: the store, its repositories, the embedder, the search backend
 * ({@link LuceneBackend}, or {@link SolrBackend} when {@code PAPERBOY_SOLR_ZK} or
 * {@code PAPERBOY_SOLR_URL} is set), the digests and the web site, wired by constructors for one command
 * (or one test). The search backend is handed out as the search API's interfaces: commands and
 * tests get a {@link PaperIndex}, {@link Searcher}, {@link IndexService} or
 * {@link BackgroundIndexer} from here. Parts are made on first use; close it when done.
 */
public final class Services implements AutoCloseable {

    /** Vector size of all-MiniLM-L6-v2 and bge-small-en-v1.5, the shipped embedding models. */
    static final int DIMENSIONS = 384;

    private final PaperboyConfig config;
    private final Clock clock;
    private final Database database;
    private final PaperRepository papers;
    private final RejectRepository rejects;
    private final ImportRunRepository runs;
    private final HarvestStateRepository harvests;
    private final Importer importer;
    private final HttpClient http;
    private final IndexStateRepository indexState;
    private final boolean ownsEmbedder;
    private Embedder embedder;
    private final SearchBackend search;
    private Searcher searcher;
    private IndexService indexService;
    private CatalogLoader catalog;
    private FeedRepository feedStore;
    private Feed feed;
    private UserRepository users;
    private ForYou forYou;

    /** The parts of {@code config} on the system clock, the embedder loaded as configured on first use. */
    public Services(PaperboyConfig config) {
        this(config, Clock.systemUTC(), null);
    }

    /**
     * The parts of {@code config} on {@code clock}; with {@code embedder} given (tests share one
     * model between sites), that one is used and left open on {@link #close}.
     */
    public Services(PaperboyConfig config, Clock clock, Embedder embedder) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.embedder = embedder;
        this.ownsEmbedder = embedder == null;
        this.database = Database.open(config.dbUrl());
        this.papers = new PaperRepository(database, clock);
        this.rejects = new RejectRepository(database, clock);
        this.runs = new ImportRunRepository(database, clock);
        this.harvests = new HarvestStateRepository(database, clock);
        this.importer = new Importer(database, papers, rejects, runs, config.rejectsDir());
        this.indexState = new IndexStateRepository(database);
        this.search = config.solr().on()
                ? new SolrBackend(config.solr(), this::dimensions, database)
                : new LuceneBackend(config.dataDir().resolve("index"), this::dimensions, this::vectorEncoding);
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public PaperboyConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public Database database() {
        return database;
    }

    public PaperRepository papers() {
        return papers;
    }

    public RejectRepository rejects() {
        return rejects;
    }

    public ImportRunRepository runs() {
        return runs;
    }

    public HarvestStateRepository harvests() {
        return harvests;
    }

    public Importer importer() {
        return importer;
    }

    public HttpClient http() {
        return http;
    }

    public IndexStateRepository indexState() {
        return indexState;
    }

    /**
     * The embedding model the configuration names ({@code PAPERBOY_EMBEDDER}), loaded on first
     * use (a few seconds).
     *
     * @throws ConfigException when the student is named but no usable student model exists
     */
    public synchronized Embedder embedder() {
        if (embedder == null) {
            if (studentPending()) {
                throw new ConfigException(PaperboyConfig.EMBEDDER + "=" + Embedders.STUDENT + ": no student model at "
                        + Embedders.studentModel(config.dataDir()).toAbsolutePath()
                        + "; run paperboy train-embedder, or paperboy serve, which trains one in the background");
            }
            try {
                embedder = Embedders.create(config.embedder(), config.dataDir());
            } catch (EmbeddingException e) {
                if (!config.embedder().equals(Embedders.STUDENT)) {
                    throw e;
                }
                throw new ConfigException(PaperboyConfig.EMBEDDER + "=" + config.embedder() + ": " + e.getMessage());
            }
        }
        return embedder;
    }

    /**
     * Whether the configuration names the student embedder but no model file exists yet: the
     * index then holds documents only (BM25) until one is trained ({@link StudentBootstrap} in
     * {@code serve}, or {@code train-embedder}).
     */
    public boolean studentPending() {
        return ownsEmbedder
                && config.embedder().equals(Embedders.STUDENT)
                && !Files.isRegularFile(Embedders.studentModel(config.dataDir()));
    }

    /**
     * The vector size of the configured embedder: 384 for the shipped models without loading
     * them; the student's file says its own, and a student still to be trained will have the
     * default width.
     */
    public synchronized int dimensions() {
        if (!config.embedder().equals(Embedders.STUDENT)) {
            return DIMENSIONS;
        }
        return studentPending()
                ? StudentTrainer.Settings.DEFAULT.dims()
                : embedder().dimensions();
    }

    /**
     * How the index stores vectors for its graph ({@code PAPERBOY_VECTORS}); an index written
     * with another encoding is rebuilt when opened for writing.
     */
    public VectorEncoding vectorEncoding() {
        return VectorEncoding.parse(config.vectors());
    }

    /** The search index in DATA/index, created when missing, rebuilt when incompatible. */
    public synchronized PaperIndex index() {
        return search.index(indexState::forgetIndex);
    }

    /**
     * The last committed index, for searching only: works beside another process writing it
     * (a running serve or import). This process's writable index when it has one open.
     *
     * @throws java.io.UncheckedIOException when there is no index yet
     */
    public synchronized PaperIndex readIndex() {
        return search.readIndex();
    }

    /**
     * The index of a serving process: written when this process gets the lock, else searched
     * at the last commit of the process writing it until the lock frees.
     */
    public synchronized SharedIndex sharedIndex() {
        return search.sharedIndex();
    }

    /**
     * A new, empty index of {@code dimensions}-dim vectors in {@code dir}, whatever was there
     * (evaluation's scratch index); the caller closes it.
     */
    public PaperIndex newIndex(Path dir, int dimensions, VectorEncoding encoding) {
        return search.scratch(dir, dimensions, encoding);
    }

    /**
     * A searcher over {@link #sharedIndex()} or {@link #index()} when this process opened one,
     * else over {@link #readIndex()}.
     */
    public synchronized Searcher searcher() {
        if (searcher == null) {
            searcher = search.forSearch().searcher();
        }
        return searcher;
    }

    /** A searcher like {@link #searcher()} that weighs and cuts by {@code settings} (benchmarks, evaluation). */
    public synchronized Searcher searcher(SearchSettings settings) {
        return search.forSearch().searcher(settings);
    }

    /** The index searches read: the shared one when this process opened it, else {@link #readIndex()}. */
    private PaperIndex forSearch() {
        return search.forSearch();
    }

    /**
     * Keeps the index ({@link #sharedIndex()} when this process opened it, else {@link #index()})
     * in step with the store; checked against the index on first use.
     */
    public synchronized IndexService indexService() {
        boolean pending = studentPending();
        if (indexService == null || indexService.documentsOnly() != pending) {
            PaperIndex index = search.forWriting(indexState::forgetIndex);
            indexService = pending
                    ? IndexService.documentsOnly(database, papers, indexState, index)
                    : new IndexService(database, papers, indexState, index, embedder());
            indexService.reconcile();
        }
        return indexService;
    }

    /**
     * The indexing thread of a serving process over {@link #sharedIndex()}, not started: it loads
     * the model on its own thread ({@link #indexService()}), then tells {@code loaded}.
     */
    public synchronized BackgroundIndexer backgroundIndexer(
            BackgroundIndexer.Timing timing,
            BackgroundIndexer.Passes passes,
            java.util.function.Consumer<Embedder> loaded) {
        SharedIndex shared = sharedIndex();
        Supplier<IndexService> service = () -> {
            if (config.solr().on() && !studentPending()) {
                checkClusterModel(shared);
            }
            IndexService s = indexService(); // loads the model (seconds)
            if (!s.documentsOnly()) {
                loaded.accept(embedder());
            }
            return s;
        };
        return new BackgroundIndexer(shared, service, clock, timing, passes);
    }

    /**
     * A collection that several nodes share is never wiped by a serving node for its vectors of
     * another model (the nodes would take turns wiping it): a node set up unlike the collection
     * fails to index, saying so, until its setting matches or {@code paperboy reindex} rebuilds it.
     */
    private void checkClusterModel(PaperIndex index) {
        String ours = embedder().modelId();
        String theirs = index.embeddingModel().orElse(IndexService.NO_VECTORS);
        if (!theirs.equals(IndexService.NO_VECTORS) && !theirs.equals(ours) && index.count() > 0) {
            throw new IllegalStateException("the Solr collection "
                    + config.solr().collection() + " holds vectors of "
                    + theirs + " but this node embeds with " + ours + " (" + PaperboyConfig.EMBEDDER + "): give every "
                    + "node the same embedder and model file, or rebuild the collection with paperboy reindex "
                    + "(docs/deploy.md)");
        }
    }

    /** Waits for the serving nodes' indexing pass to end, then keeps them from writing until closed (a rebuild). */
    public synchronized SearchBackend.Hold holdIndexWrites(java.io.PrintStream err) {
        return search.holdWrites(err);
    }

    /** Points the search cluster's alias {@code alias} at the configured collection; answers what it named before. */
    public synchronized String pointAlias(String alias) {
        return search.pointAlias(alias);
    }

    /** How the search cluster stands; empty for the embedded index. */
    public synchronized java.util.Optional<org.paperboy.search.ClusterState> searchCluster() {
        return search.forSearch().cluster();
    }

    /**
     * The papers with their vectors for recommendations, from the embedding cache (the vectors
     * the index was built from); empty until {@code refresh()} is called, which loads the model id.
     */
    public synchronized CatalogLoader catalog() {
        if (catalog == null) {
            catalog = new CatalogLoader(
                    papers,
                    batch -> studentPending() ? Map.of() : IndexService.vectors(indexState, embedder(), batch, false),
                    dimensions());
        }
        return catalog;
    }

    /** The papers by listed day, for feeds and digests. */
    public synchronized FeedRepository feedStore() {
        if (feedStore == null) {
            feedStore = new FeedRepository(database, papers);
        }
        return feedStore;
    }

    /** The day / week / month feeds with the default trending score; one per process, for its cache. */
    public synchronized Feed feed() {
        if (feed == null) {
            feed = new Feed(feedStore(), clock, TrendingScore.DEFAULT);
        }
        return feed;
    }

    public synchronized UserRepository users() {
        if (users == null) {
            users = new UserRepository(database, clock);
        }
        return users;
    }

    /** Personal feeds and digest picks over {@link #catalog()}. */
    public synchronized ForYou forYou() {
        if (forYou == null) {
            forYou = ForYou.create(database, clock, feedStore(), catalog());
        }
        return forYou;
    }

    /**
     * The digest services over {@link #searcher()}: alerts embed queries with {@code queryEmbedder}
     * (which answers {@code null} while no model is loaded), {@code mailer} sends with
     * {@code workers} threads, retried by {@code retry} and paused by {@code sleeper}, and
     * {@code personal} gives each subscriber's "For you" picks.
     */
    public Digests digests(
            Function<String, float[]> queryEmbedder,
            Mailer mailer,
            int workers,
            Retry retry,
            Retry.Sleeper sleeper,
            PersonalSection personal) {
        return Digests.create(
                config,
                database,
                clock,
                feedStore(),
                searcher(),
                queryEmbedder,
                searchAlpha(),
                mailer,
                workers,
                retry,
                sleeper,
                personal);
    }

    /**
     * The "For you" picks of a digest: the recommendations of {@link #forYou()} for the
     * subscriber's account over the digest's period.
     */
    public PersonalSection personalPicks() {
        ForYou picks = forYou();
        UserRepository accounts = users();
        return (email, period, limit) -> picks.digestPicks(accounts, email, period.from(), period.to(), limit).stream()
                .map(p -> new PersonalSection.Pick(p.paperId(), p.why()))
                .toList();
    }

    /**
     * What the web site serves from, over this store and {@link #searcher()}: {@code queryEmbedder}
     * as for {@link #digests}, {@code mailer} for sign-in links, {@code indexing} told of papers
     * stored on the site, {@code digests} behind the subscription pages, {@code sources} for the
     * sources' status and "run now".
     */
    public synchronized Site site(
            Function<String, float[]> queryEmbedder,
            Mailer mailer,
            Indexing indexing,
            Digests digests,
            SourceScheduler sources) {
        return new Site(
                config,
                clock,
                papers,
                feedStore(),
                feed(),
                searcher(),
                queryEmbedder,
                searchAlpha(),
                forSearch(),
                users(),
                new SessionRepository(database, clock),
                new LoginTokenRepository(database, clock),
                new VoteRepository(database, clock),
                mailer,
                new PaperSubmitter(new ArxivClient(http, config.arxivApiUrl()), database, papers, clock),
                indexing,
                digests.subscriptions(),
                digests.previews(),
                forYou(),
                new UpstreamRepository(database, clock),
                sources,
                new SubmissionRepository(database, clock),
                digests.ledger());
    }

    /**
     * The scheduled sources of the configuration (none with {@code PAPERBOY_SOURCES=none}) and
     * their scheduler, not started; {@code stored} is told after a run stored papers.
     */
    public SourceScheduler sourceScheduler(Clock clock, Runnable stored) {
        OaiHarvester harvester =
                new OaiHarvester(database, papers, rejects, runs, harvests, http, config.rejectsDir(), clock);
        SourceRunner runner = sourceRunner(clock, stored);
        List<PaperSource> sources = SourceCatalog.of(config, SourceCatalog.client(http, clock), harvester, harvests);
        Duration half = config.sources().every().dividedBy(2);
        Duration tick = half.compareTo(SourceScheduler.TICK) < 0 ? half : SourceScheduler.TICK;
        return new SourceScheduler(sources, runner, tick);
    }

    /** Runs one source at a time under its run lock; see {@link #sourceScheduler}. */
    public SourceRunner sourceRunner(Clock clock, Runnable stored) {
        return new SourceRunner(
                database,
                new PageImporter(papers, rejects, runs, config.rejectsDir()),
                new SourceStateRepository(database, clock),
                new UpstreamRepository(database, clock),
                clock,
                new java.util.Random(),
                config.sources().backfillDays(),
                stored);
    }

    /** Dense weight of hybrid search for the configured embedder, chosen on SciFact's train split. */
    public double searchAlpha() {
        return Main.searchAlpha(config.embedder());
    }

    @Override
    public synchronized void close() {
        search.close();
        if (embedder != null && ownsEmbedder) {
            embedder.close();
        }
        http.close();
        database.close();
    }
}
