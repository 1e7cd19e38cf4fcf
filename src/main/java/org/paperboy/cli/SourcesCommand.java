package org.paperboy.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.sources.PaperSource;
import org.paperboy.sources.SourceRunner;
import org.paperboy.sources.SourceScheduler;
import org.paperboy.sources.SourceStatus;
import org.paperboy.store.SourceStateRepository;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code paperboy sources}: the scheduled sources' status, and {@code sources run} to run them now. */
@Command(
        name = "sources",
        mixinStandardHelpOptions = true,
        description = {
            "The scheduled sources (PAPERBOY_SOURCES) that serve runs by itself: a status table",
            "(last run, papers stored, rejects, next run, last error). See docs/sources.md."
        },
        subcommands = {SourcesCommand.Run.class})
final class SourcesCommand implements Callable<Integer> {

    static final DateTimeFormatter MOMENT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    @CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() {
        PaperboyConfig config = main.config(Map.of());
        try (Services s = new Services(config)) {
            SourceScheduler scheduler = s.sourceScheduler(Clock.systemUTC(), () -> {});
            if (!scheduler.enabled()) {
                System.out.println("No scheduled sources (PAPERBOY_SOURCES=none). Run one now with "
                        + "'paperboy sources run hf-daily', or set PAPERBOY_SOURCES=hf-daily,arxiv.");
                return 0;
            }
            System.out.print(table(scheduler.statuses(), Instant.now()));
            return 0;
        }
    }

    /** The status table, one line per source, times in UTC. */
    static String table(List<SourceStatus> statuses, Instant now) {
        StringBuilder out = new StringBuilder();
        String format = "%-9s %-9s %-16s %-7s %-8s %-8s %-16s %s%n";
        out.append(String.format(
                Locale.ROOT,
                format,
                "SOURCE",
                "STATUS",
                "LAST RUN",
                "STORED",
                "REJECTED",
                "FETCHED",
                "NEXT RUN",
                "LAST ERROR"));
        for (SourceStatus st : statuses) {
            SourceStateRepository.Run run = st.lastRun();
            String error = st.state().lastError() == null ? "" : st.state().lastError();
            if (st.failing()) {
                error = "since " + MOMENT.format(st.state().failingSince()) + ": " + error;
            }
            out.append(String.format(
                    Locale.ROOT,
                    format,
                    st.name(),
                    st.health(),
                    run == null ? "never" : MOMENT.format(run.startedAt()),
                    run == null ? "-" : Long.toString(run.stored()),
                    run == null ? "-" : Long.toString(run.rejected()),
                    st.state().fetchedUntil() == null
                            ? "-"
                            : st.state().fetchedUntil().toString(),
                    st.state().nextRunAt() == null
                            ? "at start"
                            : MOMENT.format(st.state().nextRunAt()),
                    error));
        }
        return out.toString();
    }

    /** {@code paperboy sources run [NAME] [--from D] [--until D]}. */
    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description = {
                "Run a source now (all configured sources without NAME), whether due or not, then bring the",
                "search index up to date. A source may be run even when PAPERBOY_SOURCES leaves it out.",
                "Prints last, per source: SOURCE ok|failed imported=N updated=N unchanged=N rejected=N",
                "Exit 1 when a run failed or another process is running the source."
            })
    static final class Run implements Callable<Integer> {

        @CommandLine.ParentCommand
        SourcesCommand parent;

        @Parameters(arity = "0..1", paramLabel = "NAME", description = "hf-daily, arxiv or paperboy.")
        String name;

        @Option(names = "--from", paramLabel = "DATE", description = "First day to fetch (YYYY-MM-DD).")
        LocalDate from;

        @Option(names = "--until", paramLabel = "DATE", description = "Last day to fetch (YYYY-MM-DD; default today).")
        LocalDate until;

        @Option(names = "--no-index", description = "Store only; the search index catches up at the next serve.")
        boolean noIndex;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (from != null && until != null && from.isAfter(until)) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--from " + from + " is after --until " + until);
            }
            if (name != null && !PaperboyConfig.Sources.KNOWN.contains(name)) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "'" + name + "' is not a source; use one of "
                                + String.join(", ", PaperboyConfig.Sources.KNOWN));
            }
            PaperboyConfig config = parent.main.config(Map.of());
            if (name != null) {
                config = config.withSources(config.sources().withNames(List.of(name)));
            }
            if (config.sources().names().contains("paperboy")
                    && config.sources().mirrorUrl() == null) {
                throw new org.paperboy.config.ConfigException(
                        "the paperboy source needs PAPERBOY_MIRROR_URL, the address of the Paperboy to follow");
            }
            // Ctrl-C / SIGTERM: the run stops after the page in progress (stored whole) and is recorded.
            try (GracefulStop stop = GracefulStop.install(System.err);
                    Services s = new Services(config)) {
                if (!stop.holdExit()) {
                    return 130;
                }
                SourceScheduler scheduler = s.sourceScheduler(Clock.systemUTC(), () -> {});
                List<PaperSource> sources = new ArrayList<>(scheduler.sources());
                if (sources.isEmpty()) {
                    System.err.println("paperboy: no sources to run (PAPERBOY_SOURCES=none); name one, e.g. "
                            + "'paperboy sources run hf-daily'");
                    return 1;
                }
                SourceRunner runner = s.sourceRunner(Clock.systemUTC(), () -> {});
                boolean failed = false;
                for (PaperSource source : sources) {
                    SourceRunner.Outcome o =
                            runner.run(source, SourceRunner.Cause.CLI, true, from, until, stop::requested);
                    switch (o) {
                        case SourceRunner.Outcome.Ran r -> {
                            SourceStateRepository.Run run = r.run();
                            if (run.error() != null) {
                                System.err.println("paperboy: " + source.name() + ": " + run.error());
                                failed = true;
                            }
                            System.out.printf(
                                    Locale.ROOT,
                                    "%s %s imported=%d updated=%d unchanged=%d rejected=%d%n",
                                    source.name(),
                                    run.status(),
                                    run.imported(),
                                    run.updated(),
                                    run.unchanged(),
                                    run.rejected());
                        }
                        case SourceRunner.Outcome.Busy b -> {
                            System.err.println("paperboy: " + source.name() + " is being run by " + b.holder()
                                    + "; try again when it finished");
                            failed = true;
                        }
                        case SourceRunner.Outcome.NotDue n ->
                            throw new IllegalStateException("a forced run was not due");
                    }
                }
                System.out.flush();
                if (!noIndex) {
                    ImportCommand.updateIndex(s, System.err, stop);
                }
                return failed ? 1 : 0;
            }
        }
    }
}
