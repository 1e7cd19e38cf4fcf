package org.paperboy.web;

import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;

/**
 * Writes papers as an Atom 1.0 feed (RFC 4287) with the JDK's {@link XMLStreamWriter}, which
 * escapes markup; characters XML 1.0 cannot carry at all (control characters, U+FFFE, U+FFFF)
 * are dropped first. Entry ids and links are the papers' pages on this site, all absolute.
 */
final class AtomWriter {

    static final String NS = "http://www.w3.org/2005/Atom";

    /**
     * What a feed says about itself: its id (an absolute URL), title, the URLs of the feed
     * ({@code self}) and of the page it mirrors ({@code alternate}), and when it last changed when
     * it has no entries.
     */
    record Head(String id, String title, String self, String alternate, Instant emptyUpdated) {}

    private final String base;

    /** A writer for the site at {@code baseUrl} (with or without a trailing slash). */
    AtomWriter(String baseUrl) {
        this.base = baseUrl.replaceAll("/+$", "");
    }

    /** The absolute URL of the local {@code path}, which starts with "/". */
    String url(String path) {
        return base + path;
    }

    /** The feed document of {@code papers}, in the order given. */
    String write(Head head, List<Paper> papers) {
        StringWriter out = new StringWriter(4096 + papers.size() * 2048);
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.setDefaultNamespace(NS);
            x.writeStartElement(NS, "feed");
            x.writeDefaultNamespace(NS);
            text(x, "id", head.id());
            text(x, "title", head.title());
            text(x, "updated", updated(head, papers).toString());
            link(x, "self", "application/atom+xml", head.self(), null);
            link(x, "alternate", "text/html", head.alternate(), null);
            x.writeStartElement(NS, "author");
            text(x, "name", "Paperboy");
            text(x, "uri", url("/"));
            x.writeEndElement();
            x.writeStartElement(NS, "generator");
            x.writeAttribute("uri", url("/"));
            x.writeCharacters("Paperboy");
            x.writeEndElement();
            for (Paper p : papers) {
                entry(x, p);
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the Atom feed", e);
        }
        return out.toString();
    }

    private void entry(XMLStreamWriter x, Paper p) throws XMLStreamException {
        String page = url("/papers/" + p.id());
        x.writeStartElement(NS, "entry");
        text(x, "id", page);
        text(x, "title", p.title());
        text(x, "updated", updated(p).toString());
        LocalDate published = p.published() != null ? p.published() : p.listedOn();
        if (published != null) {
            text(x, "published", midnight(published).toString());
        }
        link(x, "alternate", "text/html", page, null);
        if (p.links().abs() != null) {
            link(x, "related", "text/html", p.links().abs(), "arXiv");
        }
        if (p.links().pdf() != null) {
            link(x, "related", "application/pdf", p.links().pdf(), "PDF");
        }
        if (p.links().code() != null) {
            link(x, "related", "text/html", p.links().code(), "Code");
        }
        for (Author a : p.authors()) {
            x.writeStartElement(NS, "author");
            text(x, "name", a.name());
            x.writeEndElement();
        }
        for (String c : p.categories()) {
            x.writeEmptyElement(NS, "category");
            x.writeAttribute("term", clean(c));
        }
        x.writeStartElement(NS, "summary");
        x.writeAttribute("type", "text");
        x.writeCharacters(clean(p.abstractText()));
        x.writeEndElement();
        x.writeEndElement();
    }

    /** The latest of the paper's days (updated, published, listed), at midnight UTC. */
    static Instant updated(Paper p) {
        LocalDate latest = null;
        for (LocalDate d : new LocalDate[] {p.updated(), p.published(), p.listedOn()}) {
            if (d != null && (latest == null || d.isAfter(latest))) {
                latest = d;
            }
        }
        return latest == null ? Instant.EPOCH : midnight(latest);
    }

    private static Instant updated(Head head, List<Paper> papers) {
        Instant latest = null;
        for (Paper p : papers) {
            Instant u = updated(p);
            if (latest == null || u.isAfter(latest)) {
                latest = u;
            }
        }
        return latest == null ? head.emptyUpdated() : latest;
    }

    private static Instant midnight(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static void text(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeStartElement(NS, name);
        x.writeCharacters(clean(value));
        x.writeEndElement();
    }

    private static void link(XMLStreamWriter x, String rel, String type, String href, String title)
            throws XMLStreamException {
        x.writeEmptyElement(NS, "link");
        x.writeAttribute("rel", rel);
        x.writeAttribute("type", type);
        x.writeAttribute("href", clean(href));
        if (title != null) {
            x.writeAttribute("title", title);
        }
    }

    /** {@code s} without the characters XML 1.0 does not allow (section 2.2, production Char). */
    static String clean(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            int n = Character.charCount(c);
            boolean ok = c == 0x9
                    || c == 0xA
                    || c == 0xD
                    || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)
                    || c >= 0x10000;
            if (!ok && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            } else if (ok && out != null) {
                out.appendCodePoint(c);
            }
            i += n;
        }
        return out == null ? s : out.toString();
    }
}
