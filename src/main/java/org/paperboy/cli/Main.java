package org.paperboy.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import org.paperboy.config.ConfigException;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.embed.Embedders;
import org.paperboy.store.DiskFull;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code paperboy} command: global options and configuration; the services each subcommand
 * needs come from the composition root, {@link Services}. Exit codes: 0 ok, 1 failure,
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
