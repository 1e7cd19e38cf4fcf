package org.paperboy.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.InvalidRecordException;
import org.paperboy.paper.Paper;
import org.paperboy.recommend.Pick;
import org.paperboy.recommend.Recommendations;
import org.paperboy.store.SignalRepository.FollowKind;
import org.paperboy.store.SignalRepository.Signals;
import org.paperboy.store.User;

/**
 * The personal feed {@code /for-you?window=day|week|month}: the reader's picks with a "why" line
 * and "more / less like this" buttons, or onboarding (follow categories and authors, seed papers
 * by arXiv id or BibTeX upload) while there is no signal yet; and the forms that change signals
 * and settings. Every write is rate-limited and a bad value is a 400 naming the field.
 */
final class ForYouPages {

    static final int PAGE_SIZE = 30;

    /** Most seed ids taken at once. */
    static final int MAX_SEEDS = 200;

    private static final Pattern CATEGORY = Pattern.compile("[a-z][a-z-]{0,15}(\\.[A-Za-z][A-Za-z-]{0,15})?");

    private final Site site;
    private final Templates templates;
    private final SignalLimits limits;

    ForYouPages(Site site, Templates templates, SignalLimits limits) {
        this.site = site;
        this.templates = templates;
        this.limits = limits;
    }

    void register(RoutesConfig r) {
        r.get("/for-you", this::page);
        r.post("/for-you/feedback", this::feedback);
        r.post("/for-you/follows", this::follow);
        r.post("/for-you/seeds", this::seeds);
        r.post("/for-you/settings", this::settings);
        r.post("/for-you/feed-token", this::newFeedToken);
        r.post("/for-you/feed-token/revoke", this::revokeFeedToken);
    }

    /** The window of {@code window} ending at the latest listed day: {from, to}. */
    static LocalDate[] window(Site site, String window) {
        int days = switch (window == null ? "week" : window.strip().toLowerCase(Locale.ROOT)) {
            case "day" -> 1;
            case "", "week" -> 7;
            case "month" -> 30;
            default ->
                throw HttpError.badField(
                        "window", window, "'" + HttpError.shorten(window) + "' is not one of day, week, month");
        };
        LocalDate last = site.feed().latestDay().orElse(LocalDate.now(site.clock()));
        return new LocalDate[] {last.minusDays(days - 1L), last};
    }

    private void page(Context ctx) {
        render(ctx, null, null);
    }

    private void render(Context ctx, String notice, String newFeedToken) {
        Visitor visitor = Visitor.of(ctx);
        if (!visitor.signedIn()) {
            ctx.redirect(new NextPath("/for-you").loginUrl(), HttpStatus.SEE_OTHER);
            return;
        }
        User user = visitor.user();
        String windowKey = ctx.queryParam("window") == null
                ? "week"
                : ctx.queryParam("window").strip().toLowerCase(Locale.ROOT);
        LocalDate[] window = window(site, windowKey);
        Signals signals = site.forYou().signals().all(user.id());
        List<ForYouView.Item> items = new ArrayList<>();
        Recommendations recs = null;
        if (!signals.isEmpty()) {
            recs = site.forYou().recommender().recommend(user.id(), window[0], window[1], PAGE_SIZE);
            items = items(recs.picks(), visitor);
        }
        List<Link> tabs = new ArrayList<>();
        for (String w : List.of("day", "week", "month")) {
            tabs.add(new Link(
                    "/for-you?window=" + w,
                    switch (w) {
                        case "day" -> "Latest day";
                        case "week" -> "Past week";
                        default -> "Past month";
                    },
                    w.equals(windowKey)));
        }
        ForYouView view = new ForYouView(
                items,
                signals,
                recs == null ? null : recs.basis().key(),
                tabs,
                window[0],
                window[1],
                site.forYou().settings().blend(user.id()),
                site.forYou().settings().hasFeedToken(user.id()),
                newFeedToken,
                notice,
                site.config().baseUrl().toString().replaceAll("/+$", ""));
        Map<String, Object> params = new HashMap<>();
        params.put("layout", Layout.of("For you", visitor, "for-you"));
        params.put("view", view);
        params.put("next", Pagination.here(ctx));
        if (newFeedToken != null) {
            ctx.header("Cache-Control", "no-store");
        }
        templates.page(ctx, "for-you.jte", params);
    }

