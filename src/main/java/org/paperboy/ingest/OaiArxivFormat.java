package org.paperboy.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.InvalidRecordException;
import org.paperboy.paper.Links;
import org.paperboy.paper.Paper;

/**
 * One OAI-PMH {@code <record>} in arXiv's own metadata format ({@code metadataPrefix=arXiv}).
 * A deleted record maps to {@code null}: there is nothing to import.
 */
final class OaiArxivFormat {
    private OaiArxivFormat() {}

    static Paper map(XmlElement record) {
        XmlElement header = record.child("header");
        if (header != null && "deleted".equals(header.attribute("status"))) {
            return null;
        }
        XmlElement metadata = record.child("metadata");
        XmlElement arxiv = metadata == null ? null : metadata.child("arXiv");
        if (arxiv == null) {
            throw new InvalidRecordException(
                    "metadata", "no <arXiv> metadata in the record " + "(harvest with metadataPrefix=arXiv)");
        }
        ArxivId id = ArxivId.parse(arxiv.childText("id"));
        List<String> authors = new ArrayList<>();
        XmlElement list = arxiv.child("authors");
        if (list != null) {
            for (XmlElement a : list.all("author")) {
                String name = String.join(
                        " ",
                        Stream.of(a.childText("forenames"), a.childText("keyname"), a.childText("suffix"))
                                .filter(s -> s != null && !s.isBlank())
                                .map(String::strip)
                                .toList());
                if (!name.isBlank()) {
                    authors.add(name);
                }
            }
        }
        String categories = arxiv.childText("categories");
        var created = JsonFields.date("created", arxiv.childText("created"));
        return Paper.builder(id.id())
                .version(id.version())
                .title(arxiv.childText("title"))
                .abstractText(arxiv.childText("abstract"))
                .authorNames(authors)
                .categories(
                        categories == null || categories.isBlank()
                                ? List.of()
                                : Arrays.asList(categories.strip().split("\\s+")))
                .published(created)
                .updated(JsonFields.date("updated", arxiv.childText("updated")))
                .listedOn(created)
                .links(new Links(id.absUrl(), id.pdfUrl(), null, null))
                .comment(arxiv.childText("comments"))
                .journalRef(arxiv.childText("journal-ref"))
                .doi(arxiv.childText("doi"))
                .license(arxiv.childText("license"))
                .build();
    }
}
