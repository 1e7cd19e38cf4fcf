package org.paperboy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package table of docs/architecture.md, checked on the main classes: which packages each
 * package may use, no cycles between packages, each outside technology (JDBC and Jdbi, Lucene,
 * SolrJ and ZooKeeper, ONNX Runtime) behind the one package that owns it, and the search backends
 * reached only through the composition root. No exceptions are frozen: a violation fails the build.
 */
@AnalyzeClasses(packages = "org.paperboy", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packages_have_no_cycles =
            slices().matching("org.paperboy.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule only_store_touches_jdbc_or_jdbi = noClasses()
            .that()
            .resideOutsideOfPackage("org.paperboy.store..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "javax.sql..", "org.jdbi..", "com.zaxxer..", "org.flywaydb..");

    @ArchTest
    static final ArchRule only_search_lucene_touches_lucene = noClasses()
            .that()
            .resideOutsideOfPackage("org.paperboy.search.lucene..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.lucene..");

    @ArchTest
    static final ArchRule only_search_solr_touches_solrj_or_zookeeper = noClasses()
            .that()
            .resideOutsideOfPackage("org.paperboy.search.solr..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.solr..", "org.apache.zookeeper..");

    // Solr 9 brings Lucene 9: the Solr backend talks to the cluster and never runs Lucene itself.
    @ArchTest
    static final ArchRule search_solr_touches_no_lucene = noClasses()
            .that()
            .resideInAPackage("org.paperboy.search.solr..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.lucene..", "org.paperboy.search.lucene..");

    @ArchTest
    static final ArchRule only_embed_touches_onnx_runtime = noClasses()
            .that()
            .resideOutsideOfPackage("org.paperboy.embed..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("ai.onnxruntime..");

    // The search backends' classes are named only where the composition root (Services) opens
    // them, in LuceneBackend and SolrBackend; everything else, web and the commands included, sees
    // the search API's interfaces. The deliberate exceptions to "cli uses no backend directly".
    @ArchTest
    static final ArchRule only_the_composition_root_names_the_embedded_backend = noClasses()
            .that()
            .resideOutsideOfPackage("org.paperboy.search.lucene..")
            .and()
            .doNotHaveFullyQualifiedName("org.paperboy.cli.LuceneBackend")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.paperboy.search.lucene..");

    @ArchTest
    static final ArchRule only_the_composition_root_names_the_solr_backend = noClasses()
            .that()
            .resideOutsideOfPackage("org.paperboy.search.solr..")
            .and()
            .doNotHaveFullyQualifiedName("org.paperboy.cli.SolrBackend")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.paperboy.search.solr..");

    @ArchTest
    static final ArchRule web_and_cli_touch_no_database_index_or_model_directly = noClasses()
            .that()
            .resideInAnyPackage("org.paperboy.web..", "org.paperboy.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "java.sql..",
                    "javax.sql..",
                    "org.jdbi..",
                    "com.zaxxer..",
                    "org.flywaydb..",
                    "org.apache.lucene..",
                    "org.apache.solr..",
                    "org.apache.zookeeper..",
                    "ai.onnxruntime..");

    /** The "uses" column of the package table; {@code paper} is the vocabulary every package may speak. */
    @ArchTest
    static final ArchRule packages_use_only_what_the_table_allows = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("paper")
            .definedBy("org.paperboy.paper")
            .layer("config")
            .definedBy("org.paperboy.config")
            .layer("store")
            .definedBy("org.paperboy.store")
            .layer("ingest")
            .definedBy("org.paperboy.ingest")
            .layer("embed")
            .definedBy("org.paperboy.embed")
            .layer("sources")
            .definedBy("org.paperboy.sources")
            .layer("search")
            .definedBy("org.paperboy.search")
            .layer("search.lucene")
            .definedBy("org.paperboy.search.lucene")
            .layer("search.solr")
            .definedBy("org.paperboy.search.solr")
            .layer("feed")
            .definedBy("org.paperboy.feed")
            .layer("recommend")
            .definedBy("org.paperboy.recommend")
            .layer("mail")
            .definedBy("org.paperboy.mail")
            .layer("digest")
            .definedBy("org.paperboy.digest")
            .layer("eval")
            .definedBy("org.paperboy.eval")
            .layer("web")
            .definedBy("org.paperboy.web")
            .layer("cli")
            .definedBy("org.paperboy.cli")
            .whereLayer("paper")
            .mayNotAccessAnyLayer()
            .whereLayer("config")
            .mayOnlyAccessLayers("paper")
            .whereLayer("store")
            .mayOnlyAccessLayers("paper", "config")
            .whereLayer("ingest")
            .mayOnlyAccessLayers("paper", "store")
            .whereLayer("embed")
            .mayOnlyAccessLayers("paper")
            .whereLayer("sources")
            .mayOnlyAccessLayers("paper", "config", "store", "ingest")
            .whereLayer("search")
            .mayOnlyAccessLayers("paper", "embed", "store")
            .whereLayer("search.lucene")
            .mayOnlyAccessLayers("paper", "search")
            .whereLayer("search.solr")
            .mayOnlyAccessLayers("paper", "search")
            .whereLayer("feed")
            .mayOnlyAccessLayers("paper", "store")
            .whereLayer("recommend")
            .mayOnlyAccessLayers("paper", "embed", "store")
            .whereLayer("mail")
            .mayOnlyAccessLayers("paper", "config")
            .whereLayer("digest")
            .mayOnlyAccessLayers("paper", "config", "store", "mail", "feed", "search", "recommend")
            .whereLayer("eval")
            .mayOnlyAccessLayers("paper", "embed", "search", "feed", "recommend")
            .whereLayer("web")
            .mayOnlyAccessLayers(
                    "paper",
                    "config",
                    "store",
                    "ingest",
                    "embed",
                    "sources",
                    "search",
                    "feed",
                    "recommend",
                    "mail",
                    "digest")
            .whereLayer("cli")
            .mayNotBeAccessedByAnyLayer();
}
