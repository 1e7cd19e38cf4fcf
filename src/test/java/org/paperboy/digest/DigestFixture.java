package org.paperboy.digest;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.paperboy.cli.Services;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.embed.Embedder;
import org.paperboy.embed.OnnxEmbedder;
import org.paperboy.mail.Mailer;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.paperboy.recommend.CatalogLoader;
import org.paperboy.recommend.ForYou;
import org.paperboy.search.IndexService;
import org.paperboy.search.PaperIndex;
import org.paperboy.store.Database;
import org.paperboy.store.FeedRepository;
import org.paperboy.store.PaperRepository;
import org.paperboy.store.Subscription;
import org.paperboy.store.Subscription.Alert;
import org.paperboy.store.Subscription.Frequency;
import org.paperboy.store.Subscription.Settings;
import org.paperboy.store.UserRepository;

/**
 * A store with a week of papers, their search index (real model), and the digest services over
 * them, mailing through whatever mailer a test gives. {@link #restart} makes new services over the
 * same store and index, as a new process would after a crash. Close it after each test.
 */
final class DigestFixture implements AutoCloseable {

    static final LocalDate WEDNESDAY = LocalDate.of(2026, 7, 1);
    static final String BASE = "https://papers.example.org";

    /** The papers: listed Tuesday to Thursday of ISO week 2026-W27; one old-style id. */
    static final List<Paper> PAPERS = List.of(
            paper(
                    "2607.00001",
                    WEDNESDAY,
                    30,
                    List.of("cs.IR"),
                    "Learned Sparse Retrieval with Term Weighting",
                    "We learn sparse lexical representations of queries and documents: a transformer predicts the "
                            + "weight of each vocabulary term, and an inverted index retrieves documents by these "
                            + "learned term weights, matching dense retrievers at the speed of BM25."),
            paper(
                    "2607.00002",
                    WEDNESDAY,
                    12,
                    List.of("cs.IR", "cs.CL"),
                    "Dense Passage Retrieval for Long Documents",
                    "Dual encoders embed queries and passages in one vector space; we split long documents into "
                            + "passages and aggregate passage scores to rank whole documents."),
            paper(
                    "2607.00003",
                    WEDNESDAY,
                    50,
                    List.of("q-bio.BM", "cs.LG"),
                    "Diffusion Models for Protein Design",
                    "A denoising diffusion model generates protein backbones that fold into the designed shapes, "
                            + "validated by structure prediction and wet-lab assays."),
            paper(
                    "2607.00004",
                    WEDNESDAY,
                    5,
                    List.of("cs.LG"),
                    "Graph Neural Networks for Traffic Forecasting",
                    "Road sensors form a graph; a spatio-temporal graph neural network predicts traffic speed an "
                            + "hour ahead more accurately than recurrent baselines."),
            paper(
                    "hep-th/9901001",
                    WEDNESDAY,
                    2,
                    List.of("hep-th"),
                    "String Dualities and Black Hole Entropy",
                    "We count the microstates of extremal black holes in string theory using dualities and "
                            + "recover the Bekenstein-Hawking entropy."),
            paper(
                    "2606.00010",
                    WEDNESDAY.minusDays(1),
                    8,
                    List.of("cs.IR"),
                    "Quantized Embeddings for Fast Vector Search",
                    "Int8 scalar quantization of embedding vectors speeds up approximate nearest neighbour search "
                            + "with little loss of recall."),
            paper(
                    "2607.00020",
                    WEDNESDAY.plusDays(1),
                    3,
                    List.of("cs.RO"),
                    "Robot Grasping with Tactile Sensing",
                    "Tactile sensors on the fingertips let a robot hand adjust its grip on slippery objects."));

    private static Embedder embedder;

    final Path dir;
    final SteppingClock clock = new SteppingClock(Instant.parse("2026-07-02T07:00:00Z"));
    final PaperboyConfig config;
    /** The composition root the digest services are built from, as {@code paperboy serve} builds them. */
    final Services services;

    final Database db;
    final PaperIndex index;
    final List<Duration> pauses = new ArrayList<>();
    final IndexService indexing;
    Digests digests;

