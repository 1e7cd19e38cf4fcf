package org.paperboy.eval;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;

/**
 * The offline recommendation task of issue 12, built from real papers: every author with at least
 * {@value #MIN_BEFORE} papers listed before the cut-off day and {@value #MIN_AFTER} in the
 * {@value #WINDOW_DAYS} days from it is a user; their earlier papers are what they liked, their
 * later ones what they want; the task is to rank every paper listed in the window. Authors are
 * matched by name without regard to case; names are never features (the methods see titles and
 * abstracts only).
 */
public final class SimulatedUsers {

    static final int MIN_BEFORE = 5;
    static final int MIN_AFTER = 2;
    public static final int WINDOW_DAYS = 28;

    /** One simulated user: the author's name, liked papers (indices into {@link #papers}) and wanted candidates. */
    public record User(String name, List<Integer> liked, Set<Integer> relevant) {}

    private final List<Paper> papers;
    private final LocalDate cutoff;
    private final List<Integer> history;
    private final List<Integer> candidates;
    private final List<User> users;

    private SimulatedUsers(List<Paper> papers, LocalDate cutoff) {
        this.papers = papers;
        this.cutoff = cutoff;
        LocalDate end = cutoff.plusDays(WINDOW_DAYS);
        history = new ArrayList<>();
        candidates = new ArrayList<>();
        Map<String, List<Integer>> before = new TreeMap<>();
        Map<String, List<Integer>> after = new HashMap<>();
        Map<String, String> shown = new HashMap<>();
        for (int i = 0; i < papers.size(); i++) {
            Paper p = papers.get(i);
            if (p.listedOn() == null) {
                continue;
            }
            boolean isBefore = p.listedOn().isBefore(cutoff);
            boolean inWindow = !isBefore && p.listedOn().isBefore(end);
            if (!isBefore && !inWindow) {
                continue;
            }
            (isBefore ? history : candidates).add(i);
            Set<String> names = new LinkedHashSet<>();
            for (Author a : p.authors()) {
                String key = a.name().strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
                if (key.length() > 3 && names.add(key)) {
                    shown.putIfAbsent(key, a.name().strip());
                    (isBefore ? before : after)
                            .computeIfAbsent(key, k -> new ArrayList<>())
                            .add(i);
                }
            }
        }
        users = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : before.entrySet()) {
            List<Integer> later = after.getOrDefault(e.getKey(), List.of());
            if (e.getValue().size() >= MIN_BEFORE && later.size() >= MIN_AFTER) {
                users.add(new User(shown.get(e.getKey()), List.copyOf(e.getValue()), Set.copyOf(later)));
            }
        }
    }

    /** The task over {@code papers} (any order) with the window starting at {@code cutoff}. */
    public static SimulatedUsers of(List<Paper> papers, LocalDate cutoff) {
        List<Paper> sorted = new ArrayList<>(papers);
        sorted.sort(Comparator.comparing(Paper::id));
        return new SimulatedUsers(List.copyOf(sorted), cutoff);
    }

    /** The latest cut-off that leaves a whole window of listed days after it. */
    public static LocalDate defaultCutoff(List<Paper> papers) {
        LocalDate last = papers.stream()
                .map(Paper::listedOn)
                .filter(java.util.Objects::nonNull)
                .max(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalArgumentException("no paper has a listed day"));
        return last.minusDays(WINDOW_DAYS - 1L);
    }

    public List<Paper> papers() {
        return papers;
    }

    public LocalDate cutoff() {
        return cutoff;
    }

    /** Papers listed before the cut-off. */
    public List<Integer> history() {
        return history;
    }

    /** Papers listed in the window: what every method ranks. */
    public List<Integer> candidates() {
        return candidates;
    }

    public List<User> users() {
        return users;
    }
}
