package org.paperboy.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The site's JTE templates ({@code src/main/jte}), compiled to classes at build time: nothing is
 * compiled at run time. Output is HTML-escaped by JTE unless a template says otherwise.
 */
public final class Templates {

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Renders template {@code name} (e.g. {@code "feed.jte"}) with named parameters. */
    public String render(String name, Map<String, Object> params) {
        StringOutput out = new StringOutput(8192);
        engine.render(name, params, out);
        return out.toString();
    }

    /** Answers {@code ctx} with template {@code name} as a UTF-8 HTML page. */
    public void page(Context ctx, String name, Map<String, Object> params) {
        ctx.contentType("text/html; charset=utf-8").result(render(name, params));
    }
}
