package org.paperboy.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.paperboy.config.ConfigException;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.digest.Digest;
import org.paperboy.digest.DigestReport;
import org.paperboy.digest.DigestRun;
import org.paperboy.digest.DigestSender;
import org.paperboy.digest.Digests;
import org.paperboy.digest.MailerPool;
import org.paperboy.digest.Retry;
import org.paperboy.feed.Period;
import org.paperboy.mail.MailMessage;
import org.paperboy.mail.SmtpMailer;
import org.paperboy.mail.SmtpSettings;
import org.paperboy.search.Filters;
import org.paperboy.search.Fusion;
import org.paperboy.search.QueryEvidence;
import org.paperboy.search.ScoredId;
import org.paperboy.search.SearchMode;
import org.paperboy.search.SearchRequest;
import org.paperboy.search.SearchResults;
import org.paperboy.search.Searcher;
import org.paperboy.store.FeedRepository;
import org.paperboy.store.Subscription;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code paperboy digest}: e-mail digests from the command line (for cron). */
@Command(
        name = "digest",
        mixinStandardHelpOptions = true,
        description = "E-mail digests.",
        subcommands = {DigestCommand.Send.class})
final class DigestCommand implements Runnable {

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a digest command: send");
    }

    /** {@code digest send}: plan and send the due digests once. */
    @Command(
            name = "send",
            mixinStandardHelpOptions = true,
            description = {
                "Compose and send the digests that are due, each (subscriber, period) once:",
                "running it again sends nothing more. Without --date: yesterday's digests",
                "(in PAPERBOY_DIGEST_ZONE) and, for weekly subscribers, the last complete",
                "ISO week. Digests earlier runs left unsent in the past week go first,",
                "including those in flight when a run died (resumed; in_doubt: the server",
                "may have had them, so they go out again with the same Message-ID).",
                "Needs PAPERBOY_BASE_URL (environment or DATA/paperboy.properties, as for",
                "serve): the links in the mails point there. One run at a time. Prints last:",
                "planned=N sent=N skipped=N failed=N resumed=N in_doubt=N",
                "(and alerts_by_keywords=N when alerts matched papers without vectors).",
                "Exit code 1 when a digest failed or another run is in progress. Ctrl-C or",
                "SIGTERM stops it once the digests in flight have the server's answer."
            })
    static final class Send implements Callable<Integer> {

        @CommandLine.ParentCommand
        DigestCommand digest;

        @Option(names = "--dry-run", description = "Compose and list the digests, send and record nothing.")
        boolean dryRun;

        @Option(
                names = "--date",
                paramLabel = "YYYY-MM-DD",
                description = "Send the digests of this day (papers listed on it) and of its ISO week (weekly).")
        String date;

        @Override
        public Integer call() throws Exception {
            PaperboyConfig config = digest.main.config(Map.of());
            Clock clock = Clock.systemUTC();
            DigestRun run = date == null
                    ? DigestRun.scheduled(LocalDate.now(clock.withZone(config.digestZone())))
                    : DigestRun.forDate(parse(date));
            run = run.withDryRun(dryRun);
            if (!dryRun && !digest.main.isSet(PaperboyConfig.BASE_URL)) {
                // Without it every link would point at http://localhost:PORT of whoever reads the mail.
                throw new ConfigException(PaperboyConfig.BASE_URL + " is not set; digest send writes every link "
                        + "(papers, unsubscribe) under it. Set it to the site's public address in the environment "
                        + "or in " + config.dataDir().resolve("paperboy.properties") + ", which serve reads too");
            }
            // A stop signal lets the digests in flight get the server's answer, so that none is left in
            // doubt (sent again after a crash); only kill -9 or a power cut can leave some (docs/digest.md).
            try (GracefulStop stop = GracefulStop.install(System.err, "the digests in flight");
                    Services services = new Services(config);
                    MailerPool mailer =
                            MailerPool.of(DigestSender.CONNECTIONS, () -> new SmtpMailer(SmtpSettings.from(config)))) {
                long behind = services.indexState().countStaleDocuments();
                if (behind > 0) {
                    System.err.println(
                            "paperboy: warning: " + behind + " stored papers are not in the search index "
                                    + "yet; alerts cannot match them until it catches up (paperboy serve, or paperboy reindex)");
                }
                Digests digests = Digests.create(
                        config,
                        services.database(),
                        clock,
                        new FeedRepository(services.database(), services.papers()),
                        new LazySearcher(services::searcher),
                        q -> services.embedder().embedQuery(q),
                        services.searchAlpha(),
                        mailer,
                        mailer.size(),
                        Retry.DEFAULT,
                        Retry.Sleeper.REAL,
                        personal(services, config, clock));
                if (!stop.holdExit()) {
                    return 1;
                }
                DigestReport report;
                try {
                    report = digests.sender().run(run, new Printer(), stop::requested);
                } catch (DigestSender.Busy busy) {
                    System.err.println("paperboy: " + busy.getMessage());
                    return 1;
                }
                if (stop.requested()) {
                    System.err.println("paperboy: stopped; the digests not sent stay planned for the next run");
                }
                System.out.println(report.line());
                return report.failed() > 0 || stop.requested() ? 1 : 0;
            }
        }

        private static LocalDate parse(String value) {
            try {
                return LocalDate.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--date: '" + value + "' is not a day YYYY-MM-DD, e.g. 2026-07-01");
            }
        }
    }

    /** Prints what a dry run would send and what failed. */
    /** The "For you" picks of subscribers with an account, from a catalog loaded on first use. */
    static org.paperboy.digest.PersonalSection personal(
            Services services, org.paperboy.config.PaperboyConfig config, java.time.Clock clock) {
        FeedRepository feedStore = new FeedRepository(services.database(), services.papers());
        org.paperboy.recommend.ForYou forYou =
                org.paperboy.recommend.ForYou.create(services.database(), clock, feedStore, services.catalog());
        org.paperboy.store.UserRepository users = new org.paperboy.store.UserRepository(services.database(), clock);
        java.util.concurrent.atomic.AtomicBoolean loaded = new java.util.concurrent.atomic.AtomicBoolean();
        return (email, period, limit) -> {
            synchronized (loaded) {
                if (!loaded.get()) {
                    services.catalog().refresh();
                    loaded.set(true);
                }
            }
            return forYou.digestPicks(users, email, period.from(), period.to(), limit).stream()
                    .map(p -> new org.paperboy.digest.PersonalSection.Pick(p.paperId(), p.why()))
                    .toList();
        };
    }

    private static final class Printer implements DigestSender.Listener {
        @Override
        public void wouldSend(Digest d, MailMessage m) {
            System.out.println("would send to " + m.to() + ": " + m.subject());
        }

        @Override
        public void failed(Subscription s, Period period, String error, boolean permanent) {
            System.err.println(
                    "failed " + (permanent ? "(permanent) " : "") + s.email() + " " + period.key() + ": " + error);
        }
    }

    /** Opens the search index only when an alert needs it: digests without alerts need no index. */
    static final class LazySearcher implements Searcher {
        private final Supplier<Searcher> open;
        private Searcher searcher;

        LazySearcher(Supplier<Searcher> open) {
            this.open = open;
        }

        private synchronized Searcher get() {
            if (searcher == null) {
                searcher = open.get();
            }
            return searcher;
        }

        @Override
        public SearchResults search(SearchRequest request) {
            return get().search(request);
        }

        @Override
        public SearchResults similar(String id, int limit, Filters filters) {
            return get().similar(id, limit, filters);
        }

        @Override
        public SearchResults browse(Filters filters, int offset, int limit) {
            return get().browse(filters, offset, limit);
        }

        @Override
        public QueryEvidence evidence(String query, Collection<String> ids) {
            return get().evidence(query, ids);
        }

        @Override
        public List<ScoredId> rank(
                String query, float[] vector, SearchMode mode, Fusion fusion, double alpha, int depth, boolean exact) {
            return get().rank(query, vector, mode, fusion, alpha, depth, exact);
        }
    }
}
