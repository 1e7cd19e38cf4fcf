package org.paperboy.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.paperboy.store.Database;
import org.paperboy.store.HarvestStateRepository;
import org.paperboy.store.HarvestStateRepository.State;
import org.paperboy.store.ImportRunRepository;
import org.paperboy.store.PaperRepository;
import org.paperboy.store.RejectRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Harvests arXiv's OAI-PMH interface ({@code ListRecords}, {@code metadataPrefix=arXiv}) into
 * the store. Each page commits in one transaction with the resumption token of the next page,
 * so a harvest that dies resumes after its last committed page; a completed harvest remembers
 * the last day it covered, which is the {@code from} of the next incremental harvest.
 */
public final class OaiHarvester {

    private static final Logger LOG = LoggerFactory.getLogger(OaiHarvester.class);

    // OAI-PMH 2.0 section 3.6: the list is empty; not a failure of the harvest.
    private static final String NO_RECORDS_MATCH = "noRecordsMatch";
    // Tokens expire (arXiv keeps them for a limited time); a stale saved one must not block every later run.
    private static final String BAD_RESUMPTION_TOKEN = "badResumptionToken";

    private final Database db;
    private final PaperRepository papers;
    private final RejectRepository rejects;
    private final ImportRunRepository runs;
    private final HarvestStateRepository state;
    private final HttpFetcher fetcher;
    private final Path rejectsDir;
    private final Clock clock;

    /**
     * A harvester over {@code http}, which should have a 10 s connect timeout and follow
     * redirects; rejects files of runs with rejected records go to {@code rejectsDir}.
     */
    public OaiHarvester(
            Database db,
            PaperRepository papers,
            RejectRepository rejects,
            ImportRunRepository runs,
            HarvestStateRepository state,
            HttpClient http,
            Path rejectsDir,
            Clock clock) {
        this(
                db,
                papers,
                rejects,
                runs,
                state,
                new HttpFetcher(http, HttpFetcher.Policy.DEFAULT, HttpFetcher.Sleeper.REAL, clock),
                rejectsDir,
                clock);
    }

    OaiHarvester(
            Database db,
            PaperRepository papers,
            RejectRepository rejects,
            ImportRunRepository runs,
            HarvestStateRepository state,
            HttpFetcher fetcher,
            Path rejectsDir,
            Clock clock) {
        this.db = db;
        this.papers = papers;
        this.rejects = rejects;
        this.runs = runs;
        this.state = state;
        this.fetcher = fetcher;
        this.rejectsDir = rejectsDir;
        this.clock = clock;
    }

    /** The key a harvest's state is saved under: the base URL and the set (empty for none). */
    public static String endpoint(URI baseUrl, String set) {
        return baseUrl + "|" + (set == null ? "" : set);
    }

    /**
     * Harvests the records of {@code set} (all when {@code null}) changed from {@code from} to
     * {@code until} (both inclusive; either may be {@code null}). Without {@code from}, the
     * harvest starts at the last day a previous complete harvest of this endpoint covered. An
     * interrupted harvest of the same endpoint and range is resumed at its saved token.
     *
     * @throws ImportException naming the URL when a page cannot be fetched or read, or the
     *     server answers an OAI-PMH error; pages committed before it stay stored
     * @throws IllegalArgumentException when {@code from} is after {@code until}
     */
    public Importer.Run harvest(URI baseUrl, LocalDate from, LocalDate until, String set, ImportListener listener)
            throws ImportException {
        if (from != null && until != null && from.isAfter(until)) {
            throw new IllegalArgumentException("from " + from + " is after until " + until + "; swap them");
        }
        String setSpec = set == null || set.isBlank() ? null : set.strip();
        String endpoint = endpoint(baseUrl, setSpec);
        Optional<State> saved = state.find(endpoint);
        LocalDate coveredBefore = saved.map(State::harvestedUntil).orElse(null);
        Harvest harvest = new Harvest(endpoint, from != null ? from : coveredBefore, until, coveredBefore);
        URI page = startPage(baseUrl, setSpec, harvest, saved.orElse(null));

        long runId = runs.start(command(baseUrl, from, until, setSpec));
        ImportReport total = new ImportReport();
        String input = baseUrl.toString();
        long bytes = 0;
        try {
            while (page != null) {
                byte[] body = fetch(page, harvest);
                bytes += body.length;
                String next = harvestPage(page, body, harvest, runId, total);
                listener.progress(input, bytes, 0, total.records());
                page = next == null ? null : resumeUri(baseUrl, next);
            }
        } catch (ImportException | RuntimeException e) {
            total.fail(e.getMessage());
            Importer.finish(runs, rejects, rejectsDir, runId, total);
            listener.inputDone(input, total, e.getMessage());
            throw e;
        }
        LOG.info(
                "harvest of {} complete: {} page(s), {}, covered until {}",
                endpoint,
                harvest.pages,
                total.summary(),
                harvest.until);
        listener.inputDone(input, total, null);
        return Importer.finish(runs, rejects, rejectsDir, runId, total);
    }

