package org.paperboy.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.paperboy.search.IndexingStatus;
import org.paperboy.sources.SourceStatus;
import org.paperboy.store.DigestLedgerRepository;

/**
 * The admin overview, {@code /admin}: hidden papers (with the button that shows one again),
 * recent submissions, accounts, digest runs, the search index's state (as {@code /health} reports
 * it) and the scheduled sources, each with its count and a short list, linking to the per-paper
 * moderation and to {@code /admin/sources}. Admitted by {@link AdminGate} like every admin page.
 */
final class AdminPages {

    /** Rows per list on the overview. */
    static final int LIST_SIZE = 10;

    private final Site site;
    private final Templates templates;

    AdminPages(Site site, Templates templates) {
        this.site = site;
        this.templates = templates;
    }

    void register(RoutesConfig r) {
        r.get("/admin", this::page);
    }

    private void page(Context ctx) {
        if (!AdminGate.admitted(
                ctx, NextPath.parse("/admin"), "only the site's admins (PAPERBOY_ADMINS) may see the overview")) {
            return;
        }
        Visitor v = Visitor.of(ctx);
        templates.page(
                ctx, "admin.jte", Map.of("layout", Layout.of("Admin", v, "admin"), "view", view(), "next", "/admin"));
    }

    private AdminView view() {
        IndexingStatus status = site.indexing().status();
        AdminView.Indexing indexing = new AdminView.Indexing(
                site.papers().count(),
                site.index().count(),
                site.index().countWithVector(),
                status.describe(),
                status.failing());
        Map<DigestLedgerRepository.State, Integer> totals = site.digestLedger().totals();
        AdminView.Sources sources = new AdminView.Sources(false, 0, 0);
        if (site.sources().enabled()) {
            var statuses = site.sources().statuses();
            sources = new AdminView.Sources(true, statuses.size(), (int)
                    statuses.stream().filter(SourceStatus::failing).count());
        }
        return new AdminView(
                indexing,
                site.feedStore().countHidden(),
                site.feedStore().hiddenPapers(LIST_SIZE),
                site.submissionLog().count(),
                site.submissionLog().recent(LIST_SIZE),
                site.users().count(),
                site.users().newest(LIST_SIZE),
                totals.getOrDefault(DigestLedgerRepository.State.SENT, 0),
                totals.getOrDefault(DigestLedgerRepository.State.FAILED, 0),
                site.digestLedger().recentPeriods(LIST_SIZE),
                sources);
    }
}