    /** Cards of {@code picks} in order, each with its "why" line; hidden papers are left out. */
    List<ForYouView.Item> items(List<Pick> picks, Visitor visitor) {
        List<String> ids = picks.stream().map(Pick::paperId).toList();
        Map<String, Paper> papers = site.feedStore().papers(ids);
        Map<String, Integer> upvotes = site.feedStore().upvotes(ids);
        CardLoader loader = new CardLoader(site);
        Set<String> voted = loader.voted(visitor, ids);
        Set<String> saved = loader.saved(visitor, ids);
        List<ForYouView.Item> items = new ArrayList<>();
        for (Pick p : picks) {
            Paper paper = papers.get(p.paperId());
            if (paper != null) {
                CardView card = CardView.of(
                                paper, upvotes.getOrDefault(p.paperId(), paper.upvotes()), voted.contains(p.paperId()))
                        .withSaved(saved.contains(p.paperId()));
                items.add(new ForYouView.Item(card, p.why()));
            }
        }
        return items;
    }

    private User writer(Context ctx) {
        User user = Visitor.of(ctx).require();
        limits.check(ctx, user);
        return user;
    }

    private void feedback(Context ctx) {
        User user = writer(ctx);
        String paper = paperId(ctx.formParam("paper"));
        int verdict = verdict(ctx.formParam("verdict"));
        if (!site.forYou().signals().feedback(user.id(), paper, verdict)) {
            throw LibraryRoutes.noPaper(paper);
        }
        ctx.redirect(NextPath.parse(ctx.formParam("next")).path(), HttpStatus.SEE_OTHER);
    }

    /** "more" (+1), "less" (-1) or "none" (0, taking it back). */
    static int verdict(String v) {
        if (v == null) {
            throw HttpError.badField("verdict", null, "give more, less or none");
        }
        return switch (v) {
            case "more" -> 1;
            case "less" -> -1;
            case "none" -> 0;
            default ->
                throw HttpError.badField("verdict", v, "'" + HttpError.shorten(v) + "' is not one of more, less, none");
        };
    }

    /** The canonical id of a paper named in a form; 404 when it cannot be a paper id. */
    static String paperId(String raw) {
        if (raw == null || raw.isBlank()) {
            throw HttpError.badField("paper", raw, "give the paper's id");
        }
        try {
            return ArxivId.parse(raw.strip()).id();
        } catch (InvalidRecordException e) {
            if (raw.length() <= 200 && !raw.isBlank()) {
                return raw.strip(); // other sources keep their own ids
            }
            throw LibraryRoutes.noPaper(raw);
        }
    }

    private void follow(Context ctx) {
        User user = writer(ctx);
        String kindText = ctx.formParam("kind");
        FollowKind kind = FollowKind.parse(kindText == null ? "" : kindText)
                .orElseThrow(() -> HttpError.badField("kind", kindText, "must be category or author"));
        String target = target(kind, ctx.formParam("target"));
        boolean follow = LibraryRoutes.flag("follow", ctx.formParam("follow"), true);
        site.forYou().signals().follow(user.id(), kind, target, follow);
        ctx.redirect(NextPath.parse(ctx.formParam("next")).path(), HttpStatus.SEE_OTHER);
    }

    /** A followed category ({@code cs.IR}, {@code hep-th}) or author name (2 to 100 characters). */
    static String target(FollowKind kind, String raw) {
        String t = raw == null ? "" : raw.strip().replaceAll("\\s+", " ");
        if (kind == FollowKind.CATEGORY) {
            if (!CATEGORY.matcher(t).matches()) {
                throw HttpError.badField(
                        "target",
                        raw,
                        "'" + HttpError.shorten(t) + "' is not an arXiv category such as cs.IR or hep-th");
            }
            return t;
        }
        if (t.length() < 2 || t.length() > 100 || t.chars().noneMatch(Character::isLetter)) {
            throw HttpError.badField("target", raw, "an author's name has 2 to 100 characters, letters among them");
        }
        return t;
    }

