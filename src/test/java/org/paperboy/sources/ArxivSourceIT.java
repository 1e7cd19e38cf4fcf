package org.paperboy.sources;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.ingest.OaiHarvester;
import org.paperboy.store.HarvestStateRepository;
import org.paperboy.store.ImportRunRepository;
import org.paperboy.store.SourceStateRepository;

/**
 * The arxiv source against an OAI-PMH server on loopback: daily after the announcement, a first
 * harvest of each set reaching back the backfill days, later ones continuing where the last
 * harvest of the set ended, and an OAI-PMH error recorded as a failed run.
 */
class ArxivSourceIT {

    @TempDir
    Path dir;

    HttpServer server;
    final List<String> queries = new CopyOnWriteArrayList<>();
    volatile String answer;
    SourcesFixture f;
    ArxivSource source;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/oai", exchange -> {
            queries.add(exchange.getRequestURI().getRawQuery());
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        f = new SourcesFixture(dir, null, 3);
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oai");
        HarvestStateRepository harvests = new HarvestStateRepository(f.db, f.clock);
        OaiHarvester harvester = new OaiHarvester(
                f.db,
                f.papers,
                f.rejects,
                new ImportRunRepository(f.db, f.clock),
                harvests,
                f.http,
                dir.resolve("rejects"),
                f.clock);
        source = new ArxivSource(
                endpoint,
                List.of("cs", "math"),
                harvester,
                e -> harvests.find(e)
                        .map(HarvestStateRepository.State::harvestedUntil)
                        .orElse(null));
    }

    @AfterEach
    void stop() {
        f.close();
        server.stop(0);
    }

    private static String page(String responseDate, String id, String set) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
                  <responseDate>%s</responseDate>
                  <request verb="ListRecords">http://example.org/oai</request>
                  <ListRecords>
                    <record>
                      <header><identifier>oai:arXiv.org:%s</identifier><datestamp>2026-07-09</datestamp><setSpec>%s</setSpec></header>
                      <metadata>
                        <arXiv xmlns="http://arxiv.org/OAI/arXiv/">
                          <id>%s</id><created>2026-07-08</created>
                          <authors><author><keyname>Lovelace</keyname><forenames>Ada</forenames></author></authors>
                          <title>Harvested %s</title><categories>cs.IR</categories>
                          <abstract>An abstract.</abstract>
                        </arXiv>
                      </metadata>
                    </record>
                    <resumptionToken/>
                  </ListRecords>
                </OAI-PMH>
                """.formatted(responseDate, id, set, id, id);
    }

    @Test
    void harvests_each_set_from_the_backfill_days_then_from_where_the_last_harvest_ended() {
        answer = page("2026-07-10T09:00:00Z", "2607.05001", "cs");

        SourceStateRepository.Run first = f.ran(source);

        assertThat(first.status()).isEqualTo("ok");
        assertThat(List.of(first.daysDone(), first.daysTotal())).containsExactly(2, 2);
        assertThat(first.imported()).isEqualTo(1); // the same record in both sets: stored once
        assertThat(first.unchanged()).isEqualTo(1);
        assertThat(queries)
                .containsExactly(
                        "verb=ListRecords&metadataPrefix=arXiv&from=2026-07-07&set=cs",
                        "verb=ListRecords&metadataPrefix=arXiv&from=2026-07-07&set=math");
        // Daily at 02:00 UTC (after arXiv's announcement), plus at most ten minutes of jitter.
        assertThat(f.states.find("arxiv").nextRunAt())
                .isBetween(
                        java.time.Instant.parse("2026-07-11T02:00:00Z"),
                        java.time.Instant.parse("2026-07-11T02:10:00Z"));

        queries.clear();
        answer = page("2026-07-11T09:00:00Z", "2607.06002", "cs");
        f.clock.advance(Duration.ofDays(1));
        SourceStateRepository.Run second = f.ran(source);
        assertThat(second.imported()).isEqualTo(1);
        assertThat(queries)
                .containsExactly(
                        "verb=ListRecords&metadataPrefix=arXiv&from=2026-07-10&set=cs",
                        "verb=ListRecords&metadataPrefix=arXiv&from=2026-07-10&set=math");
    }

    @Test
    void an_oai_pmh_error_is_a_failed_run_with_the_reason() {
        answer = """
                <?xml version="1.0" encoding="UTF-8"?>
                <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-07-10T09:00:00Z</responseDate>
                <error code="badArgument">Illegal set</error></OAI-PMH>
                """;

        SourceStateRepository.Run run = f.ran(source);

        assertThat(run.status()).isEqualTo("failed");
        assertThat(run.error()).contains("OAI-PMH error badArgument: Illegal set");
        assertThat(f.states.find("arxiv").failures()).isEqualTo(1);
    }
}
