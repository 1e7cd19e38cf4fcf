package org.paperboy.web;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import org.paperboy.paper.UpstreamFacts;
import org.paperboy.store.UpstreamRepository.Popularity;

/**
 * A paper's upvotes in their two parts (the upstream's and this site's) and what the upstream said
 * about it (organization, submitter, thumbnail, stars, comments, AI summary), as a card or paper
 * page shows them. The thumbnail is {@code null} unless remote images are allowed
 * ({@code PAPERBOY_REMOTE_IMAGES}).
 */
public record UpstreamView(int upstreamUpvotes, int localVotes, UpstreamFacts facts, boolean remoteImages) {

    static UpstreamView of(Popularity p, boolean remoteImages) {
        return p == null ? null : new UpstreamView(p.upstream(), p.local(), p.facts(), remoteImages);
    }

    /** Where the upstream count comes from: "Hugging Face", "the mirrored Paperboy" or "upstream". */
    public String upstreamName() {
        String source = facts == null ? "" : facts.source();
        return switch (source) {
            case "hf-daily" -> "Hugging Face";
            case "paperboy" -> "the mirrored Paperboy";
            default -> "upstream";
        };
    }

    /** True when the count has an upstream part worth showing apart. */
    public boolean split() {
        return upstreamUpvotes > 0;
    }

    /** "12 on Hugging Face · 3 here". */
    public String splitLabel() {
        return count(upstreamUpvotes) + " on " + upstreamName() + " · " + count(localVotes) + " here";
    }

    public String organization() {
        return facts == null ? null : facts.organization();
    }

    public String submitter() {
        return facts == null ? null : facts.submitter();
    }

    /** The thumbnail's URL, or {@code null} when there is none or remote images are off. */
    public String thumbnail() {
        return facts == null || !remoteImages ? null : facts.thumbnailUrl();
    }

    /** "★ 1,500", or {@code null} when the upstream did not say. */
    public String stars() {
        return facts == null || facts.githubStars() == null ? null : "\u2605 " + count(facts.githubStars());
    }

    /** "3 comments", or {@code null} when there are none or the upstream did not say. */
    public String comments() {
        if (facts == null || facts.comments() == null || facts.comments() == 0) {
            return null;
        }
        return count(facts.comments()) + (facts.comments() == 1 ? " comment" : " comments");
    }

    public String aiSummary() {
        return facts == null ? null : facts.aiSummary();
    }

    public List<String> aiKeywords() {
        return facts == null ? List.of() : facts.aiKeywords();
    }

    private static String count(int n) {
        return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(n);
    }
}
