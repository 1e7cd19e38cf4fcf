package org.paperboy.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        ZoneId digestZone) {

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

    /** When {@code serve} sends the digests by default: 07:00 UTC. */
    public static final LocalTime DEFAULT_DIGEST_TIME = LocalTime.of(7, 0);

    public PaperboyConfig {
        admins = List.copyOf(admins);
        digestZone = digestZone == null ? ZoneOffset.UTC : digestZone;
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
                digestZone);
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
                url(ARXIV_OAI_URL, first(s.get(ARXIV_OAI_URL), "https://oaipmh.arxiv.org/oai")),
                digestTime(first(s.get(DIGEST_TIME), "07:00")),
                zone(first(s.get(DIGEST_ZONE), "UTC")));
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
            DIGEST_ZONE
        };
    }
}
