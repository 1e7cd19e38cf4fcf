package org.paperboy.web;

import java.time.LocalDate;
import java.util.List;
import org.paperboy.paper.Author;
import org.paperboy.paper.Links;
import org.paperboy.paper.Paper;

/**
 * Papers and helpers shared by the API, submission and feed tests: five papers over three
 * listed days (one old-style id with a slash, one to hide).
 */
final class ApiFixtures {

    private ApiFixtures() {}

    static final Paper HYBRID = Paper.builder("2607.00001")
            .version(2)
            .title("Hybrid Retrieval with Lexical and Dense Signals")
            .abstractText("We fuse BM25 rankings with dense vector retrieval for scientific papers.")
            .authors(List.of(new Author("Ada Lovelace"), new Author("Alan Turing")))
            .categories(List.of("cs.IR", "cs.CL"))
            .published(LocalDate.of(2026, 6, 30))
            .listedOn(LocalDate.of(2026, 7, 1))
            .links(new Links(
                    "https://arxiv.org/abs/2607.00001",
                    "https://arxiv.org/pdf/2607.00001",
                    "https://github.com/example/hybrid",
                    "https://example.org/hybrid"))
            .upvotes(5)
            .build();

    static final Paper QUANTIZED = Paper.builder("2607.00002")
            .title("Quantized Vectors for Fast Nearest Neighbour Search")
            .abstractText("Int8 quantization keeps recall while shrinking the vector index fourfold.")
            .authors(List.of(new Author("Grace Hopper")))
            .categories(List.of("cs.LG"))
            .published(LocalDate.of(2026, 6, 29))
            .listedOn(LocalDate.of(2026, 7, 1))
            .upvotes(1)
            .build();

    static final Paper STRINGS = Paper.builder("hep-th/9901001")
            .title("Strings on Branes")
            .abstractText("An old-style identifier with a slash, about strings ending on branes.")
            .authors(List.of(new Author("Edward Witten")))
            .categories(List.of("hep-th"))
            .published(LocalDate.of(1999, 1, 5))
            .listedOn(LocalDate.of(2026, 6, 30))
            .build();

    static final Paper HIDDEN = Paper.builder("2607.00004")
            .title("Hidden Retrieval Spam")
            .abstractText("Dense retrieval spam that the moderators hid from the feed.")
            .authors(List.of(new Author("Spam Bot")))
            .categories(List.of("cs.IR"))
            .listedOn(LocalDate.of(2026, 7, 1))
            .upvotes(50)
            .build();

    static final Paper JUNE = Paper.builder("2606.00005")
            .title("Cooking Lentils in a Pot")
            .abstractText("A recipe for simmering legumes in a heavy pot.")
            .authors(List.of(new Author("Julia Child")))
            .categories(List.of("physics.pop-ph"))
            .published(LocalDate.of(2026, 6, 2))
            .listedOn(LocalDate.of(2026, 6, 3))
            .upvotes(2)
            .build();

    static final List<Paper> PAPERS = List.of(HYBRID, QUANTIZED, STRINGS, HIDDEN, JUNE);

    /** A test site holding {@link #PAPERS} and {@code extra}, with {@link #HIDDEN} hidden. */
    static TestSite site(TestSite.Builder builder, Paper... extra) {
        List<Paper> all = new java.util.ArrayList<>(PAPERS);
        all.addAll(List.of(extra));
        TestSite site = builder.papers(all).start();
        site.site.feedStore().setHidden(HIDDEN.id(), true);
        return site;
    }

    /** A new API token of the account {@code email}. */
    static String apiToken(TestSite site, String email) {
        return site.site.users().newApiToken(site.site.users().signIn(email).id());
    }
}
