package org.paperboy.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Paperboy's effective configuration, sealed after start-up. Each key is read from, in order of
 * precedence: a command-line flag, the environment ({@code PAPERBOY_*}), the file
 * {@code DATA/paperboy.properties} (same key names), then the default. Invalid values fail fast
 * with a {@link ConfigException} naming the key, the value and the fix.
 */
public record PaperboyConfig(
        Path dataDir,
        String dbUrl,
        int port,
        URI baseUrl,
        String smtpHost,
        int smtpPort,
        String smtpUser,
        String smtpPassword,
        SmtpTls smtpTls,
        String mailFrom,
        List<String> admins,
        URI arxivApiUrl,
        URI arxivOaiUrl,
        LocalTime digestTime,
        ZoneId digestZone,
        Sources sources,
        String host,
        List<String> trustedProxies,
        String embedder,
        String vectors,
        Solr solr) {

    /** How mail is protected on its way to the SMTP server. */
    public enum SmtpTls {
        NONE,
        STARTTLS,
        SSL
    }

    public static final String DATA = "PAPERBOY_DATA";
    public static final String DB = "PAPERBOY_DB";
    public static final String PORT = "PAPERBOY_PORT";
    public static final String BASE_URL = "PAPERBOY_BASE_URL";
    public static final String SMTP_HOST = "PAPERBOY_SMTP_HOST";
    public static final String SMTP_PORT = "PAPERBOY_SMTP_PORT";
    public static final String SMTP_USER = "PAPERBOY_SMTP_USER";
    public static final String SMTP_PASSWORD = "PAPERBOY_SMTP_PASSWORD";
    public static final String SMTP_TLS = "PAPERBOY_SMTP_TLS";
    public static final String MAIL_FROM = "PAPERBOY_MAIL_FROM";
    public static final String ADMINS = "PAPERBOY_ADMINS";
    public static final String ARXIV_API_URL = "PAPERBOY_ARXIV_API_URL";
    public static final String ARXIV_OAI_URL = "PAPERBOY_ARXIV_OAI_URL";
    public static final String DIGEST_TIME = "PAPERBOY_DIGEST_TIME";
    public static final String DIGEST_ZONE = "PAPERBOY_DIGEST_ZONE";
    public static final String HOST = "PAPERBOY_HOST";
    public static final String TRUSTED_PROXIES = "PAPERBOY_TRUSTED_PROXIES";
    public static final String EMBEDDER = "PAPERBOY_EMBEDDER";

    /**
     * The embedders {@link #EMBEDDER} names (docs/embedders.md): all-MiniLM-L6-v2, the quantized
     * bge-small-en-v1.5, or the student model trained on this install's papers (DATA/student.model).
     */
    public static final List<String> EMBEDDERS = List.of("minilm", "bge-small", "student");

    public static final String VECTORS = "PAPERBOY_VECTORS";

    /**
     * The vector encodings of the index's graph {@link #VECTORS} names (docs/embedders.md): 8-bit
     * codes (the default), 4-bit codes, 1-bit codes, or full floats; results are always re-scored
     * with the float vectors stored beside the codes.
     */
    public static final List<String> VECTOR_ENCODINGS = List.of("int8", "int4", "bit1", "float32");

    public static final String SOLR_ZK = "PAPERBOY_SOLR_ZK";
    public static final String SOLR_URL = "PAPERBOY_SOLR_URL";
    public static final String SOLR_COLLECTION = "PAPERBOY_SOLR_COLLECTION";
    public static final String SOLR_SHARDS = "PAPERBOY_SOLR_SHARDS";
    public static final String SOLR_REPLICAS = "PAPERBOY_SOLR_REPLICAS";

    /**
     * Where the search index lives (docs/solr.md): in the data directory (the embedded Lucene
     * index, when neither {@code zk} nor {@code urls} is set), or in a SolrCloud collection found
     * through ZooKeeper ({@code zk}, {@code HOST:PORT[,HOST:PORT...][/chroot]}) or through Solr
     * nodes' base URLs ({@code urls}, tried in turn). Paperboy creates the collection with
     * {@code shards} shards of {@code replicas} replicas each when it is missing.
     */
    public record Solr(String zk, List<URI> urls, String collection, int shards, int replicas) {

        /** The embedded index: no SolrCloud. */
        public static final Solr NONE = new Solr(null, List.of(), "paperboy", 2, 2);

        public Solr {
            urls = List.copyOf(urls);
        }

        /** True when search runs on SolrCloud instead of the embedded index. */
        public boolean on() {
            return zk != null || !urls.isEmpty();
        }

        /** This with another collection name (evaluation's scratch collections). */
        public Solr withCollection(String name) {
            return new Solr(zk, urls, name, shards, replicas);
        }
    }

    /** The embedder of an install that names none. */
    public static final String DEFAULT_EMBEDDER = "minilm";

    public static final String SOURCES = "PAPERBOY_SOURCES";
    public static final String HF_ENDPOINT = "PAPERBOY_HF_ENDPOINT";
    /** The arXiv OAI-PMH endpoint under the name the scheduled sources use; same value as {@link #ARXIV_OAI_URL}. */
    public static final String ARXIV_OAI_ENDPOINT = "PAPERBOY_ARXIV_OAI_ENDPOINT";

    public static final String ARXIV_SETS = "PAPERBOY_ARXIV_SETS";
    public static final String SOURCES_EVERY = "PAPERBOY_SOURCES_EVERY";
    public static final String SOURCES_BACKFILL_DAYS = "PAPERBOY_SOURCES_BACKFILL_DAYS";
    public static final String MIRROR_URL = "PAPERBOY_MIRROR_URL";
    public static final String REMOTE_IMAGES = "PAPERBOY_REMOTE_IMAGES";

    /**
     * What {@code serve} fetches by itself: the source names in order ({@code hf-daily},
     * {@code arxiv}, {@code paperboy}; empty when {@code PAPERBOY_SOURCES=none}), the Hugging Face
     * site, the arXiv sets, the hf-daily period, how many days a first run reaches back, the
     * Paperboy to mirror ({@code null} unless the {@code paperboy} source is on), and whether pages
     * may show images from other sites (thumbnails).
     */
    public record Sources(
            List<String> names,
            URI hfEndpoint,
            List<String> arxivSets,
            Duration every,
            int backfillDays,
            URI mirrorUrl,
            boolean remoteImages) {

        /** Every source name {@code PAPERBOY_SOURCES} accepts. */
        public static final List<String> KNOWN = List.of("hf-daily", "arxiv", "paperboy");

        /** Nothing fetched by itself (tests, offline installs); the other values are the defaults. */
        public static final Sources NONE = new Sources(
                List.of(), URI.create("https://huggingface.co"), List.of("cs"), Duration.ofHours(1), 7, null, true);

        public Sources {
            names = List.copyOf(names);
            arxivSets = List.copyOf(arxivSets);
        }

        /** True when {@code name} is switched on. */
        public boolean on(String name) {
            return names.contains(name);
        }

        /** This with other source names. */
        public Sources withNames(List<String> other) {
            return new Sources(other, hfEndpoint, arxivSets, every, backfillDays, mirrorUrl, remoteImages);
        }
    }

    /** When {@code serve} sends the digests by default: 07:00 UTC. */
    public static final LocalTime DEFAULT_DIGEST_TIME = LocalTime.of(7, 0);

    public PaperboyConfig {
        admins = List.copyOf(admins);
        host = host == null ? "127.0.0.1" : host;
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        digestZone = digestZone == null ? ZoneOffset.UTC : digestZone;
        sources = sources == null ? Sources.NONE : sources;
        embedder = embedder == null ? DEFAULT_EMBEDDER : embedder;
        vectors = vectors == null ? "int8" : vectors;
        solr = solr == null ? Solr.NONE : solr;
    }

    /** A configuration with the embedded search index. */
    public PaperboyConfig(
            Path dataDir,
            String dbUrl,
            int port,
            URI baseUrl,
            String smtpHost,
            int smtpPort,
            String smtpUser,
            String smtpPassword,
            SmtpTls smtpTls,
            String mailFrom,
            List<String> admins,
            URI arxivApiUrl,
            URI arxivOaiUrl,
            LocalTime digestTime,
            ZoneId digestZone,
            Sources sources,
            String host,
            List<String> trustedProxies,
            String embedder,
            String vectors) {
        this(
                dataDir,
                dbUrl,
                port,
                baseUrl,
                smtpHost,
                smtpPort,
                smtpUser,
                smtpPassword,
                smtpTls,
                mailFrom,
                admins,
                arxivApiUrl,
                arxivOaiUrl,
                digestTime,
                digestZone,
                sources,
                host,
                trustedProxies,
                embedder,
                vectors,
                null);
    }

    /** A configuration with the default embedder. */
    public PaperboyConfig(
            Path dataDir,
            String dbUrl,
            int port,
            URI baseUrl,
            String smtpHost,
            int smtpPort,
            String smtpUser,
            String smtpPassword,
            SmtpTls smtpTls,
            String mailFrom,
            List<String> admins,
            URI arxivApiUrl,
            URI arxivOaiUrl,
            LocalTime digestTime,
            ZoneId digestZone,
            Sources sources,
            String host,
            List<String> trustedProxies) {
        this(
                dataDir,
                dbUrl,
                port,
                baseUrl,
                smtpHost,
                smtpPort,
                smtpUser,
                smtpPassword,
                smtpTls,
                mailFrom,
                admins,
                arxivApiUrl,
                arxivOaiUrl,
                digestTime,
                digestZone,
                sources,
                host,
                trustedProxies,
                null,
                null);
    }

    /** A configuration without scheduled sources (as {@code PAPERBOY_SOURCES=none}). */
    public PaperboyConfig(
            Path dataDir,
            String dbUrl,
            int port,
            URI baseUrl,
            String smtpHost,
            int smtpPort,
            String smtpUser,
            String smtpPassword,
            SmtpTls smtpTls,
            String mailFrom,
            List<String> admins,
            URI arxivApiUrl,
            URI arxivOaiUrl,
            LocalTime digestTime,
            ZoneId digestZone) {
        this(
                dataDir,
                dbUrl,
                port,
                baseUrl,
                smtpHost,
                smtpPort,
                smtpUser,
                smtpPassword,
                smtpTls,
                mailFrom,
                admins,
                arxivApiUrl,
                arxivOaiUrl,
                digestTime,
                digestZone,
                Sources.NONE,
                null,
                null);
    }

    /** A configuration binding the default host (127.0.0.1) and trusting no proxy. */
    public PaperboyConfig(
            Path dataDir,
            String dbUrl,
            int port,
            URI baseUrl,
            String smtpHost,
            int smtpPort,
            String smtpUser,
            String smtpPassword,
            SmtpTls smtpTls,
            String mailFrom,
            List<String> admins,
            URI arxivApiUrl,
            URI arxivOaiUrl,
            LocalTime digestTime,
            ZoneId digestZone,
            Sources sources) {
        this(
                dataDir,
                dbUrl,
                port,
                baseUrl,
                smtpHost,
                smtpPort,
                smtpUser,
                smtpPassword,
                smtpTls,
                mailFrom,
                admins,
                arxivApiUrl,
                arxivOaiUrl,
                digestTime,
                digestZone,
                sources,
                null,
                null);
    }

    /** This configuration with another database (e.g. a benchmark's scratch store). */
    public PaperboyConfig withDbUrl(String url) {
        return new PaperboyConfig(
                dataDir,
                url,
                port,
                baseUrl,
                smtpHost,
                smtpPort,
                smtpUser,
                smtpPassword,
                smtpTls,
                mailFrom,
                admins,
                arxivApiUrl,
                arxivOaiUrl,
                digestTime,
                digestZone,
                sources,
                host,
                trustedProxies,
                embedder,
                vectors,
                solr);
    }

    /** This configuration with other scheduled sources. */
    public PaperboyConfig withSources(Sources other) {
        return new PaperboyConfig(
                dataDir,
                dbUrl,
                port,
                baseUrl,
                smtpHost,
                smtpPort,
                smtpUser,
                smtpPassword,
                smtpTls,
                mailFrom,
                admins,
                arxivApiUrl,
                arxivOaiUrl,
                digestTime,
                digestZone,
                other,
                host,
                trustedProxies,
                embedder,
                vectors,
                solr);
    }

    /**
     * Resolves the configuration from command-line {@code flags} and the {@code env}ironment,
     * both keyed by the {@code PAPERBOY_*} names, plus the properties file in the data directory.
     */
    public static PaperboyConfig load(Map<String, String> flags, Map<String, String> env) {
        String dataValue = first(flags.get(DATA), env.get(DATA), "data");
        Path dataDir = Path.of(dataValue);
        Map<String, String> file = readFile(dataDir.resolve("paperboy.properties"));
        Source s = key -> first(flags.get(key), env.get(key), file.get(key));

        int port = port(PORT, first(s.get(PORT), "8080"));
        String db =
                first(s.get(DB), "jdbc:sqlite:" + dataDir.resolve("paperboy.db").toAbsolutePath());
        if (!db.startsWith("jdbc:sqlite:") && !db.startsWith("jdbc:postgresql:")) {
            throw new ConfigException(DB + "='" + mask(db) + "' is not supported; use jdbc:sqlite:FILE or "
                    + "jdbc:postgresql://HOST:PORT/DB?user=...&password=...");
        }
        URI base = url(BASE_URL, first(s.get(BASE_URL), "http://localhost:" + port));
        String tls = first(s.get(SMTP_TLS), "none").toUpperCase(Locale.ROOT);
        SmtpTls smtpTls;
        try {
            smtpTls = SmtpTls.valueOf(tls);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SMTP_TLS + "='" + s.get(SMTP_TLS) + "' is not one of none, starttls, ssl");
        }
        String from = first(s.get(MAIL_FROM), "paperboy@localhost");
        if (!from.contains("@")) {
            throw new ConfigException(
                    MAIL_FROM + "='" + from + "' is not an e-mail address; set e.g. papers@example.org");
        }
        List<String> admins = new ArrayList<>();
        String adminList = s.get(ADMINS);
        for (String a : (adminList == null ? "" : adminList).split(",")) {
            String v = a.strip().toLowerCase(Locale.ROOT);
            if (v.isEmpty()) {
                continue;
            }
            if (!v.contains("@")) {
                throw new ConfigException(ADMINS + " entry '" + a.strip() + "' is not an e-mail address; "
                        + "use a comma-separated list such as alice@example.org,bob@example.org");
            }
            admins.add(v);
        }
        return new PaperboyConfig(
                dataDir,
                db,
                port,
                base,
                first(s.get(SMTP_HOST), "localhost"),
                port(SMTP_PORT, first(s.get(SMTP_PORT), "25")),
                s.get(SMTP_USER),
                s.get(SMTP_PASSWORD),
                smtpTls,
                from,
                admins,
                url(ARXIV_API_URL, first(s.get(ARXIV_API_URL), "https://export.arxiv.org/api")),
                oaiUrl(s),
                digestTime(first(s.get(DIGEST_TIME), "07:00")),
                zone(first(s.get(DIGEST_ZONE), "UTC")),
                sources(s),
                first(s.get(HOST), "127.0.0.1"),
                proxies(s.get(TRUSTED_PROXIES)),
                embedder(first(s.get(EMBEDDER), DEFAULT_EMBEDDER)),
                vectors(first(s.get(VECTORS), "int8")),
                solr(s));
    }

    /** This configuration with search on {@code other} (a test's cluster, a scratch collection). */
    public PaperboyConfig withSolr(Solr other) {
        return new PaperboyConfig(
                dataDir,
                dbUrl,
                port,
                baseUrl,
                smtpHost,
                smtpPort,
                smtpUser,
                smtpPassword,
                smtpTls,
                mailFrom,
                admins,
                arxivApiUrl,
                arxivOaiUrl,
                digestTime,
                digestZone,
                sources,
                host,
                trustedProxies,
                embedder,
                vectors,
                other);
    }

    private static Solr solr(Source s) {
        String zk = s.get(SOLR_ZK);
        String urlList = s.get(SOLR_URL);
        if (zk != null && urlList != null) {
            throw new ConfigException(SOLR_ZK + "='" + zk + "' and " + SOLR_URL + "='" + urlList
                    + "' are both set; set only one: ZooKeeper finds the cluster's nodes by itself");
        }
        if (zk != null && !zk.strip().matches("[A-Za-z0-9._-]+:\\d+(,[A-Za-z0-9._-]+:\\d+)*(/[A-Za-z0-9._/-]*)?")) {
            throw new ConfigException(SOLR_ZK + "='" + zk + "' is not a ZooKeeper address; use HOST:PORT[,HOST:PORT...]"
                    + "[/chroot], e.g. zk1:2181,zk2:2181,zk3:2181/solr");
        }
        List<URI> urls = new ArrayList<>();
        for (String part : (urlList == null ? "" : urlList).split(",")) {
            if (!part.isBlank()) {
                urls.add(url(SOLR_URL, part.strip().replaceAll("/+$", "")));
            }
        }
        if (urlList != null && urls.isEmpty()) {
            throw new ConfigException(
                    SOLR_URL + "='" + urlList + "' names no Solr node; use e.g. http://solr1:8983/solr");
        }
        String collection = first(s.get(SOLR_COLLECTION), Solr.NONE.collection());
        if (!collection.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new ConfigException(SOLR_COLLECTION + "='" + collection
                    + "' is not a collection name; use letters, digits, '.', '_' and '-', e.g. paperboy");
        }
        return new Solr(
                zk == null ? null : zk.strip(),
                urls,
                collection,
                count(SOLR_SHARDS, first(s.get(SOLR_SHARDS), Integer.toString(Solr.NONE.shards()))),
                count(SOLR_REPLICAS, first(s.get(SOLR_REPLICAS), Integer.toString(Solr.NONE.replicas()))));
    }

    /** A count from 1 to 64 (shards, replicas). */
    private static int count(String key, String value) {
        int n;
        try {
            n = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1 || n > 64) {
            throw new ConfigException(key + "='" + value + "' is not a number from 1 to 64; use e.g. 2");
        }
        return n;
    }

    /** One of {@link #VECTOR_ENCODINGS}, case-insensitive. */
    private static String vectors(String value) {
        String name = value.toLowerCase(Locale.ROOT);
        if (!VECTOR_ENCODINGS.contains(name)) {
            throw new ConfigException(VECTORS + "='" + value + "' is not a vector encoding; use one of "
                    + String.join(", ", VECTOR_ENCODINGS) + " (docs/embedders.md)");
        }
        return name;
    }

    /** One of {@link #EMBEDDERS}, case-insensitive. */
    private static String embedder(String value) {
        String name = value.toLowerCase(Locale.ROOT);
        if (!EMBEDDERS.contains(name)) {
            throw new ConfigException(EMBEDDER + "='" + value + "' is not an embedder; use one of "
                    + String.join(", ", EMBEDDERS) + " (docs/embedders.md)");
        }
        return name;
    }

    /** Comma-separated IP addresses of reverse proxies whose {@code X-Forwarded-For} is believed. */
    private static List<String> proxies(String value) {
        List<String> out = new ArrayList<>();
        for (String a : (value == null ? "" : value).split(",")) {
            String v = a.strip();
            if (v.isEmpty()) {
                continue;
            }
            if (!v.matches("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
                throw new ConfigException(TRUSTED_PROXIES + " entry '" + v + "' is not an IP address; list the "
                        + "addresses of your reverse proxies, e.g. 127.0.0.1,::1 (names and ranges are not read)");
            }
            out.add(v);
        }
        return out;
    }

    /** PAPERBOY_ARXIV_OAI_ENDPOINT or its older name PAPERBOY_ARXIV_OAI_URL; both set must agree. */
    private static URI oaiUrl(Source s) {
        String endpoint = s.get(ARXIV_OAI_ENDPOINT);
        String old = s.get(ARXIV_OAI_URL);
        if (endpoint != null && old != null && !endpoint.equals(old)) {
            throw new ConfigException(ARXIV_OAI_ENDPOINT + "='" + endpoint + "' and " + ARXIV_OAI_URL + "='" + old
                    + "' disagree; they name the same endpoint, set only " + ARXIV_OAI_ENDPOINT);
        }
        return endpoint != null
                ? url(ARXIV_OAI_ENDPOINT, endpoint)
                : url(ARXIV_OAI_URL, first(old, "https://oaipmh.arxiv.org/oai"));
    }

    private static Sources sources(Source s) {
        String list = first(s.get(SOURCES), "hf-daily,arxiv");
        List<String> names = new ArrayList<>();
        if (!list.equalsIgnoreCase("none")) {
            for (String part : list.split(",")) {
                String n = part.strip().toLowerCase(Locale.ROOT);
                if (n.isEmpty()) {
                    continue;
                }
                if (!Sources.KNOWN.contains(n)) {
                    throw new ConfigException(SOURCES + " entry '" + part.strip() + "' is not a source; use a "
                            + "comma-separated list of " + String.join(", ", Sources.KNOWN)
                            + ", or none for no scheduled fetching");
                }
                if (!names.contains(n)) {
                    names.add(n);
                }
            }
            if (names.isEmpty()) {
                throw new ConfigException(
                        SOURCES + "='" + list + "' names no source; use e.g. hf-daily,arxiv, or none");
            }
        }
        List<String> sets = new ArrayList<>();
        String setList = first(s.get(ARXIV_SETS), "cs");
        for (String part : setList.split(",")) {
            String set = part.strip();
            if (set.isEmpty()) {
                continue;
            }
            if (!set.matches("[A-Za-z0-9][A-Za-z0-9.:_-]*")) {
                throw new ConfigException(ARXIV_SETS + " entry '" + set + "' is not an OAI-PMH set spec; use e.g. "
                        + "cs or physics:hep-th, comma-separated");
            }
            sets.add(set);
        }
        if (sets.isEmpty()) {
            throw new ConfigException(ARXIV_SETS + "='" + setList + "' names no set; use e.g. cs or cs,math");
        }
        String everyValue = first(s.get(SOURCES_EVERY), "PT1H");
        Duration every;
        try {
            every = Duration.parse(everyValue);
        } catch (java.time.format.DateTimeParseException e) {
            every = null;
        }
        if (every == null || every.compareTo(Duration.ofSeconds(1)) < 0 || every.toDays() > 7) {
            throw new ConfigException(SOURCES_EVERY + "='" + everyValue + "' is not a period from PT1S to P7D; use an "
                    + "ISO-8601 duration such as PT1H (hourly) or PT30M");
        }
        String daysValue = first(s.get(SOURCES_BACKFILL_DAYS), "7");
        int days;
        try {
            days = Integer.parseInt(daysValue);
        } catch (NumberFormatException e) {
            days = -1;
        }
        if (days < 0 || days > 3650) {
            throw new ConfigException(SOURCES_BACKFILL_DAYS + "='" + daysValue
                    + "' is not a number of days from 0 to 3650; use e.g. 7 (a week) or 30");
        }
        URI mirror = s.get(MIRROR_URL) == null ? null : url(MIRROR_URL, s.get(MIRROR_URL));
        if (names.contains("paperboy") && mirror == null) {
            throw new ConfigException(SOURCES + " has the paperboy source but " + MIRROR_URL + " is not set; set it to "
                    + "the address of the Paperboy to follow, e.g. https://papers.example.org");
        }
        String images = first(s.get(REMOTE_IMAGES), "on").toLowerCase(Locale.ROOT);
        if (!images.equals("on") && !images.equals("off")) {
            throw new ConfigException(REMOTE_IMAGES + "='" + s.get(REMOTE_IMAGES)
                    + "' is not on or off; off shows no images from other sites (thumbnails)");
        }
        return new Sources(
                names,
                url(HF_ENDPOINT, first(s.get(HF_ENDPOINT), "https://huggingface.co")),
                sets,
                every,
                days,
                mirror,
                images.equals("on"));
    }

    /**
     * True when {@code key} is given by a flag, the environment or the data directory's properties
     * file, rather than left to its default (e.g. {@code digest send} needs the real public address).
     */
    public static boolean isSet(String key, Map<String, String> flags, Map<String, String> env) {
        String dataValue = first(flags.get(DATA), env.get(DATA), "data");
        Map<String, String> file = readFile(Path.of(dataValue).resolve("paperboy.properties"));
        return first(flags.get(key), env.get(key), file.get(key)) != null;
    }

    /** {@code HH:MM}, or {@code off} (no scheduled digests; null). */
    private static LocalTime digestTime(String value) {
        if (value.equalsIgnoreCase("off")) {
            return null;
        }
        try {
            if (value.matches("\\d{2}:\\d{2}")) {
                return LocalTime.parse(value);
            }
        } catch (java.time.format.DateTimeParseException e) {
            // reported below
        }
        throw new ConfigException(DIGEST_TIME + "='" + value
                + "' is not a time of day; use HH:MM on a 24-hour clock, e.g. 07:00, or off to send digests only "
                + "with 'paperboy digest send'");
    }

    private static ZoneId zone(String value) {
        try {
            return ZoneId.of(value).normalized();
        } catch (java.time.DateTimeException e) {
            throw new ConfigException(DIGEST_ZONE + "='" + value
                    + "' is not a time zone; use a region like Europe/Berlin or America/New_York, or UTC");
        }
    }

    /**
     * Development mode: the public address is this machine (the default). Sign-in links are then
     * also written to the log, so a fresh install can sign in without a mail server.
     */
    public boolean development() {
        String h = baseUrl.getHost();
        return h == null || h.equals("localhost") || h.equals("127.0.0.1") || h.equals("[::1]");
    }

    /** The rejects directory inside the data directory. */
    public Path rejectsDir() {
        return dataDir.resolve("rejects");
    }

    /** One line per key with secrets masked, for the start-up log. */
    public String describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(DATA, dataDir.toAbsolutePath());
        m.put(DB, mask(dbUrl));
        m.put(PORT, port);
        m.put(BASE_URL, baseUrl);
        m.put(SMTP_HOST, smtpHost);
        m.put(SMTP_PORT, smtpPort);
        m.put(SMTP_USER, smtpUser == null ? "" : smtpUser);
        m.put(SMTP_PASSWORD, smtpPassword == null ? "" : "****");
        m.put(SMTP_TLS, smtpTls.name().toLowerCase(Locale.ROOT));
        m.put(MAIL_FROM, mailFrom);
        m.put(ADMINS, String.join(",", admins));
        m.put(ARXIV_API_URL, arxivApiUrl);
        m.put(ARXIV_OAI_URL, arxivOaiUrl);
        m.put(DIGEST_TIME, digestTime == null ? "off" : digestTime);
        m.put(DIGEST_ZONE, digestZone.equals(ZoneOffset.UTC) ? "UTC" : digestZone);
        m.put(SOURCES, sources.names().isEmpty() ? "none" : String.join(",", sources.names()));
        m.put(HF_ENDPOINT, sources.hfEndpoint());
        m.put(ARXIV_SETS, String.join(",", sources.arxivSets()));
        m.put(SOURCES_EVERY, sources.every());
        m.put(SOURCES_BACKFILL_DAYS, sources.backfillDays());
        m.put(MIRROR_URL, sources.mirrorUrl() == null ? "" : sources.mirrorUrl());
        m.put(REMOTE_IMAGES, sources.remoteImages() ? "on" : "off");
        m.put(HOST, host);
        m.put(TRUSTED_PROXIES, String.join(",", trustedProxies));
        m.put(EMBEDDER, embedder);
        m.put(VECTORS, vectors);
        m.put(SOLR_ZK, solr.zk() == null ? "" : solr.zk());
        m.put(SOLR_URL, String.join(",", solr.urls().stream().map(URI::toString).toList()));
        m.put(SOLR_COLLECTION, solr.collection());
        m.put(SOLR_SHARDS, solr.shards());
        m.put(SOLR_REPLICAS, solr.replicas());
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) ->
                sb.append(sb.length() == 0 ? "" : "\n").append(k).append('=').append(v));
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe().replace('\n', ' ');
    }

    /** Masks passwords in JDBC URLs. */
    public static String mask(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1****").replaceAll("//([^/:@]+):[^@/]*@", "//$1:****@");
    }

    private interface Source {
        String get(String key);
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    private static int port(String key, String value) {
        try {
            int p = Integer.parseInt(value);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(key + "='" + value + "' is not a port number; use 1-65535 (0 picks a free port)");
    }

    private static URI url(String key, String value) {
        try {
            URI u = new URI(value);
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) {
                return u;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new ConfigException(key + "='" + value + "' is not an http(s) URL; use e.g. https://papers.example.org");
    }

    private static Map<String, String> readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(file + " cannot be read: " + e.getMessage());
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
            if (!List.of(keys()).contains(k)) {
                throw new ConfigException(file + ": unknown key '" + k + "'; keys are " + Arrays.toString(keys()));
            }
            if (k.equals(DATA)) {
                // The file is found through the data directory, so it cannot move it.
                throw new ConfigException(file + ": " + DATA + " cannot be set in the data directory's own file; "
                        + "set it with --data or the environment");
            }
            m.put(k, p.getProperty(k));
        }
        return m;
    }

    private static String[] keys() {
        return new String[] {
            DATA,
            DB,
            PORT,
            BASE_URL,
            SMTP_HOST,
            SMTP_PORT,
            SMTP_USER,
            SMTP_PASSWORD,
            SMTP_TLS,
            MAIL_FROM,
            ADMINS,
            ARXIV_API_URL,
            ARXIV_OAI_URL,
            DIGEST_TIME,
            DIGEST_ZONE,
            SOURCES,
            HF_ENDPOINT,
            ARXIV_OAI_ENDPOINT,
            ARXIV_SETS,
            SOURCES_EVERY,
            SOURCES_BACKFILL_DAYS,
            MIRROR_URL,
            REMOTE_IMAGES,
            HOST,
            TRUSTED_PROXIES,
            EMBEDDER,
            VECTORS,
            SOLR_ZK,
            SOLR_URL,
            SOLR_COLLECTION,
            SOLR_SHARDS,
            SOLR_REPLICAS
        };
    }
}
