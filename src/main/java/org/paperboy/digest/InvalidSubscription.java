package org.paperboy.digest;

import java.util.List;

/**
 * A subscription form or API body that cannot be accepted; {@link #problems()} lists every field
 * at fault with the value given and the reason, in the order of the form.
 */
public final class InvalidSubscription extends IllegalArgumentException {

    /** One rejected field: a stable name ({@code email}, {@code alerts[1].query}), the value, the reason. */
    public record Problem(String field, String value, String reason) {}

    private final transient List<Problem> problems;

    public InvalidSubscription(List<Problem> problems) {
        super(
                problems.size() == 1
                        ? problems.getFirst().field() + ": "
                                + problems.getFirst().reason()
                        : problems.size() + " fields are invalid: "
                                + String.join(
                                        ", ",
                                        problems.stream().map(Problem::field).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
