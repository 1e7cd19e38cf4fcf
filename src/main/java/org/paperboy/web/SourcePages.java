package org.paperboy.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.paperboy.sources.SourceStatus;
import org.paperboy.store.SourceStateRepository;
import org.paperboy.store.User;

/**
 * The scheduled sources for the site's admins: {@code /admin/sources} (last run, counts, next run,
 * last error, a "run now" button) and {@code GET /api/sources} (the same as JSON, for an admin's API
 * token). Anonymous visitors are sent to sign in; other accounts get 403.
 */
final class SourcePages {

    static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Site site;
    private final Templates templates;

    SourcePages(Site site, Templates templates) {
        this.site = site;
        this.templates = templates;
    }

    void register(RoutesConfig r) {
        r.get("/admin/sources", this::page);
        r.post("/admin/sources/{name}/run", this::runNow);
        r.get("/api/sources", this::api);
    }

    private void page(Context ctx) {
        NextPath next = NextPath.parse("/admin/sources");
        if (!admitted(ctx, next)) {
            return;
        }
        List<SourceRow> rows = site.sources().statuses().stream()
                .map(st -> new SourceRow(
                        st,
                        st.lastRun() == null ? null : moment(st.lastRun().startedAt()),
                        st.lastRun() == null ? null : moment(st.lastRun().finishedAt()),
                        st.state().nextRunAt() == null
                                ? "at the next start"
                                : moment(st.state().nextRunAt()),
                        moment(st.state().failingSince())))
                .toList();
        String ran = ctx.queryParam("ran");
        String notice = ran != null && site.sources().source(ran).isPresent()
                ? "A run of " + ran + " was asked for; reload to see it."
                : null;
        Visitor v = Visitor.of(ctx);
        templates.page(
                ctx,
                "admin-sources.jte",
                Map.of(
                        "layout",
                        Layout.of("Sources", v, "admin"),
                        "rows",
                        rows,
                        "enabled",
                        site.sources().enabled(),
                        "notice",
                        notice == null ? "" : notice));
    }

    private void runNow(Context ctx) {
        NextPath next = NextPath.parse("/admin/sources");
        if (!admitted(ctx, next)) {
            return;
        }
        String name = ctx.pathParam("name");
        if (!site.sources().runNow(name)) {
            throw HttpError.notFound("there is no scheduled source '" + HttpError.shorten(name) + "'");
        }
        ctx.redirect("/admin/sources?ran=" + name, HttpStatus.SEE_OTHER);
    }

    private void api(Context ctx) {
        User u = ApiAuth.require(ctx, site);
        if (!site.isAdmin(u.email())) {
            throw HttpError.forbidden("only the site's admins (PAPERBOY_ADMINS) may read the sources' status");
        }
        ArrayNode out = DailyPaperJson.JSON.createArrayNode();
        Instant now = site.clock().instant();
        for (SourceStatus st : site.sources().statuses()) {
            ObjectNode o = out.addObject();
            o.put("name", st.name());
            o.put("upstream", st.upstream());
            o.put("schedule", st.schedule());
            o.put("status", st.health());
            o.put(
                    "fetchedUntil",
                    st.state().fetchedUntil() == null
                            ? null
                            : st.state().fetchedUntil().toString());
            o.put("nextRunAt", iso(st.state().nextRunAt()));
            o.put("failures", st.state().failures());
            o.put("failingSince", iso(st.state().failingSince()));
            o.put("lastError", st.state().lastError());
            o.put("lastSuccessAt", iso(st.state().lastSuccessAt()));
            if (st.sinceSuccess(now) != null) {
                o.put("secondsSinceSuccess", st.sinceSuccess(now).toSeconds());
            }
            SourceStateRepository.Run run = st.lastRun();
            if (run != null) {
                ObjectNode r = o.putObject("lastRun");
                r.put("cause", run.cause());
                r.put("status", run.status());
                r.put("startedAt", iso(run.startedAt()));
                r.put("finishedAt", iso(run.finishedAt()));
                r.put("daysDone", run.daysDone());
                r.put("daysTotal", run.daysTotal());
                r.put("imported", run.imported());
                r.put("updated", run.updated());
                r.put("unchanged", run.unchanged());
                r.put("rejected", run.rejected());
                r.put("error", run.error());
            }
            ObjectNode t = o.putObject("totals");
            t.put("runs", st.totals().runs());
            t.put("failed", st.totals().failed());
            t.put("stored", st.totals().stored());
            t.put("rejected", st.totals().rejected());
        }
        ctx.contentType("application/json").result(out.toString());
    }

    /** True for admins; redirects anonymous visitors to sign in and refuses everyone else. */
    private static boolean admitted(Context ctx, NextPath next) {
        return AdminGate.admitted(ctx, next, "only the site's admins (PAPERBOY_ADMINS) may see the sources");
    }

    static String moment(Instant at) {
        return at == null ? null : MOMENT.format(at);
    }

    private static String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}
