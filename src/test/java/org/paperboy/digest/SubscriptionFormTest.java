package org.paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.paperboy.digest.InvalidSubscription.Problem;
import org.paperboy.digest.SubscriptionForm.AlertInput;
import org.paperboy.store.Subscription.Alert;
import org.paperboy.store.Subscription.Frequency;
import org.paperboy.store.Subscription.Settings;

class SubscriptionFormTest {

    @Test
    void parses_a_full_form_into_settings_with_the_address_in_lower_case() {
        Settings s = new SubscriptionForm(
                        "  Alice@Example.ORG ",
                        "Weekly",
                        false,
                        List.of("cs.IR", "hep-th", "cs.ir"),
                        List.of(new AlertInput("  dense   retrieval ", "cs.IR"), new AlertInput("graphs", " ")))
                .parse();

        assertThat(s)
                .isEqualTo(new Settings(
                        "alice@example.org",
                        Frequency.WEEKLY,
                        false,
                        List.of("cs.IR", "hep-th"),
                        List.of(new Alert("dense retrieval", "cs.IR"), new Alert("graphs", null))));
    }

    @Test
    void means_daily_with_trending_papers_when_only_the_address_is_given() {
        Settings s = new SubscriptionForm("bob@example.org", null, null, null, null).parse();

        assertThat(s).isEqualTo(new Settings("bob@example.org", Frequency.DAILY, true, List.of(), List.of()));
    }

    @Test
    void reports_every_problem_with_its_field_value_and_reason() {
        InvalidSubscription e = catchThrowableOfType(
                InvalidSubscription.class,
                () -> new SubscriptionForm(
                                "not-an-address",
                                "hourly",
                                false,
                                List.of("cs.IR", "CS IR"),
                                List.of(new AlertInput("", "cs.IR"), new AlertInput("x".repeat(201), "bad cat")))
                        .parse());

        assertThat(e.problems())
                .containsExactly(
                        new Problem("email", "not-an-address", "is not an e-mail address like alice@example.org"),
                        new Problem("frequency", "hourly", "is not daily or weekly"),
                        new Problem("categories[1]", "CS IR", "is not an arXiv category like cs.IR or hep-th"),
                        new Problem("alerts[0].query", "", "is required"),
                        new Problem("alerts[1].query", "x".repeat(201), "is longer than 200 characters"),
                        new Problem("alerts[1].category", "bad cat", "is not an arXiv category like cs.IR or hep-th"));
        assertThat(e.getMessage())
                .isEqualTo("6 fields are invalid: email, frequency, categories[1], alerts[0].query, "
                        + "alerts[1].query, alerts[1].category");
    }

    @Test
    void refuses_a_subscription_that_asks_for_nothing() {
        InvalidSubscription e = catchThrowableOfType(
                InvalidSubscription.class,
                () -> new SubscriptionForm("bob@example.org", "daily", false, List.of(), List.of()).parse());

        assertThat(e.getMessage())
                .isEqualTo("trending: choose at least one: the trending papers, a category or an alert");
    }

    @Test
    void refuses_a_missing_address_and_one_the_mailer_could_not_send_to() {
        assertThat(catchThrowableOfType(
                                InvalidSubscription.class,
                                () -> new SubscriptionForm(" ", null, null, null, null).parse())
                        .problems())
                .containsExactly(new Problem("email", "", "is required"));
        assertThat(catchThrowableOfType(
                                InvalidSubscription.class,
                                () -> new SubscriptionForm("Bob <bob@example.org>", null, null, null, null).parse())
                        .problems())
                .containsExactly(new Problem(
                        "email", "Bob <bob@example.org>", "is not an e-mail address like alice@example.org"));
    }

    @Test
    void refuses_more_than_ten_alerts() {
        List<AlertInput> alerts = java.util.stream.IntStream.range(0, 11)
                .mapToObj(i -> new AlertInput("topic " + i, null))
                .toList();

        InvalidSubscription e = catchThrowableOfType(
                InvalidSubscription.class,
                () -> new SubscriptionForm("bob@example.org", null, null, null, alerts).parse());

        assertThat(e.problems()).containsExactly(new Problem("alerts", "11", "has more than 10 alerts"));
    }
}
