package org.paperboy.cli;

import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.paperboy.config.ConfigException;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.embed.Embedder;
import org.paperboy.embed.Embedders;
import org.paperboy.embed.EmbeddingException;
import org.paperboy.ingest.Importer;
import org.paperboy.ingest.OaiHarvester;
import org.paperboy.ingest.PageImporter;
import org.paperboy.search.IncompatibleIndexException;
import org.paperboy.search.IndexService;
import org.paperboy.search.LucenePaperIndex;
import org.paperboy.search.LuceneSearcher;
import org.paperboy.search.Searcher;
import org.paperboy.search.SharedPaperIndex;
import org.paperboy.search.VectorEncoding;
import org.paperboy.sources.PaperSource;
import org.paperboy.sources.SourceCatalog;
import org.paperboy.sources.SourceRunner;
import org.paperboy.sources.SourceScheduler;
import org.paperboy.store.Database;
import org.paperboy.store.DiskFull;
import org.paperboy.store.HarvestStateRepository;
import org.paperboy.store.ImportRunRepository;
import org.paperboy.store.IndexStateRepository;
import org.paperboy.store.PaperRepository;
import org.paperboy.store.RejectRepository;
import org.paperboy.store.SourceStateRepository;
import org.paperboy.store.UpstreamRepository;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code paperboy} command and the composition root: global options, configuration, and
 * the services each subcommand needs, wired by constructors. Exit codes: 0 ok, 1 failure,
 * 2 usage error.
 */
