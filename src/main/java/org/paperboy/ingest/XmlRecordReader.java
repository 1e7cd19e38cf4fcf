package org.paperboy.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLEventWriter;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.events.Attribute;
import javax.xml.stream.events.StartElement;
import javax.xml.stream.events.XMLEvent;

/**
 * Streams the elements called {@code recordName} ({@code record} in OAI-PMH, {@code entry} in
 * Atom) out of an XML document, each as a small {@link XmlElement} tree plus its raw text.
 * Also remembers the OAI-PMH {@code resumptionToken} and {@code error} seen outside records.
 * DTDs and external entities are refused.
 */
final class XmlRecordReader implements RecordReader {

    private static final XMLInputFactory INPUT = inputFactory();
    private static final XMLOutputFactory OUTPUT = outputFactory();

    private final InputStream in;
    private final XMLEventReader events;
    private final String recordName;
    private String resumptionToken;
    private String errorCode;
    private String errorMessage;
    private String responseDate;
    private String rootName;
    private boolean done;

    XmlRecordReader(InputStream in, String recordName) throws IOException {
        this.in = in;
        this.recordName = recordName;
        try {
            this.events = INPUT.createXMLEventReader(in);
        } catch (XMLStreamException e) {
            throw new IOException("cannot read XML: " + e.getMessage(), e);
        }
    }

    /** The local name of the document element, once the first record or the end has been read. */
    String rootName() {
        return rootName;
    }

    /** The OAI-PMH resumption token found so far; empty or {@code null} when the list is complete. */
    String resumptionToken() {
        return resumptionToken;
    }

    /** The OAI-PMH error code, e.g. {@code noRecordsMatch}, or {@code null}. */
    String errorCode() {
        return errorCode;
    }

    String errorMessage() {
        return errorMessage;
    }

    /** The OAI-PMH {@code responseDate} (an ISO-8601 UTC timestamp) as written, or {@code null}. */
    String responseDate() {
        return responseDate;
    }

    @Override
    public RawRecord next() throws IOException {
        if (done) {
            return null;
        }
        long line = 1;
        try {
            while (events.hasNext()) {
                XMLEvent e = events.nextEvent();
                line = e.getLocation().getLineNumber();
                if (!e.isStartElement()) {
                    continue;
                }
                StartElement start = e.asStartElement();
                String name = start.getName().getLocalPart();
                if (rootName == null) {
                    rootName = name;
                }
                if (name.equals(recordName)) {
                    return readRecord(start, line);
                }
                if (name.equals("resumptionToken")) {
                    resumptionToken = readText().strip();
                } else if (name.equals("error")) {
                    Attribute code = start.getAttributeByName(new javax.xml.namespace.QName("code"));
                    errorCode = code == null ? "unknown" : code.getValue();
                    errorMessage = readText().strip();
                } else if (name.equals("responseDate")) {
                    responseDate = readText().strip();
                }
            }
            done = true;
            return null;
        } catch (XMLStreamException e) {
            done = true;
            String where =
                    e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber();
            return RawRecord.bad(
                    line,
                    new byte[0],
                    "malformed XML" + where + ": " + cleanMessage(e) + "; the rest of the document was not read");
        }
    }

    private RawRecord readRecord(StartElement start, long line) throws XMLStreamException {
        StringWriter raw = new StringWriter();
        XMLEventWriter writer = OUTPUT.createXMLEventWriter(raw);
        Deque<Builder> stack = new ArrayDeque<>();
        stack.push(new Builder(start));
        writer.add(start);
        while (!stack.isEmpty()) {
            XMLEvent e = events.nextEvent();
            writer.add(e);
            if (e.isStartElement()) {
                stack.push(new Builder(e.asStartElement()));
            } else if (e.isCharacters()) {
                stack.peek().text.append(e.asCharacters().getData());
            } else if (e.isEndElement()) {
                XmlElement done = stack.pop().build();
                if (stack.isEmpty()) {
                    writer.flush();
                    return RawRecord.ok(line, raw.toString().getBytes(StandardCharsets.UTF_8), done);
                }
                stack.peek().children.add(done);
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private String readText() throws XMLStreamException {
        StringBuilder sb = new StringBuilder();
        int depth = 1;
        while (depth > 0 && events.hasNext()) {
            XMLEvent e = events.nextEvent();
            if (e.isStartElement()) {
                depth++;
            } else if (e.isEndElement()) {
                depth--;
            } else if (e.isCharacters()) {
                sb.append(e.asCharacters().getData());
            }
        }
        return sb.toString();
    }

    private static String cleanMessage(XMLStreamException e) {
        String m = e.getMessage() == null ? "unreadable" : e.getMessage();
        int i = m.indexOf("Message: ");
        return (i >= 0 ? m.substring(i + "Message: ".length()) : m)
                .replaceAll("\\s+", " ")
                .strip();
    }

    @Override
    public void close() throws IOException {
        try {
            events.close();
        } catch (XMLStreamException e) {
            // nothing to recover; the stream is closed below
        }
        in.close();
    }

    private static XMLInputFactory inputFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    private static XMLOutputFactory outputFactory() {
        XMLOutputFactory f = XMLOutputFactory.newFactory();
        f.setProperty(XMLOutputFactory.IS_REPAIRING_NAMESPACES, true);
        return f;
    }

    /** An element being read. */
    private static final class Builder {
        final String name;
        final Map<String, String> attributes = new HashMap<>();
        final StringBuilder text = new StringBuilder();
        final List<XmlElement> children = new ArrayList<>();

        Builder(StartElement start) {
            name = start.getName().getLocalPart();
            for (Iterator<Attribute> it = start.getAttributes(); it.hasNext(); ) {
                Attribute a = it.next();
                attributes.put(a.getName().getLocalPart(), a.getValue());
            }
        }

        XmlElement build() {
            return new XmlElement(name, Map.copyOf(attributes), text.toString(), List.copyOf(children));
        }
    }
}
