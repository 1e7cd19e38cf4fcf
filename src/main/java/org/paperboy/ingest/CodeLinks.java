package org.paperboy.ingest;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.paperboy.paper.Links;
import org.paperboy.paper.Paper;
import org.paperboy.paper.UrlScanner;
import org.paperboy.paper.UrlScanner.Found;

/**
 * Fills a paper's code and project links from the addresses its comment and abstract mention,
 * where the record gave none: the first repository on a code host (GitHub, GitLab, Bitbucket,
 * Codeberg, Anonymous GitHub), else the first Hugging Face model, dataset or space, is the code
 * link; the first {@code github.io}/{@code gitlab.io} site, or an address the text calls a project
 * page, website, homepage or demo, is the project page. Links the record has are kept.
 */
final class CodeLinks {

    private static final Set<String> REPOSITORY_HOSTS =
            Set.of("github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "anonymous.4open.science");

    // GitHub paths of the site itself rather than of a repository.
    private static final Set<String> NOT_OWNERS =
            Set.of("features", "topics", "orgs", "sponsors", "marketplace", "about", "pricing", "settings", "login");

    private static final List<String> PROJECT_WORDS =
            List.of("project page", "project website", "project site", "website", "homepage", "home page", "demo");

    // How far before an address the words naming it a project page are looked for.
    private static final int PROJECT_WORDS_WINDOW = 60;

    private CodeLinks() {}

    /** {@code paper} with its code and project links filled in where it had none and the text names one. */
    static Paper fill(Paper paper) {
        Links links = paper.links();
        if (links.code() != null && links.project() != null) {
            return paper;
        }
        String code = links.code();
        String project = links.project();
        for (String text : new String[] {paper.comment(), paper.abstractText()}) {
            List<Found> found = UrlScanner.scan(text);
            if (code == null) {
                code = first(found, true);
            }
            if (project == null) {
                project = project(text, found);
            }
        }
        if (code == null) {
            for (String text : new String[] {paper.comment(), paper.abstractText()}) {
                code = code == null ? first(UrlScanner.scan(text), false) : code;
            }
        }
        if (Objects.equals(code, links.code()) && Objects.equals(project, links.project())) {
            return paper;
        }
        return paper.toBuilder()
                .links(new Links(links.abs(), links.pdf(), code, project))
                .build();
    }

    /** The first repository address ({@code repositories}) or Hugging Face address (otherwise). */
    private static String first(List<Found> found, boolean repositories) {
        for (Found f : found) {
            if (repositories ? isRepository(f.url()) : isHuggingFace(f.url())) {
                return f.url();
            }
        }
        return null;
    }

    static boolean isRepository(String url) {
        String host = UrlScanner.host(url);
        List<String> path = UrlScanner.pathSegments(url);
        if (!REPOSITORY_HOSTS.contains(host) || path.size() < 2) {
            return false;
        }
        return !(host.equals("github.com") && NOT_OWNERS.contains(path.get(0).toLowerCase(Locale.ROOT)));
    }

    static boolean isHuggingFace(String url) {
        List<String> path = UrlScanner.pathSegments(url);
        return UrlScanner.host(url).equals("huggingface.co")
                && path.size() >= 2
                && !path.get(0).equalsIgnoreCase("papers")
                && !path.get(0).equalsIgnoreCase("docs")
                && !path.get(0).equalsIgnoreCase("blog");
    }

    private static String project(String text, List<Found> found) {
        for (Found f : found) {
            String host = UrlScanner.host(f.url());
            if (host.endsWith(".github.io") || host.endsWith(".gitlab.io")) {
                return f.url();
            }
        }
        for (Found f : found) {
            if (isRepository(f.url()) || isHuggingFace(f.url()) || isElsewhere(UrlScanner.host(f.url()))) {
                continue;
            }
            String before = text.substring(Math.max(0, f.start() - PROJECT_WORDS_WINDOW), f.start())
                    .toLowerCase(Locale.ROOT);
            if (PROJECT_WORDS.stream().anyMatch(before::contains)) {
                return f.url();
            }
        }
        return null;
    }

    /** Hosts of the paper's record or of code, never its project page. */
    private static boolean isElsewhere(String host) {
        return host.equals("arxiv.org")
                || host.equals("doi.org")
                || host.endsWith(".doi.org")
                || host.equals("github.com")
                || host.equals("huggingface.co");
    }
}
