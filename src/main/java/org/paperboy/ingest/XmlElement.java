package org.paperboy.ingest;

import java.util.List;
import java.util.Map;

/**
 * A small immutable XML element tree for one harvested record: local names only (namespaces
 * dropped), attributes by local name, and the element's own text.
 */
record XmlElement(String name, Map<String, String> attributes, String text, List<XmlElement> children) {

    XmlElement child(String localName) {
        for (XmlElement c : children) {
            if (c.name.equals(localName)) {
                return c;
            }
        }
        return null;
    }

    List<XmlElement> all(String localName) {
        return children.stream().filter(c -> c.name.equals(localName)).toList();
    }

    /** The text of the first child called {@code localName}, or {@code null}. */
    String childText(String localName) {
        XmlElement c = child(localName);
        return c == null ? null : c.text;
    }

    String attribute(String localName) {
        return attributes.get(localName);
    }
}
