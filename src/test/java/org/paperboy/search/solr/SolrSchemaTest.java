package org.paperboy.search.solr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.solr.common.SolrInputDocument;
import org.junit.jupiter.api.Test;
import org.paperboy.paper.Links;
import org.paperboy.paper.Paper;
import org.paperboy.search.Filters;

/** How papers, filters and query texts become Solr documents, filter queries and query strings, without a cluster. */
class SolrSchemaTest {

    private static final Paper PAPER = Paper.builder("2603.00001")
            .version(1)
            .title("Dense retrieval")
            .abstractText("We embed passages.")
            .authorNames(List.of("Ada Lovelace", "José García-López"))
            .categories(List.of("cs.IR", "cs.CL"))
            .listedOn(LocalDate.of(2026, 3, 2))
            .published(LocalDate.of(2026, 3, 1))
            .links(new Links(null, null, "https://github.com/example/dense", null))
            .build();

    @Test
    void a_paper_becomes_the_document_the_configset_declares() {
        SolrInputDocument doc = SolrSchema.document(PAPER, new float[] {0.6f, 0.8f});

        assertThat(doc.getFieldValue("id")).isEqualTo("2603.00001");
        assertThat(doc.getFieldValue("kind")).isEqualTo("paper");
        assertThat(doc.getFieldValue("text")).isEqualTo("Dense retrieval\nWe embed passages.");
        assertThat(doc.getFieldValues("authors")).containsExactly("Ada Lovelace", "José García-López");
        assertThat(doc.getFieldValues("author_key")).containsExactly("ada lovelace", "jose garcia lopez");
        assertThat(doc.getFieldValues("category")).containsExactly("cs.ir", "cs.cl");
        assertThat(doc.getFieldValue("primary_category")).isEqualTo("cs.ir");
        assertThat(doc.getFieldValues("categories")).containsExactly("cs.IR", "cs.CL");
        assertThat(doc.getFieldValue("listed_on"))
                .isEqualTo((int) LocalDate.of(2026, 3, 2).toEpochDay());
        assertThat(doc.getFieldValue("has_code")).isEqualTo(true);
        assertThat(doc.getFieldValue("has_vector")).isEqualTo(true);
        assertThat(doc.getFieldValues("vector")).containsExactly(0.6f, 0.8f);
        assertThat(SolrSchema.document(PAPER, null).getFieldValue("has_vector")).isEqualTo(false);
        assertThat(SolrSchema.document(PAPER, null).getFieldValue("vector")).isNull();
    }

    @Test
    void filters_become_filter_queries_that_quote_every_value() {
        Filters all = new Filters(
                "CS.IR",
                true,
                LocalDate.of(2026, 3, 2),
                null,
                "Ada O'Lovelace",
                false,
                Set.of("2603.00002", "hep-th/9901001"));

        assertThat(SolrSchema.filterQueries(all))
                .containsExactly(
                        "{!term f=primary_category v='cs.ir'}",
                        "listed_on:[" + LocalDate.of(2026, 3, 2).toEpochDay() + " TO *]",
                        "{!term f=author_key v='ada o lovelace'}",
                        "{!term f=has_code v='false'}",
                        "*:* -id:(2603.00002 OR hep\\-th\\/9901001)");
        assertThat(SolrSchema.filterQueries(Filters.NONE)).isEmpty();
        assertThat(SolrSchema.filterQueries(Filters.NONE.withAuthor("..."))).containsExactly("-*:*");
        assertThat(SolrSchema.term("id", "it's \\ here")).isEqualTo("{!term f=id v='it\\'s \\\\ here'}");
    }

    @Test
    void the_configset_is_named_and_sized_for_the_embedder() throws IOException {
        assertThat(SolrSchema.configSetName(384)).isEqualTo("paperboy-v1-d384");
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(SolrSchema.configSetZip(128)))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                files.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(files).containsOnlyKeys("schema.xml", "solrconfig.xml");
        assertThat(files.get("schema.xml")).contains("vectorDimension=\"128\"").doesNotContain("@DIMENSIONS@");
        assertThat(files.get("solrconfig.xml")).contains("ExactStatsCache");
    }

    @Test
    void query_syntax_is_escaped_and_operators_become_plain_words() {
        assertThat(SolrQueries.plainWords("\"grasping\" AND (robot* OR arm) title:x -y +z NOT w\\"))
                .isEqualTo("\\\"grasping\\\" and \\(robot\\* or arm\\) title\\:x \\-y \\+z not w\\\\");
        assertThat(SolrQueries.plainWords("ANDROID apps, TOKYO")).isEqualTo("ANDROID apps, TOKYO");
        assertThat(SolrQueries.plainWords("a && b || c / d")).isEqualTo("a \\&\\& b \\|\\| c \\/ d");
    }
}
