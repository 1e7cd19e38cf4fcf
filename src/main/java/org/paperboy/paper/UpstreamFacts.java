package org.paperboy.paper;

import java.util.List;

/**
 * What an upstream daily page (Hugging Face, another Paperboy) says about a paper beyond the paper
 * record: the organization and the person who submitted it (display name and the upstream's slug),
 * a thumbnail URL, the code repository's stars, the number of comments, and an AI summary with its
 * keywords. Every field but {@code source} may be {@code null}; URLs are http(s) or {@code null}.
 */
public record UpstreamFacts(
        String source,
        String organization,
        String organizationSlug,
        String submitter,
        String submitterSlug,
        String thumbnailUrl,
        Integer githubStars,
        Integer comments,
        String aiSummary,
        List<String> aiKeywords) {

    public UpstreamFacts {
        aiKeywords = aiKeywords == null ? List.of() : List.copyOf(aiKeywords);
    }

    /** True when there is nothing to show. */
    public boolean isEmpty() {
        return organization == null
                && submitter == null
                && thumbnailUrl == null
                && githubStars == null
                && comments == null
                && aiSummary == null
                && aiKeywords.isEmpty();
    }
}