    /** The first page to fetch: the saved token of an interrupted harvest of the same range, or a new list. */
    private static URI startPage(URI baseUrl, String set, Harvest harvest, State saved) {
        String token = saved == null ? null : saved.resumptionToken();
        if (token != null && !token.isBlank()) {
            boolean sameRange = Objects.equals(saved.from(), harvest.from)
                    && (harvest.until == null || harvest.until.equals(saved.until()));
            if (sameRange) {
                LOG.info(
                        "resuming the interrupted harvest of {} at page {} (resumption token {})",
                        harvest.endpoint,
                        saved.pages() + 1,
                        token);
                harvest.until = saved.until();
                harvest.pages = saved.pages();
                return resumeUri(baseUrl, token);
            }
            LOG.info(
                    "not resuming the interrupted harvest of {} (from {} until {}): this one asks for from {} until {}",
                    harvest.endpoint,
                    saved.from(),
                    saved.until(),
                    harvest.from,
                    harvest.until);
        }
        return firstUri(baseUrl, harvest.from, harvest.until, set);
    }

    private byte[] fetch(URI page, Harvest harvest) throws ImportException {
        try {
            return fetcher.get(page);
        } catch (HttpFetcher.FetchFailed e) {
            throw new ImportException(e.getMessage() + "; " + storedSoFar(harvest), e);
        }
    }

    /** Reads one page and commits its records with the state that points at the next page. */
    private String harvestPage(URI url, byte[] body, Harvest harvest, long runId, ImportReport total)
            throws ImportException {
        String source = url.toString();
        Page page = parse(source, body);
        if (page.errorCode() != null && !page.errorCode().equals(NO_RECORDS_MATCH)) {
            String message = source + ": OAI-PMH error " + page.errorCode() + ": " + page.errorMessage();
            if (page.errorCode().equals(BAD_RESUMPTION_TOKEN)) {
                State dropped = new State(
                        harvest.endpoint, null, harvest.from, harvest.until, harvest.coveredBefore, harvest.pages);
                db.transaction(tx -> {
                    state.save(tx, dropped);
                    return null;
                });
                throw new ImportException(message + "; the token was dropped, so the next harvest starts this range "
                        + "again (already stored papers count as unchanged)");
            }
            throw new ImportException(message + "; " + storedSoFar(harvest));
        }
        if (harvest.until == null) {
            harvest.until =
                    page.responseDay() != null ? page.responseDay() : LocalDate.now(clock.withZone(ZoneOffset.UTC));
        }
        String next =
                page.resumptionToken() == null || page.resumptionToken().isBlank() ? null : page.resumptionToken();
        State after = new State(
                harvest.endpoint,
                next,
                harvest.from,
                harvest.until,
                next == null ? coveredUntil(harvest.coveredBefore, harvest.from, harvest.until) : harvest.coveredBefore,
                harvest.pages + 1);
        ImportReport report = new ImportReport();
        db.transaction(tx -> {
            PaperSink sink = new PaperSink(tx, papers, rejects, runId, report);
            for (RawRecord r : page.records()) {
                sink.add(source, ImportFormat.OAI, r);
            }
            sink.flush();
            state.save(tx, after);
            return null;
        });
        harvest.pages++;
        total.add(report);
        LOG.debug("{}: {}; next token {}", source, report.summary(), next);
        return next;
    }

