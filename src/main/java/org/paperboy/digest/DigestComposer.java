package org.paperboy.digest;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.List;
import java.util.Map;
import org.paperboy.feed.Period;
import org.paperboy.mail.MailMessage;

/**
 * Writes a {@link Digest} as an e-mail: an HTML part from {@code digest/email.jte} (inline CSS,
 * no images, nothing remote), a plain-text part with the same content, and the RFC 2369/8058
 * unsubscribe headers. Both open with a one-line summary ({@link Digest#summary}); every paper's
 * title links to its page on this site, followed by its arXiv and PDF links; every alert hit says
 * which alert it matched; a section that was cut ends with "and N more" linking to the full list
 * on the site. Thread-safe.
 */
public final class DigestComposer {

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
    private final DigestLinks links;

    public DigestComposer(DigestLinks links) {
        this.links = links;
    }

    /** The mail carrying {@code digest}, which must not be empty. */
    public MailMessage message(Digest digest) {
        if (digest.isEmpty()) {
            throw new IllegalArgumentException("an empty digest is not sent");
        }
        return new MailMessage(
                digest.subscription().email(),
                subject(digest),
                text(digest),
                html(digest),
                links.listHeaders(digest.subscription().id()));
    }

    /** A new Message-ID for a digest of {@code period}, see {@link DigestLinks#newMessageId}. */
    public String newMessageId(String period) {
        return links.newMessageId(period);
    }

    /** "Paperboy daily · Wednesday, July 1, 2026 · 12 new papers". */
    public static String subject(Digest digest) {
        int n = digest.size();
        return "Paperboy " + digest.kind() + " · " + digest.period().label() + " · " + n + " new paper"
                + (n == 1 ? "" : "s");
    }

    /** The HTML document of the digest (also what the preview page shows). */
    public String html(Digest digest) {
        StringOutput out = new StringOutput(16 * 1024);
        engine.render("digest/email.jte", Map.of("digest", digest, "links", links, "title", subject(digest)), out);
        return ascii(out.toString());
    }

    /**
     * The HTML with every non-ASCII character as a numeric reference: a 7-bit body needs no
     * quoted-printable encoding, which was a third of the time to send a digest.
     */
    static String ascii(String html) {
        StringBuilder b = null;
        int run = 0;
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (b == null) {
                b = new StringBuilder(html.length() + 256);
            }
            int cp = html.codePointAt(i);
            b.append(html, run, i).append("&#").append(cp).append(';');
            i += Character.charCount(cp) - 1;
            run = i + 1;
        }
        return b == null ? html : b.append(html, run, html.length()).toString();
    }

    /**
     * The plain-text part: the same sections, each paper with its link. Its own words are ASCII,
     * so that it usually goes out 7-bit, without quoted-printable encoding.
     */
    public String text(Digest digest) {
        StringBuilder b = new StringBuilder(8 * 1024);
        b.append("Paperboy - your ").append(digest.kind()).append(" digest\n");
        b.append(heading(digest.period())).append("\n\n");
        b.append(digest.summary()).append('\n');
        Digest.Extent extent = digest.extent();
        String periodUrl = links.periodUrl(digest.period());
        section(b, "For you", digest.forYou());
        section(b, "Your alerts", digest.alerts());
        if (!digest.alerts().isEmpty()) {
            for (Digest.AlertMore m : extent.alertsMore()) {
                more(
                        b,
                        m.more() + " more matching \"" + m.alert().query() + "\"",
                        links.searchUrl(m.alert(), digest.period()));
            }
        }
        section(b, "New in " + digest.categoryNames(), digest.categories());
        if (!digest.categories().isEmpty() && extent.categoriesMore() > 0) {
            more(
                    b,
                    extent.categoriesMore() + " more in " + digest.categoryNames(),
                    links.periodUrl(
                            digest.period(), digest.subscription().settings().categories()));
        }
        section(b, "Trending", digest.trending());
        if (!digest.trending().isEmpty() && extent.periodMore() > 0) {
            more(b, extent.periodMore() + " more from this " + digest.periodNoun(), periodUrl);
        }
        long id = digest.subscription().id();
        b.append("\n-- \nYou get this ")
                .append(digest.kind())
                .append(" digest because ")
                .append(digest.subscription().email())
                .append(" subscribed to it on Paperboy.\n");
        b.append("View in a browser: ").append(links.previewUrl(id)).append('\n');
        b.append("Change what you get: ").append(links.subscribeUrl()).append('\n');
        b.append("Unsubscribe: ").append(links.unsubscribeUrl(id)).append('\n');
        return b.toString();
    }

    private static String heading(Period period) {
        String label = period.label();
        return label + "\n" + "=".repeat(label.length());
    }

    private void section(StringBuilder b, String title, List<DigestEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        b.append('\n')
                .append(title)
                .append('\n')
                .append("-".repeat(title.length()))
                .append("\n\n");
        for (DigestEntry e : entries) {
            if (!e.reason().isEmpty()) {
                b.append("[").append(e.plainReason()).append("]\n");
            }
            b.append(e.paper().title()).append('\n');
            b.append(links.paperUrl(e.paper().id())).append('\n');
            if (!e.paper().authors().isEmpty()) {
                b.append(e.authorLine()).append('\n');
            }
            b.append(e.teaser()).append('\n');
            b.append(e.upvotes())
                    .append(e.upvotes() == 1 ? " upvote | " : " upvotes | ")
                    .append(String.join(" ", e.paper().categories()))
                    .append('\n');
            String abs = e.paper().absUrl();
            String pdf = e.paper().pdfUrl();
            if (abs != null || pdf != null) {
                b.append(abs == null ? "" : "arXiv: " + abs)
                        .append(abs != null && pdf != null ? " | " : "")
                        .append(pdf == null ? "" : "PDF: " + pdf)
                        .append('\n');
            }
            b.append('\n');
        }
    }

    /** The line under a cut section: "and 47 more in cs.CL: URL". */
    private static void more(StringBuilder b, String what, String url) {
        b.append("and ").append(what).append(": ").append(url).append("\n\n");
    }
}
