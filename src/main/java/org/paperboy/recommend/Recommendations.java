package org.paperboy.recommend;

import java.util.List;

/**
 * A reader's "for you" list for one window, best first, and what it rests on: {@code MODEL} (a
 * model trained on liked papers), {@code FOLLOWS} (followed categories and authors only),
 * {@code TRENDING} (no usable signal: the window's popular papers), with the number of signals
 * and whether this request retrained the model.
 */
public record Recommendations(List<Pick> picks, Basis basis, int signals, boolean retrained) {

    /** What the ranking rests on. */
    public enum Basis {
        MODEL,
        FOLLOWS,
        TRENDING;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Recommendations {
        picks = List.copyOf(picks);
    }
}