    /**
     * The last day known to be harvested once this range completes. A range that leaves a gap
     * after the previous mark keeps the old mark, so the next incremental harvest fills the gap;
     * an older range never moves the mark back.
     */
    static LocalDate coveredUntil(LocalDate before, LocalDate from, LocalDate until) {
        if (before == null) {
            return until;
        }
        if (from != null && from.isAfter(before)) {
            return before;
        }
        return until.isAfter(before) ? until : before;
    }

    /** One OAI-PMH response, read to its end before anything is written. */
    private record Page(
            List<RawRecord> records,
            String resumptionToken,
            String errorCode,
            String errorMessage,
            LocalDate responseDay) {}

    private static Page parse(String source, byte[] body) throws ImportException {
        List<RawRecord> records = new ArrayList<>();
        try (XmlRecordReader reader = new XmlRecordReader(new ByteArrayInputStream(body), "record")) {
            RawRecord r;
            while ((r = reader.next()) != null) {
                if (r.problem() != null) {
                    // The reader stops at broken XML: the rest of the page, its token included, is lost.
                    throw new ImportException(source + ": " + r.problem() + "; nothing from this page was stored");
                }
                records.add(r);
            }
            if (!"OAI-PMH".equals(reader.rootName())) {
                throw new ImportException(source + ": not an OAI-PMH response (document element <" + reader.rootName()
                        + ">); check the URL");
            }
            return new Page(
                    records,
                    reader.resumptionToken(),
                    reader.errorCode(),
                    reader.errorMessage(),
                    day(reader.responseDate()));
        } catch (IOException e) {
            throw new ImportException(source + ": cannot read the response: " + e.getMessage(), e);
        }
    }

    /** The UTC day of an OAI-PMH {@code responseDate}, or {@code null} when it is absent or unreadable. */
    private static LocalDate day(String responseDate) {
        if (responseDate == null || responseDate.isBlank()) {
            return null;
        }
        try {
            return responseDate.length() == 10
                    ? LocalDate.parse(responseDate)
                    : Instant.parse(responseDate).atOffset(ZoneOffset.UTC).toLocalDate();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String storedSoFar(Harvest harvest) {
        return harvest.pages == 0
                ? "nothing was stored"
                : "the pages before it are stored and the next harvest resumes at this page";
    }

    static URI firstUri(URI baseUrl, LocalDate from, LocalDate until, String set) {
        StringBuilder q = new StringBuilder("verb=ListRecords&metadataPrefix=arXiv");
        if (from != null) {
            q.append("&from=").append(from);
        }
        if (until != null) {
            q.append("&until=").append(until);
        }
        if (set != null) {
            q.append("&set=").append(URLEncoder.encode(set, StandardCharsets.UTF_8));
        }
        return withQuery(baseUrl, q.toString());
    }

    static URI resumeUri(URI baseUrl, String token) {
        return withQuery(
                baseUrl, "verb=ListRecords&resumptionToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    private static URI withQuery(URI baseUrl, String query) {
        return URI.create(baseUrl + (baseUrl.getRawQuery() == null ? "?" : "&") + query);
    }

    private static String command(URI baseUrl, LocalDate from, LocalDate until, String set) {
        return "harvest --url " + baseUrl + (from == null ? "" : " --from " + from)
                + (until == null ? "" : " --until " + until) + (set == null ? "" : " --set " + set);
    }

    /** Where a harvest stands while it runs; {@code until} is filled from the first response when not given. */
    private static final class Harvest {
        final String endpoint;
        final LocalDate from;
        final LocalDate coveredBefore;
        LocalDate until;
        int pages;

        Harvest(String endpoint, LocalDate from, LocalDate until, LocalDate coveredBefore) {
            this.endpoint = endpoint;
            this.from = from;
            this.until = until;
            this.coveredBefore = coveredBefore;
        }
    }
}
