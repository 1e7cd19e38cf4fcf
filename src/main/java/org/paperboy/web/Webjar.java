package org.paperboy.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * A browser library packaged as a WebJar and served from the jar under {@code /webjars} (no CDN):
 * Swagger UI for the API page, KaTeX for math in titles and abstracts. The version comes from the
 * WebJar's own Maven properties, so the pom is the only place that names it.
 */
record Webjar(String name, String version) {

    static final Webjar SWAGGER_UI = of("org.webjars", "swagger-ui");
    static final Webjar KATEX = of("org.webjars.npm", "katex");

    /** The address of {@code file} inside this WebJar, e.g. {@code /webjars/katex/0.18.11/dist/katex.min.js}. */
    String path(String file) {
        return "/webjars/" + name + "/" + version + "/" + file;
    }

    private static Webjar of(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Webjar.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        resource + " is missing: the " + artifact + " WebJar is not on the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return new Webjar(artifact, p.getProperty("version"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