@Command(
        name = "paperboy",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Self-hostable Daily Papers: import papers, serve the feed, search, digests.",
        subcommands = {
            ImportCommand.class,
            HarvestCommand.class,
            ExportCommand.class,
            StatsCommand.class,
            ReindexCommand.class,
            SearchCommand.class,
            SimilarCommand.class,
            EvalCommand.class,
            TrainEmbedderCommand.class,
            ServeCommand.class,
            BenchCommand.class,
            DigestCommand.class,
            SourcesCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    // Lucene reports its vector-API setup through java.util.logging at INFO; keep stderr for what
    // matters. Held in a field: java.util.logging keeps loggers weakly, and a collected one forgets its level.
    private static final java.util.logging.Logger LUCENE_LOG = java.util.logging.Logger.getLogger("org.apache.lucene");

    /** Vector size of all-MiniLM-L6-v2 and bge-small-en-v1.5, the shipped embedding models. */
    static final int DIMENSIONS = 384;

    /** Dense weight in min-max hybrid fusion, chosen on SciFact train (see BENCHMARKS.md). */
    static final double SEARCH_ALPHA = 0.4;

    /**
     * Dense weight with bge-small, chosen on SciFact train (0.3 to 0.8: best 0.6, nDCG@10 0.7683
     * vs 0.7532 at MiniLM's 0.4): its dense ranking beats BM25, so it weighs more (BENCHMARKS.md).
     */
    static final double BGE_SMALL_SEARCH_ALPHA = 0.6;

    @Option(
            names = "--data",
            scope = ScopeType.INHERIT,
            paramLabel = "DIR",
            description = "Data directory (env PAPERBOY_DATA, default ./data).")
    String data;

    @Option(
            names = "--db",
            scope = ScopeType.INHERIT,
            paramLabel = "JDBC_URL",
            description = "Database (env PAPERBOY_DB, default SQLite at DATA/paperboy.db; "
                    + "or jdbc:postgresql://HOST/DB?user=U&password=P).")
    String db;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> env;

    Main(Map<String, String> env) {
        this.env = env;
    }

    private static final String MAIL_STREAMS = "jakarta.mail.util.StreamProvider";

    public static void main(String[] args) {
        LUCENE_LOG.setLevel(java.util.logging.Level.WARNING);
        // Jakarta Mail otherwise looks its stream provider up with a ServiceLoader scan on every
        // message it writes: about 7-15% of the CPU of sending digests (BENCHMARKS.md).
        if (System.getProperty(MAIL_STREAMS) == null) {
            System.setProperty(MAIL_STREAMS, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
        System.exit(run(args, System.getenv()));
    }

    /** Runs one command line and returns its exit code. */
    static int run(String[] args, Map<String, String> env) {
        CommandLine cli = new CommandLine(new Main(env));
        cli.setExecutionExceptionHandler((e, line, parse) -> {
            PrintWriter err = line.getErr();
            if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
                err.println("paperboy: " + e.getMessage());
                return e instanceof ConfigException ? 1 : 2;
            }
            java.util.Optional<String> full = DiskFull.reason(e);
            if (full.isPresent()) {
                // The wrapper's message (e.g. "no transaction is active") would hide the cause.
                err.println("paperboy: " + line.getCommandName() + " failed: the disk is full (" + full.get()
                        + "); free space on the disk of the data directory " + dataDir(cli)
                        + " and run it again; what was committed before is kept");
            } else {
                err.println("paperboy: " + line.getCommandName() + " failed: " + e);
            }
            if (env.containsKey("PAPERBOY_DEBUG")) {
                e.printStackTrace(err);
            }
            return 1;
        });
        return cli.execute(args);
    }

    /** The data directory of the command line, for messages. */
    private static String dataDir(CommandLine cli) {
        try {
            return ((Main) cli.getCommand())
                    .config(Map.of())
                    .dataDir()
                    .toAbsolutePath()
                    .toString();
        } catch (RuntimeException e) {
            return "(see --data or PAPERBOY_DATA)";
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** The configuration from flags, environment and the data directory's properties file. */
    PaperboyConfig config(Map<String, String> extraFlags) {
        Map<String, String> flags = new HashMap<>(extraFlags);
        if (data != null) {
            flags.put(PaperboyConfig.DATA, data);
        }
        if (db != null) {
            flags.put(PaperboyConfig.DB, db);
        }
        return PaperboyConfig.load(flags, env);
    }

    /** True when {@code key} is given by a flag, the environment or the properties file (not defaulted). */
    boolean isSet(String key) {
        Map<String, String> flags = new HashMap<>();
        if (data != null) {
            flags.put(PaperboyConfig.DATA, data);
        }
        return PaperboyConfig.isSet(key, flags, env);
    }

    /** The store and its repositories, opened for one command; close it when done. */
    static final class Services implements AutoCloseable {
        final PaperboyConfig config;
        final Database database;
        final PaperRepository papers;
        final RejectRepository rejects;
        final ImportRunRepository runs;
        final HarvestStateRepository harvests;
        final Importer importer;
        final HttpClient http;
        final IndexStateRepository indexState;
        private Embedder embedder;
        private LucenePaperIndex index;
        private LucenePaperIndex readIndex;
        private SharedPaperIndex sharedIndex;
        private LuceneSearcher searcher;
        private IndexService indexService;
        private org.paperboy.recommend.CatalogLoader catalog;

        Services(PaperboyConfig config) {
            Clock clock = Clock.systemUTC();
            this.config = config;
            this.database = Database.open(config.dbUrl());
            this.papers = new PaperRepository(database, clock);
            this.rejects = new RejectRepository(database, clock);
            this.runs = new ImportRunRepository(database, clock);
            this.harvests = new HarvestStateRepository(database, clock);
            this.importer = new Importer(database, papers, rejects, runs, config.rejectsDir());
            this.indexState = new IndexStateRepository(database);
            this.http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
        }

        /**
         * The embedding model the configuration names ({@code PAPERBOY_EMBEDDER}), loaded on first
         * use (a few seconds).
         *
         * @throws ConfigException when the student is named but no usable student model exists
         */
        synchronized Embedder embedder() {
            if (embedder == null) {
                try {
                    embedder = Embedders.create(config.embedder(), config.dataDir());
                } catch (EmbeddingException e) {
                    if (!config.embedder().equals(Embedders.STUDENT)) {
                        throw e;
                    }
                    throw new ConfigException(
                            PaperboyConfig.EMBEDDER + "=" + config.embedder() + ": " + e.getMessage());
                }
            }
            return embedder;
        }

        /**
         * The vector size of the configured embedder: 384 for the shipped models without loading
         * them; the student's file says its own.
         */
        synchronized int dimensions() {
            return config.embedder().equals(Embedders.STUDENT) ? embedder().dimensions() : DIMENSIONS;
        }

        /**
         * How the index stores vectors for its graph ({@code PAPERBOY_VECTORS}); an index written
         * with another encoding is rebuilt when opened for writing.
         */
        VectorEncoding vectorEncoding() {
            return VectorEncoding.parse(config.vectors());
        }

        /** The search index in DATA/index, created when missing, rebuilt when incompatible. */
        synchronized LucenePaperIndex index() {
            if (index == null) {
                Path dir = config.dataDir().resolve("index");
                try {
                    index = LucenePaperIndex.open(dir, dimensions(), vectorEncoding());
                } catch (IncompatibleIndexException e) {
                    System.err.println("paperboy: " + e.getMessage() + "; rebuilding it");
                    index = LucenePaperIndex.create(dir, dimensions(), vectorEncoding());
                    indexState.forgetIndex();
                }
            }
            return index;
        }

        /**
         * The last committed index, for searching only: works beside another process writing it
         * (a running serve or import). This process's writable index when it has one open.
         *
         * @throws java.io.UncheckedIOException when there is no index yet
         */
        synchronized LucenePaperIndex readIndex() {
            if (index != null) {
                return index;
            }
            if (readIndex == null) {
                try {
                    readIndex = LucenePaperIndex.openReadOnly(
                            config.dataDir().resolve("index"), dimensions(), vectorEncoding());
                } catch (IncompatibleIndexException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
            return readIndex;
        }

        /**
         * The index of a serving process: written when this process gets the lock, else searched
         * at the last commit of the process writing it until the lock frees.
         */
        synchronized SharedPaperIndex sharedIndex() {
            if (index != null || readIndex != null) {
                throw new IllegalStateException("the search index is already open in this process");
            }
            if (sharedIndex == null) {
                sharedIndex = SharedPaperIndex.open(config.dataDir().resolve("index"), dimensions(), vectorEncoding());
            }
            return sharedIndex;
        }

        /**
         * A searcher over {@link #sharedIndex()} or {@link #index()} when this process opened one,
         * else over {@link #readIndex()}.
         */
        synchronized Searcher searcher() {
            if (searcher == null) {
                searcher = sharedIndex != null
                        ? new LuceneSearcher(sharedIndex)
                        : new LuceneSearcher(index != null ? index : readIndex());
            }
            return searcher;
        }

        /**
         * Keeps the index ({@link #sharedIndex()} when this process opened it, else {@link #index()})
         * in step with the store; checked against the index on first use.
         */
        synchronized IndexService indexService() {
            if (indexService == null) {
                indexService = new IndexService(
                        database, papers, indexState, sharedIndex != null ? sharedIndex : index(), embedder());
                indexService.reconcile();
            }
            return indexService;
        }

        /**
         * The papers with their vectors for recommendations, from the embedding cache (the vectors
         * the index was built from); empty until {@code refresh()} is called, which loads the model id.
         */
        synchronized org.paperboy.recommend.CatalogLoader catalog() {
            if (catalog == null) {
                catalog = new org.paperboy.recommend.CatalogLoader(
                        papers, batch -> IndexService.vectors(indexState, embedder(), batch, false), dimensions());
            }
            return catalog;
        }

        /**
         * The scheduled sources of the configuration (none with {@code PAPERBOY_SOURCES=none}) and
         * their scheduler, not started; {@code stored} is told after a run stored papers.
         */
        SourceScheduler sourceScheduler(Clock clock, Runnable stored) {
            OaiHarvester harvester =
                    new OaiHarvester(database, papers, rejects, runs, harvests, http, config.rejectsDir(), clock);
            SourceRunner runner = sourceRunner(clock, stored);
            List<PaperSource> sources =
                    SourceCatalog.of(config, SourceCatalog.client(http, clock), harvester, harvests);
            Duration half = config.sources().every().dividedBy(2);
            Duration tick = half.compareTo(SourceScheduler.TICK) < 0 ? half : SourceScheduler.TICK;
            return new SourceScheduler(sources, runner, tick);
        }

        /** Runs one source at a time under its run lock; see {@link #sourceScheduler}. */
        SourceRunner sourceRunner(Clock clock, Runnable stored) {
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
        double searchAlpha() {
            return Main.searchAlpha(config.embedder());
        }

        @Override
        public synchronized void close() {
            if (index != null) {
                index.close();
            }
            if (sharedIndex != null) {
                sharedIndex.close();
            }
            if (readIndex != null) {
                readIndex.close();
            }
            if (embedder != null) {
                embedder.close();
            }
            http.close();
            database.close();
        }
    }

    /** Dense weight of hybrid search with {@code embedder} (see BENCHMARKS.md, "Embedders"). */
    static double searchAlpha(String embedder) {
        return embedder.equals(Embedders.BGE_SMALL) ? BGE_SMALL_SEARCH_ALPHA : SEARCH_ALPHA;
    }

    /** Prints the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"paperboy " + (v == null ? "dev" : v)};
        }
    }
}
