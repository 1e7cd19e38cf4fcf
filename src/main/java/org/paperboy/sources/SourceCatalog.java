package org.paperboy.sources;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.ingest.OaiHarvester;
import org.paperboy.store.HarvestStateRepository;

/** The sources {@code PAPERBOY_SOURCES} names, made from the configuration, in its order. */
public final class SourceCatalog {

    private SourceCatalog() {}

    /**
     * One {@link PaperSource} per configured name: hf-daily and the Paperboy mirror read through
     * {@code client}, arxiv through {@code harvester}.
     */
    public static List<PaperSource> of(
            PaperboyConfig config, UpstreamClient client, OaiHarvester harvester, HarvestStateRepository harvests) {
        PaperboyConfig.Sources s = config.sources();
        List<PaperSource> out = new ArrayList<>();
        for (String name : s.names()) {
            out.add(
                    switch (name) {
                        case HfDailySource.NAME -> new HfDailySource(s.hfEndpoint(), s.every(), client);
                        case ArxivSource.NAME ->
                            new ArxivSource(
                                    config.arxivOaiUrl(),
                                    s.arxivSets(),
                                    harvester,
                                    endpoint -> harvests.find(endpoint)
                                            .map(HarvestStateRepository.State::harvestedUntil)
                                            .orElse(null));
                        case PaperboyMirrorSource.NAME -> new PaperboyMirrorSource(s.mirrorUrl(), s.every(), client);
                        default -> throw new IllegalArgumentException("unknown source " + name);
                    });
        }
        return out;
    }

    /** An upstream client over {@code http} with the default deadline and body cap. */
    public static UpstreamClient client(HttpClient http, Clock clock) {
        return new UpstreamClient(http, UpstreamClient.DEFAULT_DEADLINE, UpstreamClient.DEFAULT_MAX_BYTES, clock);
    }
}
