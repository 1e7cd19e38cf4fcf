package org.paperboy.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.paperboy.config.ConfigException;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.digest.DigestScheduler;
import org.paperboy.digest.DigestSender;
import org.paperboy.digest.Digests;
import org.paperboy.digest.MailerPool;
import org.paperboy.digest.Retry;
import org.paperboy.embed.Embedder;
import org.paperboy.embed.QueryVectorCache;
import org.paperboy.feed.Feed;
import org.paperboy.mail.SmtpMailer;
import org.paperboy.mail.SmtpSettings;
import org.paperboy.search.BackgroundIndexer;
import org.paperboy.search.IndexService;
import org.paperboy.sources.SourceScheduler;
import org.paperboy.web.Site;
import org.paperboy.web.WebServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code paperboy serve}: the web site and API until interrupted. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the web site and API. Prints last: the URL it listens on.",
            "Stops gracefully on Ctrl-C / SIGTERM."
        })
final class ServeCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    Main main;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "Port (env PAPERBOY_PORT, default 8080; 0 = any free).")
    Integer port;

    @Option(
            names = "--host",
            paramLabel = "HOST",
            description = "Address to bind (env PAPERBOY_HOST, default 127.0.0.1: this machine only; "
                    + "0.0.0.0 = every interface, which needs PAPERBOY_BASE_URL set to the public address).")
    String host;

    private static PrintStream nullStream() {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    private final java.util.concurrent.atomic.AtomicBoolean catalogLoading =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** Rebuilds the recommendations' catalog in the background (seconds), one rebuild at a time. */
    private void refreshCatalog(Services services) {
        if (!catalogLoading.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("catalog").start(() -> {
            try {
                services.catalog().refresh();
            } catch (RuntimeException e) {
                System.err.println("paperboy: loading the papers for recommendations failed: " + e);
            } finally {
                catalogLoading.set(false);
            }
        });
    }

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> flags = new HashMap<>();
        if (port != null) {
            flags.put(PaperboyConfig.PORT, port.toString());
        }
        if (host != null) {
            flags.put(PaperboyConfig.HOST, host);
        }
        PaperboyConfig config = main.config(flags);
        String address = config.host();
        if (config.development() && !WebServer.loopback(address)) {
            throw new ConfigException("refusing to serve on " + address + " in development mode (sign-in links are "
                    + "written to the log while " + PaperboyConfig.BASE_URL + " is " + config.baseUrl()
                    + "); set " + PaperboyConfig.BASE_URL + " to the public address, or serve on 127.0.0.1");
        }
        System.err.println(
                "effective configuration:\n" + config.describe().indent(2).stripTrailing());
        Services services = new Services(config);
        AtomicReference<Embedder> model = new AtomicReference<>();
        // Written by this process, or searched at another process's last commit until its lock frees.
        services.sharedIndex();
        Clock clock = services.clock();
        Feed feed = services.feed();
        SmtpMailer mailer = new SmtpMailer(SmtpSettings.from(config));
        MailerPool digestMailer =
                MailerPool.of(DigestSender.CONNECTIONS, () -> new SmtpMailer(SmtpSettings.from(config)));
        // Vectors of the last 10,000 queries (about 15 MB): paging and polled saved searches embed once.
        java.util.function.Function<String, float[]> queryEmbedder = new QueryVectorCache(
                q -> {
                    Embedder e = model.get();
                    return e == null ? null : e.embedQuery(q);
                },
                10_000);
        Digests digests = services.digests(
                queryEmbedder,
                digestMailer,
                DigestSender.CONNECTIONS,
                Retry.DEFAULT,
                Retry.Sleeper.REAL,
                services.personalPicks());
        // The index catches up in the background: documents first (BM25 answers from then on),
        // then vectors; searches meanwhile use what is there. Afterwards it waits for papers
        // submitted on the site (or imported by another process, checked every minute).
        BackgroundIndexer indexer = services.backgroundIndexer(
                BackgroundIndexer.Timing.DEFAULT,
                new BackgroundIndexer.Passes() {
                    @Override
                    public IndexService.Listener listener(boolean first) {
                        return new CountProgress(first ? System.err : nullStream());
                    }

                    @Override
                    public void passed() {
                        feed.invalidate();
                        refreshCatalog(services);
                    }
                },
                model::set);
        // PAPERBOY_EMBEDDER=student without a model: BM25 at once, the student trained in the background.
        StudentBootstrap student = new StudentBootstrap(
                services,
                StudentBootstrap.MIN_PAPERS,
                TrainEmbedderCommand.DEFAULT_PAPERS,
                indexer::changed,
                System.err);
        // Scheduled sources (PAPERBOY_SOURCES): after a run stored papers, the indexer and the feed catch up.
        SourceScheduler sources = services.sourceScheduler(clock, () -> {
            indexer.changed();
            student.changed();
            feed.invalidate();
        });
        Site site = services.site(queryEmbedder, mailer, indexer, digests, sources);
        WebServer web = new WebServer(site);
        int bound = web.start(address, config.port());
        // Digests wait for the model (alerts) and for the index to hold the papers stored so far.
        DigestScheduler digestScheduler = config.digestTime() == null
                ? null
                : new DigestScheduler(
                        digests.sender(),
                        clock,
                        config.digestTime(),
                        config.digestZone(),
                        () -> model.get() != null && indexer.caughtUp());
        if (digestScheduler != null) {
            digestScheduler.start();
        }
        indexer.start();
        // Query vectors on every node, whether it writes the index now or another node does.
        Thread.ofPlatform().name("model").daemon(true).start(() -> {
            try {
                if (!services.studentPending()) {
                    model.compareAndSet(null, services.embedder());
                }
            } catch (RuntimeException e) {
                // The indexer loads it too, and reports why it cannot (on /health, in the log).
            }
        });
        if (!config.solr().on()) {
            student.start();
        } else if (services.studentPending()) {
            // Each node would train a student of its own, and their vectors would not mix in one collection.
            System.err.println(
                    "paperboy: no student model at " + org.paperboy.embed.Embedders.studentModel(config.dataDir())
                            + "; with SolrCloud it is not trained in the background: train it once with paperboy "
                            + "train-embedder and copy it to every node (docs/deploy.md)");
        }
        refreshCatalog(services); // the papers for recommendations, in the background
        sources.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            web.close();
                            sources.close();
                            if (digestScheduler != null) {
                                digestScheduler.close();
                            }
                            mailer.close();
                            try {
                                digestMailer.close();
                            } catch (Exception e) {
                                System.err.println("paperboy: closing the digest mailers: " + e);
                            }
                            student.close();
                            indexer.close();
                            services.close();
                            stopped.countDown();
                        },
                        "paperboy-shutdown"));
        String shown = "0.0.0.0".equals(address) || "::".equals(address) ? "localhost" : address;
        System.out.println("Paperboy listening on http://" + shown + ":" + bound + "/");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