    DigestFixture(Path dir, Mailer mailer) {
        this.dir = dir;
        Map<String, String> flags = new HashMap<>();
        flags.put(PaperboyConfig.DATA, dir.toString());
        flags.put(PaperboyConfig.BASE_URL, BASE);
        flags.put(PaperboyConfig.MAIL_FROM, "Paperboy <papers@paperboy.test>");
        flags.put(PaperboyConfig.SOURCES, "none");
        config = PaperboyConfig.load(flags, Map.of());
        services = new Services(config, clock, embedder());
        db = services.database();
        PaperRepository papers = services.papers();
        db.inTransaction(h -> {
            papers.insertAll(h, PAPERS);
            return null;
        });
        index = services.index();
        indexing = services.indexService();
        indexing.syncDocuments(IndexService.Listener.NONE);
        indexing.buildVectors(IndexService.Listener.NONE, () -> false);
        restart(mailer);
    }

    /** Stores {@code papers} and indexes their documents but not their vectors, as while embedding. */
    void addWithoutVectors(List<Paper> papers) {
        PaperRepository repository = new PaperRepository(db, clock);
        db.inTransaction(h -> {
            repository.insertAll(h, papers);
            return null;
        });
        indexing.syncDocuments(IndexService.Listener.NONE);
    }

    /** Stores {@code papers} and indexes them with their vectors. */
    void addWithVectors(List<Paper> papers) {
        addWithoutVectors(papers);
        indexing.buildVectors(IndexService.Listener.NONE, () -> false);
    }

    static synchronized Embedder embedder() {
        if (embedder == null) {
            embedder = OnnxEmbedder.allMiniLmL6V2();
        }
        return embedder;
    }

    static Paper paper(String id, LocalDate listed, int upvotes, List<String> categories, String title, String text) {
        return Paper.builder(id)
                .title(title)
                .abstractText(text)
                .authors(List.of(new Author("Ada Lovelace"), new Author("Alan Turing")))
                .categories(categories)
                .listedOn(listed)
                .published(listed)
                .upvotes(upvotes)
                .build();
    }

    /** New digest services over the same store and index, mailing with {@code mailer}. */
    void restart(Mailer mailer) {
        restart(mailer, 1);
    }

    /** New digest services sending with {@code workers} threads at once. */
    void restart(Mailer mailer, int workers) {
        restart(mailer, workers, PersonalSection.NONE);
    }

    /**
     * New digest services with the "For you" section of the accounts in this store, wired as
     * {@code paperboy serve} wires it: the recommender over the stored papers and their vectors.
     */
    ForYou restartWithForYou(Mailer mailer) {
        PaperRepository papers = services.papers();
        CatalogLoader catalog = services.catalog();
        catalog.refresh();
        ForYou forYou = ForYou.create(db, clock, new FeedRepository(db, papers), catalog);
        UserRepository users = new UserRepository(db, clock);
        restart(
                mailer,
                1,
                (email, period, limit) -> forYou.digestPicks(users, email, period.from(), period.to(), limit).stream()
                        .map(p -> new PersonalSection.Pick(p.paperId(), p.why()))
                        .toList());
        return forYou;
    }

    private void restart(Mailer mailer, int workers, PersonalSection personal) {
        PaperRepository papers = new PaperRepository(db, clock);
        digests = Digests.create(
                config,
                db,
                clock,
                new FeedRepository(db, papers),
                services.searcher(),
                q -> embedder().embedQuery(q),
                0.4,
                mailer,
                workers,
                new Retry(3, Duration.ofMillis(100), Duration.ofSeconds(1)),
                pauses::add,
                personal);
    }

    /** An active subscription, confirmed without mail. */
    Subscription subscribe(
            String email, Frequency frequency, boolean trending, List<String> categories, List<Alert> alerts) {
        return digests.subscriptionStore().activate(new Settings(email, frequency, trending, categories, alerts));
    }

    DigestReport send(DigestRun run) throws InterruptedException {
        return digests.sender().run(run, DigestSender.Listener.NONE);
    }

    @Override
    public void close() {
        services.close();
    }
}
