package org.paperboy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.feed.Period;
import org.paperboy.recommend.Catalog;
import org.paperboy.recommend.ForYou;
import org.paperboy.recommend.UserModel;
import org.paperboy.store.FeedRepository;
import org.paperboy.store.ForYouRepository;
import org.paperboy.store.SignalRepository.FollowKind;
import org.paperboy.store.User;
import org.paperboy.store.UserRepository;
import org.paperboy.store.VoteRepository;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code paperboy bench for-you}: the personal feed on the papers of {@code --data}, measured on a
 * copy of its SQLite store (the data directory is only read). One reader with {@code --signals}
 * signals asks for the latest day, week and month: first with nothing new (the stored model
 * serves), then after each of {@code --requests} new saves (the model is retrained in the request,
 * as on the site). Then {@code --users} readers with a few saves each get the daily digest's "For
 * you" section, one after the other as the digest composes them. Prints one JSON line per period
 * and one for the digest, and the stored model's size.
 */
@Command(
        name = "for-you",
        mixinStandardHelpOptions = true,
        description = {
            "The personal feed on the papers and vectors of --data (SQLite; a copy is measured, the",
            "data directory is only read): /for-you's work for a reader with --signals signals, for the",
            "latest day, week and month, without and with a new signal before each request; then the",
            "daily digest's \"For you\" section for --users readers. One JSON line per figure."
        })
final class ForYouBench implements Callable<Integer> {

    @CommandLine.ParentCommand
    private BenchCommand bench;

    @Option(names = "--signals", defaultValue = "200", paramLabel = "N", description = "Signals of the reader.")
    private int signals;

    @Option(
            names = "--requests",
            defaultValue = "200",
            paramLabel = "N",
            description = "Timed requests per period and kind (after 20 untimed ones).")
    private int requests;

    @Option(names = "--users", defaultValue = "10000", paramLabel = "N", description = "Readers of the digest part.")
    private int users;

    @Option(
            names = "--date",
            paramLabel = "DAY",
            description = "The day whose day, week and month are asked for (default: the latest listed day).")
    private LocalDate date;

    @Option(names = "--keep", description = "Keep the copied store and print its path.")
    private boolean keep;

