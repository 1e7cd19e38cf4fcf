package org.paperboy.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.paperboy.paper.Paper;

/**
 * The source formats {@code import} reads, by their command-line names. Each maps one parsed
 * record to a {@link Paper}, or to {@code null} for a record that carries nothing to import
 * (an OAI-PMH deletion).
 */
public enum ImportFormat {
    ARXIV_SNAPSHOT("arxiv-snapshot", false),
    ARXIV_LISTING("arxiv-listing", false),
    HF_DAILY("hf-daily", false),
    BEIR("beir", false),
    OAI("oai", true),
    ATOM("atom", true),
    PAPERBOY("paperboy", false);

    private final String cliName;
    private final boolean xml;

    ImportFormat(String cliName, boolean xml) {
        this.cliName = cliName;
        this.xml = xml;
    }

    public String cliName() {
        return cliName;
    }

    boolean isXml() {
        return xml;
    }

    /** The element holding one record in an XML format. */
    String xmlRecordName() {
        return this == OAI ? "record" : "entry";
    }

    /**
     * Maps one parsed record ({@link JsonNode} or {@link XmlElement}), with the code and project
     * links its comment or abstract mention ({@link CodeLinks}).
     */
    Paper map(Object parsed) {
        Paper paper = mapFields(parsed);
        return paper == null ? null : CodeLinks.fill(paper);
    }

    private Paper mapFields(Object parsed) {
        return switch (this) {
            case ARXIV_SNAPSHOT -> ArxivSnapshotFormat.map((JsonNode) parsed);
            case ARXIV_LISTING -> ArxivListingFormat.map((JsonNode) parsed);
            case HF_DAILY -> HfDailyFormat.map((JsonNode) parsed);
            case BEIR -> BeirFormat.map((JsonNode) parsed);
            case PAPERBOY -> PaperboyJsonFormat.map((JsonNode) parsed);
            case OAI -> OaiArxivFormat.map((XmlElement) parsed);
            case ATOM -> AtomFormat.map((XmlElement) parsed);
        };
    }

    /** The format named {@code name} on the command line. */
    public static ImportFormat byName(String name) {
        for (ImportFormat f : values()) {
            if (f.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "'; use one of auto, " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(ImportFormat::cliName).collect(Collectors.joining(", "));
    }

    /** The JSON format a record's field names point to, or {@code null} when they match none. */
    static ImportFormat detect(JsonNode record) {
        if (record.has("paper") && record.get("paper").isObject()) {
            return HF_DAILY;
        }
        if (record.has("_id")) {
            return BEIR;
        }
        if (record.has("versions")
                || record.has("authors_parsed")
                || record.has("update_date")
                || record.has("submitter")) {
            return ARXIV_SNAPSHOT;
        }
        if (record.has("abstract") && record.has("links")) {
            return PAPERBOY;
        }
        if (record.has("summary") && (record.has("listed_on") || record.has("abs"))) {
            return ARXIV_LISTING;
        }
        if (record.has("summary") && record.has("publishedAt")) {
            return HF_DAILY;
        }
        return null;
    }
}