    private void seeds(Context ctx) {
        User user = writer(ctx);
        Set<String> ids = new LinkedHashSet<>();
        String typed = ctx.formParam("ids");
        if (typed != null && !typed.isBlank()) {
            for (String raw : typed.strip().split("[\\s,;]+")) {
                try {
                    ids.add(ArxivId.parse(raw).id());
                } catch (InvalidRecordException e) {
                    throw HttpError.badField(
                            "ids", raw, "'" + HttpError.shorten(raw) + "' is not an arXiv id such as 2401.01234");
                }
            }
        }
        BibTexUpload bib = null;
        UploadedFile file = ctx.uploadedFile("bibtex");
        if (file != null && file.size() > 0) {
            if (file.size() > BibTexUpload.MAX_BYTES) {
                throw HttpError.badField("bibtex", file.filename(), "the file is over 1 MB");
            }
            try (InputStream in = file.content()) {
                bib = BibTexUpload.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw HttpError.badField("bibtex", file.filename(), "the upload could not be read");
            }
        }
        if (ids.isEmpty() && bib == null) {
            throw HttpError.badField("ids", typed, "give arXiv ids or a BibTeX file");
        }
        if (ids.size() > MAX_SEEDS) {
            throw HttpError.badField("ids", typed, ids.size() + " ids given; at most " + MAX_SEEDS + " at once");
        }
        if (!ids.isEmpty()) {
            List<String> missing = site.forYou().signals().addSeeds(user.id(), ids, "id");
            if (!missing.isEmpty()) {
                throw HttpError.badField(
                        "ids",
                        String.join(" ", missing),
                        "not in this Paperboy: " + String.join(", ", missing.subList(0, Math.min(10, missing.size())))
                                + (missing.size() > 10 ? " and " + (missing.size() - 10) + " more" : "")
                                + " (add them at /submit first); nothing was stored");
            }
        }
        String notice =
                ids.isEmpty() ? null : ids.size() + (ids.size() == 1 ? " seed paper added." : " seed papers added.");
        if (bib != null) {
            List<String> known =
                    new ArrayList<>(site.feedStore().papers(bib.ids()).keySet());
            List<String> inOrder =
                    bib.ids().stream().filter(known::contains).limit(MAX_SEEDS).toList();
            if (!inOrder.isEmpty()) {
                site.forYou().signals().addSeeds(user.id(), inOrder, "bibtex");
            }
            notice = (notice == null ? "" : notice + " ")
                    + String.format(
                            Locale.ROOT,
                            "BibTeX: %d entries, %d with an arXiv id, %d of them in this Paperboy and added as seeds.",
                            bib.entries(),
                            bib.ids().size(),
                            inOrder.size());
        }
        render(ctx, notice, null);
    }

    private void settings(Context ctx) {
        User user = writer(ctx);
        String raw = ctx.formParam("blend");
        double blend;
        try {
            blend = Double.parseDouble(raw == null ? "" : raw.strip());
        } catch (NumberFormatException e) {
            blend = Double.NaN;
        }
        if (!(blend >= 0 && blend <= 1)) {
            throw HttpError.badField(
                    "blend", raw, "must be a number from 0 (your model only) to 1 (popular and new only)");
        }
        site.forYou().settings().setBlend(user.id(), blend);
        ctx.redirect(NextPath.parse(ctx.formParam("next")).path(), HttpStatus.SEE_OTHER);
    }

    private void newFeedToken(Context ctx) {
        User user = writer(ctx);
        render(ctx, null, site.forYou().settings().newFeedToken(user.id()));
    }

    private void revokeFeedToken(Context ctx) {
        User user = writer(ctx);
        site.forYou().settings().revokeFeedToken(user.id());
        ctx.redirect("/for-you", HttpStatus.SEE_OTHER);
    }
}
