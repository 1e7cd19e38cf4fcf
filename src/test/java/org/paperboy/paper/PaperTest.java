package org.paperboy.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PaperTest {

    private static final LocalDate MAR_1 = LocalDate.of(2026, 3, 1);
    private static final LocalDate MAR_2 = LocalDate.of(2026, 3, 2);
    private static final LocalDate MAR_5 = LocalDate.of(2026, 3, 5);
    private static final LocalDate MAR_9 = LocalDate.of(2026, 3, 9);

    private static Paper.Builder minimal() {
        return Paper.builder("2603.28800").title("A title").abstractText("An abstract.");
    }

    private static InvalidRecordException invalid(Paper.Builder b) {
        try {
            b.build();
        } catch (InvalidRecordException e) {
            return e;
        }
        throw new AssertionError("expected an InvalidRecordException");
    }

    @Nested
    class Whitespace {

        @Test
        void joins_hard_line_wraps_into_single_spaces() {
            assertThat(Paper.normalizeWhitespace("Scaling laws for\n  sparse\r\n mixtures of experts"))
                    .isEqualTo("Scaling laws for sparse mixtures of experts");
        }

        @Test
        void turns_tabs_and_no_break_spaces_into_plain_spaces() {
            assertThat(Paper.normalizeWhitespace("one\ttwo\u00A0three \t\u00A0four"))
                    .isEqualTo("one two three four");
        }

        @Test
        void strips_leading_and_trailing_whitespace() {
            assertThat(Paper.normalizeWhitespace(" \n\u00A0Graph transformers\t\n"))
                    .isEqualTo("Graph transformers");
        }

        @Test
        void turns_a_whitespace_only_string_into_an_empty_one() {
            assertThat(Paper.normalizeWhitespace(" \n\t ")).isEmpty();
        }

        @Test
        void returns_an_already_normal_string_as_the_same_instance() {
            String normal = new String("Already normal text, with $x^2$ in it");

            assertThat(Paper.normalizeWhitespace(normal)).isSameAs(normal);
        }

        @Test
        void keeps_null_as_null() {
            assertThat(Paper.normalizeWhitespace(null)).isNull();
        }

        @Test
        void normalizes_every_text_field_of_a_paper() {
            Paper p = minimal()
                    .title("  Diffusion\n   models ")
                    .abstractText("We study\ndiffusion.\n\n  It works.")
                    .authorNames(List.of(" Ada\n Lovelace "))
                    .categories(List.of(" cs.LG "))
                    .comment("12 pages,\n 3 figures")
                    .build();

            assertThat(p.title()).isEqualTo("Diffusion models");
            assertThat(p.abstractText()).isEqualTo("We study diffusion. It works.");
            assertThat(p.authors()).containsExactly(new Author("Ada Lovelace"));
            assertThat(p.categories()).containsExactly("cs.LG");
            assertThat(p.comment()).isEqualTo("12 pages, 3 figures");
        }

        @Test
        void keeps_tex_as_written() {
            Paper p = minimal()
                    .title("$\\alpha$-stable processes and\n $\\mathcal{O}(n^{2})$ bounds")
                    .abstractText("Let $x_{1},\\dots,x_n$ be \\emph{i.i.d.}")
                    .build();

            assertThat(p.title()).isEqualTo("$\\alpha$-stable processes and $\\mathcal{O}(n^{2})$ bounds");
            assertThat(p.abstractText()).isEqualTo("Let $x_{1},\\dots,x_n$ be \\emph{i.i.d.}");
        }

        @Test
        void turns_a_blank_optional_field_into_null() {
            assertThat(minimal().comment(" \n ").doi("").build().comment()).isNull();
            assertThat(minimal().doi("").build().doi()).isNull();
        }
    }

    @Nested
    class Validation {

        @Test
        void rejects_a_missing_title() {
            InvalidRecordException e = invalid(minimal().title(null));

            assertThat(e).hasMessage("title: missing or empty");
            assertThat(e.field()).isEqualTo("title");
        }

        @Test
        void rejects_a_blank_title() {
            assertThat(invalid(minimal().title(" \n\t"))).hasMessage("title: missing or empty");
        }

        @Test
        void rejects_a_missing_abstract() {
            InvalidRecordException e = invalid(minimal().abstractText(null));

            assertThat(e).hasMessage("abstract: missing or empty");
            assertThat(e.field()).isEqualTo("abstract");
        }

        @Test
        void rejects_a_missing_id() {
            assertThat(invalid(minimal().id(null))).hasMessage("id: missing or empty");
            assertThat(invalid(minimal().id("  "))).hasMessage("id: missing or empty");
        }

        @Test
        void rejects_an_id_longer_than_200_characters() {
            String id = "x".repeat(201);

            assertThat(invalid(minimal().id(id)))
                    .hasMessage("id: '" + "x".repeat(77) + "...' is longer than 200 characters");
        }

        @Test
        void rejects_a_nul_character_naming_the_field() {
            assertThat(invalid(minimal().title("A\u0000B"))).hasMessage("title: contains a NUL character");
            assertThat(invalid(minimal().abstractText("A\u0000B"))).hasMessage("abstract: contains a NUL character");
            assertThat(invalid(minimal().comment("A\u0000B"))).hasMessage("comment: contains a NUL character");
        }

        @Test
        void rejects_a_nul_character_in_an_author_name() {
            assertThatThrownBy(() -> new Author("Ada\u0000Lovelace"))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("authors: an author name contains a NUL character");
        }

        @Test
        void rejects_an_unpaired_surrogate_naming_the_field() {
            assertThat(invalid(minimal().title("half \ud83d of an emoji")))
                    .hasMessage("title: contains an unpaired UTF-16 surrogate (not valid Unicode)");
            assertThatThrownBy(() -> new Author("Ada \udc00"))
                    .hasMessage("authors: an author name contains an unpaired UTF-16 surrogate (not valid Unicode)");
        }

        @Test
        void accepts_characters_outside_the_basic_plane() {
            assertThat(minimal().title("Lab notes \ud83e\uddea").build().title())
                    .isEqualTo("Lab notes 🧪");
        }

        @Test
        void rejects_an_empty_author_name() {
            assertThatThrownBy(() -> new Author(" \n"))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("authors: an author name is empty");
        }

        @Test
        void accepts_a_field_of_exactly_100_kb() {
            String abs = "a".repeat(Paper.MAX_FIELD_BYTES);

            assertThat(minimal().abstractText(abs).build().abstractText()).hasSize(102_400);
        }

        @Test
        void rejects_a_field_one_byte_over_100_kb() {
            assertThat(invalid(minimal().abstractText("a".repeat(Paper.MAX_FIELD_BYTES + 1))))
                    .hasMessage("abstract: is 102401 bytes, over the 100 KB limit");
        }

        @Test
        void measures_the_field_limit_in_utf8_bytes_not_characters() {
            // 34,134 euro signs are 102,402 bytes but only 34,134 characters.
            assertThat(invalid(minimal().journalRef("€".repeat(34_134))))
                    .hasMessage("journal_ref: is 102402 bytes, over the 100 KB limit");
            assertThat(minimal().journalRef("€".repeat(34_133)).build().journalRef())
                    .hasSize(34_133);
        }

        @Test
        void measures_the_author_list_limit_in_utf8_bytes() {
            List<String> names = List.of("€".repeat(20_000), "€".repeat(20_000));

            assertThat(invalid(minimal().authorNames(names)))
                    .hasMessage("authors: author list is over the 100 KB limit");
        }

        @Test
        void accepts_an_author_list_just_under_the_limit() {
            List<String> names = List.of("a".repeat(51_200), "b".repeat(51_200));

            assertThat(minimal().authorNames(names).build().authors()).hasSize(2);
        }

        @Test
        void rejects_negative_upvotes() {
            InvalidRecordException e = invalid(minimal().upvotes(-1));

            assertThat(e).hasMessage("upvotes: negative count -1");
            assertThat(e.field()).isEqualTo("upvotes");
        }

        @Test
        void rejects_a_negative_version() {
            assertThat(invalid(minimal().version(-2))).hasMessage("version: negative version -2");
        }

        @Test
        void rejects_a_link_that_is_not_http() {
            assertThatThrownBy(() -> new Links("ftp://arxiv.org/abs/2603.28800", null, null, null))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("abs: 'ftp://arxiv.org/abs/2603.28800' is not an http(s) URL");
            assertThatThrownBy(() -> new Links(null, null, "github.com/a/b", null))
                    .hasMessage("code: 'github.com/a/b' is not an http(s) URL");
        }

        @Test
        void rejects_a_link_with_whitespace_inside() {
            assertThatThrownBy(() -> new Links(null, null, null, "https://example.org/my project"))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("project: 'https://example.org/my project' is not a valid URL");
        }

        @Test
        void rejects_a_link_longer_than_2048_characters() {
            String url = "https://example.org/" + "p".repeat(2100);

            assertThatThrownBy(() -> new Links(null, url, null, null))
                    .hasMessage("pdf: '" + url.substring(0, 77) + "...' is not a valid URL");
        }

        @Test
        void strips_links_and_turns_blank_ones_into_null() {
            assertThat(new Links(" https://arxiv.org/abs/1 ", "  ", null, ""))
                    .isEqualTo(new Links("https://arxiv.org/abs/1", null, null, null));
        }

        @Test
        void rejects_a_blank_category() {
            InvalidRecordException e = invalid(minimal().categories(List.of("cs.CL", " ")));

            assertThat(e).hasMessage("categories: ' ' is not a category code");
            assertThat(e.field()).isEqualTo("categories");
        }

        @Test
        void rejects_a_null_category() {
            assertThat(invalid(minimal().categories(java.util.Arrays.asList("cs.CL", null))))
                    .hasMessage("categories: 'null' is not a category code");
        }

        @Test
        void rejects_a_category_with_a_control_character() {
            assertThat(invalid(minimal().categories(List.of("cs\u0007CL"))))
                    .hasMessage("categories: 'cs\u0007CL' is not a category code");
        }

        @Test
        void keeps_categories_in_order_without_duplicates() {
            Paper p = minimal()
                    .categories(List.of("cs.CL", "cs.LG", "cs.CL", " cs.AI ", "cs.LG", "I.2.7; I.2.6"))
                    .build();

            assertThat(p.categories()).containsExactly("cs.CL", "cs.LG", "cs.AI", "I.2.7; I.2.6");
            assertThat(p.primaryCategory()).isEqualTo("cs.CL");
        }

        @Test
        void has_no_primary_category_without_categories() {
            assertThat(minimal().build().primaryCategory()).isNull();
        }

        @Test
        void copies_author_and_category_lists() {
            List<String> categories = new java.util.ArrayList<>(List.of("cs.CL"));
            Paper p = minimal().categories(categories).build();
            categories.add("cs.LG");

            assertThat(p.categories()).containsExactly("cs.CL");
        }

        @Test
        void round_trips_through_its_builder() {
            Paper p = full(2, "Title", MAR_2);

            assertThat(p.toBuilder().build()).isEqualTo(p);
        }
    }

    @Nested
    class Merge {

        @Test
        void takes_the_content_of_a_newer_version_and_keeps_what_it_lacks() {
            Paper stored = full(1, "Old title", MAR_2);
            Paper incoming = Paper.builder("2603.28800")
                    .version(2)
                    .title("New title")
                    .abstractText("New abstract.")
                    .listedOn(MAR_5)
                    .links(new Links("https://arxiv.org/abs/2603.28800v2", null, null, null))
                    .comment("v2: fixed a proof")
                    .build();

            Paper merged = stored.merge(incoming);

            assertThat(merged)
                    .isEqualTo(Paper.builder("2603.28800")
                            .version(2)
                            .title("New title")
                            .abstractText("New abstract.")
                            .authorNames(List.of("Ada Lovelace", "Alan Turing"))
                            .categories(List.of("cs.LG", "stat.ML"))
                            .published(MAR_1)
                            .updated(MAR_2)
                            .listedOn(MAR_2)
                            .links(new Links(
                                    "https://arxiv.org/abs/2603.28800v2",
                                    "https://arxiv.org/pdf/2603.28800",
                                    "https://github.com/example/code",
                                    null))
                            .comment("v2: fixed a proof")
                            .journalRef("J. Examples 1 (2026)")
                            .doi("10.1000/example")
                            .license("http://creativecommons.org/licenses/by/4.0/")
                            .upvotes(7)
                            .build());
        }

        @Test
        void takes_a_known_version_over_an_unknown_one() {
            Paper stored = minimal().title("Unversioned").build();
            Paper incoming = minimal().version(1).title("Version one").build();

            assertThat(stored.merge(incoming).title()).isEqualTo("Version one");
            assertThat(stored.merge(incoming).version()).isEqualTo(1);
        }

        @Test
        void keeps_the_earliest_listed_and_published_day_and_the_latest_updated_day() {
            Paper a = minimal()
                    .version(1)
                    .published(MAR_2)
                    .updated(MAR_2)
                    .listedOn(MAR_5)
                    .build();
            Paper b = minimal()
                    .version(2)
                    .published(MAR_1)
                    .updated(MAR_9)
                    .listedOn(MAR_9)
                    .build();

            Paper merged = a.merge(b);

            assertThat(merged.published()).isEqualTo(MAR_1);
            assertThat(merged.updated()).isEqualTo(MAR_9);
            assertThat(merged.listedOn()).isEqualTo(MAR_5);
        }

        @Test
        void keeps_the_highest_upvote_count() {
            Paper many = minimal().upvotes(40).build();
            Paper few = minimal().upvotes(3).build();

            assertThat(many.merge(few).upvotes()).isEqualTo(40);
            assertThat(few.merge(many).upvotes()).isEqualTo(40);
        }

        @Test
        void changes_no_content_for_an_older_version() {
            Paper stored = full(3, "Version three", MAR_2);
            Paper older = Paper.builder("2603.28800")
                    .version(2)
                    .title("Version two")
                    .abstractText("Older abstract.")
                    .authorNames(List.of("Someone Else"))
                    .categories(List.of("math.PR"))
                    .links(new Links(null, null, null, "https://example.org/project"))
                    .comment("an older comment")
                    .build();

            assertThat(stored.merge(older)).isEqualTo(stored);
        }

        @Test
        void leaves_a_paper_unchanged_when_merging_an_older_version_with_nothing_to_add() {
            Paper stored = full(3, "Version three", MAR_2);
            Paper older = full(2, "Version two", MAR_5);

            assertThat(stored.merge(older)).isEqualTo(stored);
        }

        @Test
        void keeps_the_first_listed_day_whatever_the_order_of_versions() {
            Paper v1 = minimal()
                    .version(1)
                    .title("One")
                    .published(MAR_1)
                    .listedOn(MAR_1)
                    .upvotes(9)
                    .build();
            Paper v2 = minimal()
                    .version(2)
                    .title("Two")
                    .published(MAR_5)
                    .listedOn(MAR_5)
                    .upvotes(2)
                    .build();

            Paper inOrder = v1.merge(v2);
            Paper reversed = v2.merge(v1);

            assertThat(reversed).isEqualTo(inOrder);
            assertThat(reversed.title()).isEqualTo("Two");
            assertThat(reversed.listedOn()).isEqualTo(MAR_1);
            assertThat(reversed.published()).isEqualTo(MAR_1);
            assertThat(reversed.upvotes()).isEqualTo(9);
        }

        @Test
        void only_fills_blanks_from_the_same_version() {
            Paper stored = minimal().version(2).title("Stored title").build();
            Paper incoming = minimal()
                    .version(2)
                    .title("Other title")
                    .abstractText("Other abstract.")
                    .authorNames(List.of("Ada Lovelace"))
                    .categories(List.of("cs.LG"))
                    .doi("10.1000/example")
                    .links(new Links(null, null, "https://github.com/example/code", null))
                    .build();

            assertThat(stored.merge(incoming))
                    .isEqualTo(minimal()
                            .version(2)
                            .title("Stored title")
                            .authorNames(List.of("Ada Lovelace"))
                            .categories(List.of("cs.LG"))
                            .doi("10.1000/example")
                            .links(new Links(null, null, "https://github.com/example/code", null))
                            .build());
        }

        @Test
        void only_fills_blanks_from_an_unknown_version() {
            Paper stored = minimal().version(3).title("Stored title").build();
            Paper incoming = minimal()
                    .title("Other title")
                    .comment("from HF")
                    .upvotes(12)
                    .build();

            assertThat(stored.merge(incoming))
                    .isEqualTo(minimal()
                            .version(3)
                            .title("Stored title")
                            .comment("from HF")
                            .upvotes(12)
                            .build());
        }

        @Test
        void refuses_to_merge_a_different_paper() {
            Paper a = minimal().build();
            Paper b = minimal().id("2603.00001").build();

            assertThatThrownBy(() -> a.merge(b))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot merge 2603.00001 into 2603.28800");
        }

        static Stream<Arguments> pairs() {
            Paper v1 = full(1, "One", MAR_2);
            Paper v2 = full(2, "Two", MAR_5).toBuilder().doi(null).upvotes(1).build();
            Paper bare0 = minimal().title("Bare").listedOn(MAR_1).upvotes(50).build();
            Paper bare2 = minimal().version(2).title("Bare two").updated(MAR_9).build();
            return Stream.of(
                    Arguments.of("v1 then v2", v1, v2),
                    Arguments.of("v2 then v1", v2, v1),
                    Arguments.of("v1 then unversioned", v1, bare0),
                    Arguments.of("unversioned then v1", bare0, v1),
                    Arguments.of("v2 then bare v2", v2, bare2),
                    Arguments.of("bare v2 then v1", bare2, v1),
                    Arguments.of("itself", v1, v1));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("pairs")
        void is_idempotent(String name, Paper a, Paper b) {
            Paper once = a.merge(b);

            assertThat(once.merge(b)).isEqualTo(once);
        }
    }

    private static Paper full(int version, String title, LocalDate listed) {
        return Paper.builder("2603.28800")
                .version(version)
                .title(title)
                .abstractText("Abstract of " + title + ".")
                .authorNames(List.of("Ada Lovelace", "Alan Turing"))
                .categories(List.of("cs.LG", "stat.ML"))
                .published(MAR_1)
                .updated(MAR_2)
                .listedOn(listed)
                .links(new Links(
                        "https://arxiv.org/abs/2603.28800",
                        "https://arxiv.org/pdf/2603.28800",
                        "https://github.com/example/code",
                        null))
                .comment("12 pages")
                .journalRef("J. Examples 1 (2026)")
                .doi("10.1000/example")
                .license("http://creativecommons.org/licenses/by/4.0/")
                .upvotes(7)
                .build();
    }
}