    @Override
    public Integer call() throws Exception {
        if (signals < 1 || requests < 1 || users < 1) {
            throw new IllegalArgumentException("--signals, --requests and --users must be at least 1");
        }
        PaperboyConfig source = bench.main.config(Map.of());
        if (!source.dbUrl().startsWith("jdbc:sqlite:")) {
            throw new IllegalArgumentException("bench for-you copies a SQLite store; " + source.dbUrl()
                    + " is not one (run it on a SQLite data directory)");
        }
        Path tmp = Files.createTempDirectory("paperboy-bench-for-you");
        Path data = Files.createDirectories(tmp.resolve("data"));
        long t0 = System.nanoTime();
        org.paperboy.store.Database.copySqlite(source.dbUrl(), data.resolve("paperboy.db"));
        System.err.printf("bench for-you: store copied in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        PaperboyConfig config = bench.main.config(Map.of(PaperboyConfig.DATA, data.toString()));
        Clock clock = Clock.systemUTC();
        ObjectMapper json = new ObjectMapper();
        try (Services s = new Services(config)) {
            long t1 = System.nanoTime();
            Catalog catalog = s.catalog().refresh();
            double catalogSeconds = (System.nanoTime() - t1) / 1e9;
            long heap = usedHeap();
            FeedRepository feed = new FeedRepository(s.database(), s.papers());
            LocalDate latest = date != null
                    ? date
                    : feed.latestDay().orElseThrow(() -> new IllegalArgumentException("no listed papers"));
            ForYou forYou = ForYou.create(s.database(), clock, feed, s.catalog());
            UserRepository accounts = new UserRepository(s.database(), clock);
            ObjectNode c = json.createObjectNode();
            c.put("bench", "for-you-catalog");
            c.put("papers", catalog.size());
            c.put("build_s", round(catalogSeconds));
            c.put("heap_mb_after_build", heap / (1024 * 1024));
            System.out.println(c);

            // One reader: saves and upvotes of the last 60 days' papers, follows, feedback.
            SplittableRandom random = new SplittableRandom(7);
            int[] recent = catalog.window(latest.minusDays(60), latest);
            User reader = accounts.signIn("reader@bench.example");
            VoteRepository votes = new VoteRepository(s.database(), clock);
            java.util.Set<String> used = new java.util.HashSet<>();
            for (int given = 0; forYou.signals().all(reader.id()).size() < signals; given++) {
                String id;
                do {
                    id = catalog.id(recent[0] + random.nextInt(recent[1] - recent[0]));
                } while (!used.add(id));
                int kind = given % 10;
                if (kind < 6) {
                    forYou.library().save(reader.id(), id, List.of());
                } else if (kind < 8) {
                    votes.set(reader.id(), id, true);
                } else if (kind == 8) {
                    forYou.signals().feedback(reader.id(), id, given % 20 == 8 ? 1 : -1);
                } else {
                    int r = catalog.row(id).orElseThrow();
                    String category = catalog.categories(r).isEmpty()
                            ? "cs.LG"
                            : catalog.categories(r).get(0);
                    forYou.signals().follow(reader.id(), FollowKind.CATEGORY, category, true);
                }
            }
            int stored = forYou.signals().all(reader.id()).size();
            for (Period.Kind kind : List.of(Period.Kind.DAY, Period.Kind.WEEK, Period.Kind.MONTH)) {
                Period period = period(kind, latest);
                for (int i = 0; i < 20; i++) {
                    forYou.recommender().recommend(reader.id(), period.from(), period.to(), 20);
                }
                double[] steady = new double[requests];
                for (int i = 0; i < requests; i++) {
                    long a = System.nanoTime();
                    forYou.recommender().recommend(reader.id(), period.from(), period.to(), 20);
                    steady[i] = (System.nanoTime() - a) / 1e6;
                }
                double[] retrained = new double[requests];
                int retrains = 0;
                for (int i = 0; i < requests; i++) {
                    String id = catalog.id(recent[0] + random.nextInt(recent[1] - recent[0]));
                    forYou.library().save(reader.id(), id, List.of("bench"));
                    long a = System.nanoTime();
                    if (forYou.recommender()
                            .recommend(reader.id(), period.from(), period.to(), 20)
                            .retrained()) {
                        retrains++;
                    }
                    retrained[i] = (System.nanoTime() - a) / 1e6;
                    forYou.library().remove(reader.id(), id);
                }
                int[] window = catalog.window(period.from(), period.to());
                ObjectNode o = json.createObjectNode();
                o.put("bench", "for-you");
                o.put("period", kind.name().toLowerCase(java.util.Locale.ROOT));
                o.put("window_papers", window[1] - window[0]);
                o.put("signals", stored);
                o.put("p50_ms", round(percentile(steady, 50)));
                o.put("p99_ms", round(percentile(steady, 99)));
                o.put("retrain_p50_ms", round(percentile(retrained, 50)));
                o.put("retrain_p99_ms", round(percentile(retrained, 99)));
                o.put("retrains", retrains);
                o.put("requests", requests);
                System.out.println(o);
            }
            ForYouRepository models = new ForYouRepository(s.database(), clock);
            byte[] model = models.model(reader.id()).orElseThrow().bytes();
            UserModel.parse(model); // a stored model, not some other bytes

            // The digest: readers with 5 saves each of the last 30 days, each gets the day's section.
            int[] month = catalog.window(latest.minusDays(30), latest);
            List<String> emails = new ArrayList<>(users);
            long t2 = System.nanoTime();
            for (int u = 0; u < users; u++) {
                // (one account, five saves: the digest reads them as it would any reader's)
                String email = "reader" + u + "@bench.example";
                User account = accounts.signIn(email);
                for (int k = 0; k < 5; k++) {
                    forYou.library()
                            .save(account.id(), catalog.id(month[0] + random.nextInt(month[1] - month[0])), List.of());
                }
                emails.add(email);
            }
            System.err.printf("bench for-you: %d readers set up in %.1f s%n", users, (System.nanoTime() - t2) / 1e9);
            Period day = Period.day(latest);
            long t3 = System.nanoTime();
            int sections = 0;
            for (String email : emails) {
                if (!forYou.digestPicks(accounts, email, day.from(), day.to(), 5)
                        .isEmpty()) {
                    sections++;
                }
            }
            double seconds = (System.nanoTime() - t3) / 1e9;
            ObjectNode d = json.createObjectNode();
            d.put("bench", "for-you-digest");
            d.put("users", users);
            d.put("sections", sections);
            d.put("seconds", round(seconds));
            d.put("users_per_s", Math.round(users / seconds));
            d.put("model_bytes", model.length);
            System.out.println(d);
        } finally {
            if (keep) {
                System.err.println("bench for-you: kept " + tmp);
            } else {
                BenchCommand.deleteTree(tmp);
            }
        }
        return 0;
    }

    /** The window of /for-you's tab: the last 1, 7 or 30 listed days up to {@code latest}. */
    private static Period period(Period.Kind kind, LocalDate latest) {
        int days = switch (kind) {
            case DAY -> 1;
            case WEEK -> 7;
            case MONTH -> 30;
        };
        return new Period(kind, latest.minusDays(days - 1L), latest);
    }

    static double percentile(double[] xs, double p) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))];
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        System.gc();
        return r.totalMemory() - r.freeMemory();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
