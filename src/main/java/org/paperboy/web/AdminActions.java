package org.paperboy.web;

import io.javalin.config.RoutesConfig;

/** PLACEHOLDER: routes being written (issue 4). */
final class AdminActions {

    private final Site site;
    private final Templates templates;

    AdminActions(Site site, Templates templates) {
        this.site = site;
        this.templates = templates;
    }

    void register(RoutesConfig r) {}
}
