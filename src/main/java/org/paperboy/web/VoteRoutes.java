package org.paperboy.web;

import io.javalin.config.RoutesConfig;

/** PLACEHOLDER: routes being written (issue 4). */
final class VoteRoutes {

    private final Site site;
    private final Templates templates;

    VoteRoutes(Site site, Templates templates) {
        this.site = site;
        this.templates = templates;
    }

    void register(RoutesConfig r) {}
}
