package org.paperboy.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.ingest.ImportException;
import org.paperboy.ingest.Importer;
import org.paperboy.ingest.OaiHarvester;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code paperboy harvest}: arXiv OAI-PMH ListRecords into the store. */
@Command(
        name = "harvest",
        mixinStandardHelpOptions = true,
        description = {
            "Harvest papers from an arXiv OAI-PMH endpoint (metadataPrefix=arXiv), following resumption",
            "tokens to the end. A crashed harvest resumes at its last page; without --from it continues from",
            "the last day harvested. Prints last: imported=N updated=N unchanged=N rejected=N"
        })
final class HarvestCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    Main main;

    @Option(names = "--url", paramLabel = "URL", description = "OAI-PMH base URL (env PAPERBOY_ARXIV_OAI_URL).")
    String url;

    @Option(names = "--from", paramLabel = "DATE", description = "First day (YYYY-MM-DD).")
    LocalDate from;

    @Option(names = "--until", paramLabel = "DATE", description = "Last day (YYYY-MM-DD).")
    LocalDate until;

    @Option(names = "--set", paramLabel = "SET", description = "OAI set, e.g. cs or physics:hep-th.")
    String set;

    @Option(
            names = "--no-index",
            description = "Store only; the search index catches up at the next import, " + "reindex or serve.")
    boolean noIndex;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (from != null && until != null && from.isAfter(until)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--from " + from + " is after --until " + until);
        }
        Map<String, String> flags = url == null
                ? Map.of()
                : Map.of(PaperboyConfig.ARXIV_OAI_URL, url, PaperboyConfig.ARXIV_OAI_ENDPOINT, url);
        try (GracefulStop stop = GracefulStop.install(System.err);
                Services s = new Services(main.config(flags))) {
            OaiHarvester harvester = new OaiHarvester(
                    s.database(),
                    s.papers(),
                    s.rejects(),
                    s.runs(),
                    s.harvests(),
                    s.http(),
                    s.config().rejectsDir(),
                    Clock.systemUTC());
            Progress progress = new Progress(System.err, 0);
            try {
                Importer.Run run = harvester.harvest(s.config().arxivOaiUrl(), from, until, set, progress);
                progress.finish();
                if (run.rejectsFile() != null) {
                    System.err.println("rejected records with reasons: " + run.rejectsFile());
                }
                System.out.println(run.report().summary());
                System.out.flush();
                if (!noIndex) {
                    ImportCommand.updateIndex(s, System.err, stop);
                }
                return 0;
            } catch (ImportException e) {
                progress.finish();
                System.err.println("paperboy: " + e.getMessage());
                return 1;
            }
        }
    }
}
