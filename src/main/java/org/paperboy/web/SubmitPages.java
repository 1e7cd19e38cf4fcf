package org.paperboy.web;

import io.javalin.config.RoutesConfig;

/** PLACEHOLDER: routes being written (issue 4). */
final class SubmitPages {

    private final Site site;
    private final Templates templates;

    SubmitPages(Site site, Templates templates) {
        this.site = site;
        this.templates = templates;
    }

    void register(RoutesConfig r) {}
}
