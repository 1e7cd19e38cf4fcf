package org.paperboy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaperboyConfigTest {

    @TempDir
    Path data;

    private Map<String, String> flags(String... keyValues) {
        Map<String, String> m = new HashMap<>();
        m.put(PaperboyConfig.DATA, data.toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private PaperboyConfig load(String... flagKeyValues) {
        return PaperboyConfig.load(flags(flagKeyValues), Map.of());
    }

    private void writeProperties(String content) throws IOException {
        Files.writeString(data.resolve("paperboy.properties"), content, StandardCharsets.UTF_8);
    }

    @Test
    void has_working_defaults() {
        PaperboyConfig c = load();

        assertThat(c)
                .isEqualTo(new PaperboyConfig(
                        data,
                        "jdbc:sqlite:" + data.resolve("paperboy.db").toAbsolutePath(),
                        8080,
                        URI.create("http://localhost:8080"),
                        "localhost",
                        25,
                        null,
                        null,
                        PaperboyConfig.SmtpTls.NONE,
                        "paperboy@localhost",
                        List.of(),
                        URI.create("https://export.arxiv.org/api"),
                        URI.create("https://oaipmh.arxiv.org/oai"),
                        PaperboyConfig.DEFAULT_DIGEST_TIME,
                        java.time.ZoneOffset.UTC,
                        PaperboyConfig.Sources.NONE.withNames(List.of("hf-daily", "arxiv"))));
        assertThat(c.rejectsDir()).isEqualTo(data.resolve("rejects"));
    }

    @Test
    void search_moves_to_solrcloud_when_a_zookeeper_address_or_solr_urls_are_set() {
        assertThat(load().solr()).isEqualTo(PaperboyConfig.Solr.NONE);
        assertThat(load().solr().on()).isFalse();

        PaperboyConfig.Solr zk = load(
                        PaperboyConfig.SOLR_ZK, "zk1:2181,zk2:2181/solr",
                        PaperboyConfig.SOLR_SHARDS, "4",
                        PaperboyConfig.SOLR_REPLICAS, "3")
                .solr();
        assertThat(zk).isEqualTo(new PaperboyConfig.Solr("zk1:2181,zk2:2181/solr", List.of(), "paperboy", 4, 3));
        assertThat(zk.on()).isTrue();

        PaperboyConfig.Solr urls = load(
                        PaperboyConfig.SOLR_URL, "http://solr1:8983/solr/, http://solr2:8983/solr",
                        PaperboyConfig.SOLR_COLLECTION, "papers-2026")
                .solr();
        assertThat(urls.urls())
                .containsExactly(URI.create("http://solr1:8983/solr"), URI.create("http://solr2:8983/solr"));
        assertThat(urls.collection()).isEqualTo("papers-2026");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            PAPERBOY_SOLR_ZK         | zk1         | PAPERBOY_SOLR_ZK='zk1' is not a ZooKeeper address; use HOST:PORT[,HOST:PORT...][/chroot], e.g. zk1:2181,zk2:2181,zk3:2181/solr
            PAPERBOY_SOLR_URL        | solr1:8983  | PAPERBOY_SOLR_URL='solr1:8983' is not an http(s) URL; use e.g. https://papers.example.org
            PAPERBOY_SOLR_SHARDS     | 0           | PAPERBOY_SOLR_SHARDS='0' is not a number from 1 to 64; use e.g. 2
            PAPERBOY_SOLR_REPLICAS   | two         | PAPERBOY_SOLR_REPLICAS='two' is not a number from 1 to 64; use e.g. 2
            PAPERBOY_SOLR_COLLECTION | my papers   | PAPERBOY_SOLR_COLLECTION='my papers' is not a collection name; use letters, digits, '.', '_' and '-', e.g. paperboy
            """)
    void rejects_a_bad_solr_setting_naming_the_key_and_the_fix(String key, String value, String message) {
        assertThatThrownBy(() -> load(key, value))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void refuses_a_zookeeper_address_and_solr_urls_together() {
        assertThatThrownBy(
                        () -> load(PaperboyConfig.SOLR_ZK, "zk:2181", PaperboyConfig.SOLR_URL, "http://solr:8983/solr"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("PAPERBOY_SOLR_ZK='zk:2181' and PAPERBOY_SOLR_URL='http://solr:8983/solr' are both set; "
                        + "set only one: ZooKeeper finds the cluster's nodes by itself");
    }

    @Test
    void the_embedder_is_minilm_and_the_vectors_int8_unless_others_are_named_in_any_case() {
        assertThat(load().embedder()).isEqualTo("minilm");
        assertThat(load(PaperboyConfig.EMBEDDER, "BGE-Small").embedder()).isEqualTo("bge-small");
        assertThat(load(PaperboyConfig.EMBEDDER, " student ").embedder()).isEqualTo("student");
        assertThat(load(PaperboyConfig.EMBEDDER, "bge-small").describe()).contains("PAPERBOY_EMBEDDER=bge-small");
        assertThat(load().vectors()).isEqualTo("int8");
        assertThat(load(PaperboyConfig.VECTORS, "INT4").vectors()).isEqualTo("int4");
    }

    @Test
    void binds_this_machine_only_unless_a_host_is_given_and_reads_trusted_proxies() {
        assertThat(load().host()).isEqualTo("127.0.0.1");
        assertThat(load().trustedProxies()).isEmpty();
        PaperboyConfig c = load(PaperboyConfig.HOST, "0.0.0.0", PaperboyConfig.TRUSTED_PROXIES, "10.0.0.1, ::1");

        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.trustedProxies()).containsExactly("10.0.0.1", "::1");
        assertThatThrownBy(() -> load(PaperboyConfig.TRUSTED_PROXIES, "proxy.example.org"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("PAPERBOY_TRUSTED_PROXIES entry 'proxy.example.org' is not an IP address; list the "
                        + "addresses of your reverse proxies, e.g. 127.0.0.1,::1 (names and ranges are not read)");
    }

    @Test
    void development_mode_is_a_public_address_on_this_machine() {
        assertThat(load().development()).isTrue();
        assertThat(load(PaperboyConfig.BASE_URL, "https://papers.example.org").development())
                .isFalse();
    }

    @Test
    void derives_the_default_base_url_from_the_port() {
        assertThat(load(PaperboyConfig.PORT, "9000").baseUrl()).isEqualTo(URI.create("http://localhost:9000"));
    }

    @Test
    void takes_the_data_directory_from_the_environment_when_there_is_no_flag() {
        PaperboyConfig c = PaperboyConfig.load(Map.of(), Map.of(PaperboyConfig.DATA, data.toString()));

        assertThat(c.dataDir()).isEqualTo(data);
    }

    @Test
    void prefers_a_flag_to_the_environment_to_the_file_to_the_default() throws IOException {
        writeProperties("PAPERBOY_PORT=7000\nPAPERBOY_SMTP_HOST=file.example.org\n");
        Map<String, String> env = Map.of(PaperboyConfig.PORT, "7001", PaperboyConfig.SMTP_PORT, "2501");

        PaperboyConfig all = PaperboyConfig.load(flags(PaperboyConfig.PORT, "7002"), env);
        PaperboyConfig noFlag = PaperboyConfig.load(flags(), env);
        PaperboyConfig fileOnly = PaperboyConfig.load(flags(), Map.of());

        assertThat(all.port()).isEqualTo(7002);
        assertThat(noFlag.port()).isEqualTo(7001);
        assertThat(fileOnly.port()).isEqualTo(7000);
        assertThat(all.smtpHost()).isEqualTo("file.example.org");
        assertThat(all.smtpPort()).isEqualTo(2501);
        assertThat(fileOnly.smtpPort()).isEqualTo(25);
    }

    @Test
    void skips_a_blank_value_for_the_next_source() throws IOException {
        writeProperties("PAPERBOY_MAIL_FROM=papers@example.org\n");

        PaperboyConfig c =
                PaperboyConfig.load(flags(PaperboyConfig.MAIL_FROM, "  "), Map.of(PaperboyConfig.MAIL_FROM, ""));

        assertThat(c.mailFrom()).isEqualTo("papers@example.org");
    }

    @Test
    void strips_values() {
        assertThat(load(PaperboyConfig.PORT, " 8081 ").port()).isEqualTo(8081);
    }

    @Test
    void reads_every_setting() {
        PaperboyConfig c = load(
                PaperboyConfig.DB, "jdbc:postgresql://db.example.org:5432/papers?user=pb&password=s3cret",
                PaperboyConfig.PORT, "0",
                PaperboyConfig.BASE_URL, "https://papers.example.org",
                PaperboyConfig.SMTP_HOST, "smtp.example.org",
                PaperboyConfig.SMTP_PORT, "465",
                PaperboyConfig.SMTP_USER, "mailer",
                PaperboyConfig.SMTP_PASSWORD, "hunter2",
                PaperboyConfig.SMTP_TLS, "StartTLS",
                PaperboyConfig.MAIL_FROM, "papers@example.org",
                PaperboyConfig.ADMINS, " Alice@Example.org, ,bob@example.org,",
                PaperboyConfig.ARXIV_API_URL, "http://127.0.0.1:9999/api",
                PaperboyConfig.ARXIV_OAI_URL, "http://127.0.0.1:9999/oai");

        assertThat(c)
                .isEqualTo(new PaperboyConfig(
                        data,
                        "jdbc:postgresql://db.example.org:5432/papers?user=pb&password=s3cret",
                        0,
                        URI.create("https://papers.example.org"),
                        "smtp.example.org",
                        465,
                        "mailer",
                        "hunter2",
                        PaperboyConfig.SmtpTls.STARTTLS,
                        "papers@example.org",
                        List.of("alice@example.org", "bob@example.org"),
                        URI.create("http://127.0.0.1:9999/api"),
                        URI.create("http://127.0.0.1:9999/oai"),
                        PaperboyConfig.DEFAULT_DIGEST_TIME,
                        java.time.ZoneOffset.UTC,
                        PaperboyConfig.Sources.NONE.withNames(List.of("hf-daily", "arxiv"))));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            PAPERBOY_PORT      | eighty | PAPERBOY_PORT='eighty' is not a port number; use 1-65535 (0 picks a free port)
            PAPERBOY_PORT      | 65536  | PAPERBOY_PORT='65536' is not a port number; use 1-65535 (0 picks a free port)
            PAPERBOY_PORT      | -1     | PAPERBOY_PORT='-1' is not a port number; use 1-65535 (0 picks a free port)
            PAPERBOY_SMTP_PORT | 25x    | PAPERBOY_SMTP_PORT='25x' is not a port number; use 1-65535 (0 picks a free port)
            PAPERBOY_BASE_URL  | ftp://papers.example.org | PAPERBOY_BASE_URL='ftp://papers.example.org' is not an http(s) URL; use e.g. https://papers.example.org
            PAPERBOY_BASE_URL  | papers.example.org       | PAPERBOY_BASE_URL='papers.example.org' is not an http(s) URL; use e.g. https://papers.example.org
            PAPERBOY_BASE_URL  | http://                  | PAPERBOY_BASE_URL='http://' is not an http(s) URL; use e.g. https://papers.example.org
            PAPERBOY_ARXIV_API_URL | https://exa mple.org | PAPERBOY_ARXIV_API_URL='https://exa mple.org' is not an http(s) URL; use e.g. https://papers.example.org
            PAPERBOY_ARXIV_OAI_URL | oai                  | PAPERBOY_ARXIV_OAI_URL='oai' is not an http(s) URL; use e.g. https://papers.example.org
            PAPERBOY_SMTP_TLS  | tls1.3 | PAPERBOY_SMTP_TLS='tls1.3' is not one of none, starttls, ssl
            PAPERBOY_MAIL_FROM | papers | PAPERBOY_MAIL_FROM='papers' is not an e-mail address; set e.g. papers@example.org
            PAPERBOY_ADMINS    | alice@example.org,Bob.Example.org | PAPERBOY_ADMINS entry 'Bob.Example.org' is not an e-mail address; use a comma-separated list such as alice@example.org,bob@example.org
            PAPERBOY_DIGEST_TIME | 7am   | PAPERBOY_DIGEST_TIME='7am' is not a time of day; use HH:MM on a 24-hour clock, e.g. 07:00, or off to send digests only with 'paperboy digest send'
            PAPERBOY_DIGEST_TIME | 25:00 | PAPERBOY_DIGEST_TIME='25:00' is not a time of day; use HH:MM on a 24-hour clock, e.g. 07:00, or off to send digests only with 'paperboy digest send'
            PAPERBOY_DIGEST_ZONE | Mars/Olympus | PAPERBOY_DIGEST_ZONE='Mars/Olympus' is not a time zone; use a region like Europe/Berlin or America/New_York, or UTC
            PAPERBOY_DB        | jdbc:mysql://db/papers?user=pb&password=s3cret | PAPERBOY_DB='jdbc:mysql://db/papers?user=pb&password=****' is not supported; use jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB?user=...&password=...
            PAPERBOY_SOURCES   | hf-daily,reddit | PAPERBOY_SOURCES entry 'reddit' is not a source; use a comma-separated list of hf-daily, arxiv, paperboy, or none for no scheduled fetching
            PAPERBOY_SOURCES   | ' , '           | PAPERBOY_SOURCES=',' names no source; use e.g. hf-daily,arxiv, or none
            PAPERBOY_SOURCES   | paperboy        | PAPERBOY_SOURCES has the paperboy source but PAPERBOY_MIRROR_URL is not set; set it to the address of the Paperboy to follow, e.g. https://papers.example.org
            PAPERBOY_HF_ENDPOINT | huggingface.co | PAPERBOY_HF_ENDPOINT='huggingface.co' is not an http(s) URL; use e.g. https://papers.example.org
            PAPERBOY_ARXIV_OAI_ENDPOINT | oai   | PAPERBOY_ARXIV_OAI_ENDPOINT='oai' is not an http(s) URL; use e.g. https://papers.example.org
            PAPERBOY_ARXIV_SETS | 'cs, ma th'    | PAPERBOY_ARXIV_SETS entry 'ma th' is not an OAI-PMH set spec; use e.g. cs or physics:hep-th, comma-separated
            PAPERBOY_SOURCES_EVERY | 1h          | PAPERBOY_SOURCES_EVERY='1h' is not a period from PT1S to P7D; use an ISO-8601 duration such as PT1H (hourly) or PT30M
            PAPERBOY_SOURCES_EVERY | PT0S        | PAPERBOY_SOURCES_EVERY='PT0S' is not a period from PT1S to P7D; use an ISO-8601 duration such as PT1H (hourly) or PT30M
            PAPERBOY_SOURCES_EVERY | -PT1H       | PAPERBOY_SOURCES_EVERY='-PT1H' is not a period from PT1S to P7D; use an ISO-8601 duration such as PT1H (hourly) or PT30M
            PAPERBOY_SOURCES_BACKFILL_DAYS | week | PAPERBOY_SOURCES_BACKFILL_DAYS='week' is not a number of days from 0 to 3650; use e.g. 7 (a week) or 30
            PAPERBOY_SOURCES_BACKFILL_DAYS | -1   | PAPERBOY_SOURCES_BACKFILL_DAYS='-1' is not a number of days from 0 to 3650; use e.g. 7 (a week) or 30
            PAPERBOY_REMOTE_IMAGES | maybe       | PAPERBOY_REMOTE_IMAGES='maybe' is not on or off; off shows no images from other sites (thumbnails)
            PAPERBOY_EMBEDDER  | bge-large       | PAPERBOY_EMBEDDER='bge-large' is not an embedder; use one of minilm, bge-small, student (docs/embedders.md)
            PAPERBOY_VECTORS   | int2            | PAPERBOY_VECTORS='int2' is not a vector encoding; use one of int8, int4, bit1, float32 (docs/embedders.md)
            """)
    void rejects_an_invalid_value_naming_the_key_and_the_value(String key, String value, String message) {
        assertThatThrownBy(() -> load(key, value))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void rejects_an_invalid_value_from_the_properties_file() throws IOException {
        writeProperties("PAPERBOY_PORT=http\n");

        assertThatThrownBy(this::load)
                .isInstanceOf(ConfigException.class)
                .hasMessage("PAPERBOY_PORT='http' is not a port number; use 1-65535 (0 picks a free port)");
    }

    @Test
    void rejects_an_unknown_key_in_the_properties_file() throws IOException {
        writeProperties("PAPERBOY_PORT=8080\nPAPERBOY_PROT=8081\n");

        assertThatThrownBy(this::load)
                .isInstanceOf(ConfigException.class)
                .hasMessage(data.resolve("paperboy.properties") + ": unknown key 'PAPERBOY_PROT'; keys are "
                        + "[PAPERBOY_DATA, PAPERBOY_DB, PAPERBOY_PORT, PAPERBOY_BASE_URL, PAPERBOY_SMTP_HOST, "
                        + "PAPERBOY_SMTP_PORT, PAPERBOY_SMTP_USER, PAPERBOY_SMTP_PASSWORD, PAPERBOY_SMTP_TLS, "
                        + "PAPERBOY_MAIL_FROM, PAPERBOY_ADMINS, PAPERBOY_ARXIV_API_URL, PAPERBOY_ARXIV_OAI_URL, PAPERBOY_DIGEST_TIME, PAPERBOY_DIGEST_ZONE, "
                        + "PAPERBOY_SOURCES, PAPERBOY_HF_ENDPOINT, PAPERBOY_ARXIV_OAI_ENDPOINT, PAPERBOY_ARXIV_SETS, "
                        + "PAPERBOY_SOURCES_EVERY, PAPERBOY_SOURCES_BACKFILL_DAYS, PAPERBOY_MIRROR_URL, "
                        + "PAPERBOY_REMOTE_IMAGES, PAPERBOY_HOST, PAPERBOY_TRUSTED_PROXIES, PAPERBOY_EMBEDDER, "
                        + "PAPERBOY_VECTORS, PAPERBOY_SOLR_ZK, PAPERBOY_SOLR_URL, PAPERBOY_SOLR_COLLECTION, "
                        + "PAPERBOY_SOLR_SHARDS, PAPERBOY_SOLR_REPLICAS]");
    }

    @Test
    void rejects_a_data_directory_set_in_the_properties_file_instead_of_ignoring_it() throws IOException {
        writeProperties("PAPERBOY_DATA=/somewhere/else\n");

        assertThatThrownBy(this::load)
                .isInstanceOf(ConfigException.class)
                .hasMessage(data.resolve("paperboy.properties") + ": PAPERBOY_DATA cannot be set in the data "
                        + "directory's own file; set it with --data or the environment");
    }

    @Test
    void rejects_a_properties_file_it_cannot_parse() throws IOException {
        writeProperties("PAPERBOY_SMTP_HOST=\\u00zz\n");

        assertThatThrownBy(this::load)
                .isInstanceOf(ConfigException.class)
                .hasMessage(data.resolve("paperboy.properties") + " cannot be read: Malformed \\uxxxx encoding.");
    }

    @Test
    void ignores_a_missing_properties_file() {
        assertThat(Files.exists(data.resolve("paperboy.properties"))).isFalse();

        assertThat(load().port()).isEqualTo(8080);
    }

    @Test
    void describes_every_key_with_the_smtp_password_and_the_jdbc_password_masked() {
        PaperboyConfig c = load(
                PaperboyConfig.DB, "jdbc:postgresql://db.example.org/papers?user=pb&password=s3cret&ssl=true",
                PaperboyConfig.SMTP_USER, "mailer",
                PaperboyConfig.SMTP_PASSWORD, "hunter2",
                PaperboyConfig.ADMINS, "alice@example.org,bob@example.org");

        assertThat(c.describe()).isEqualTo("""
                PAPERBOY_DATA=%s
                PAPERBOY_DB=jdbc:postgresql://db.example.org/papers?user=pb&password=****&ssl=true
                PAPERBOY_PORT=8080
                PAPERBOY_BASE_URL=http://localhost:8080
                PAPERBOY_SMTP_HOST=localhost
                PAPERBOY_SMTP_PORT=25
                PAPERBOY_SMTP_USER=mailer
                PAPERBOY_SMTP_PASSWORD=****
                PAPERBOY_SMTP_TLS=none
                PAPERBOY_MAIL_FROM=paperboy@localhost
                PAPERBOY_ADMINS=alice@example.org,bob@example.org
                PAPERBOY_ARXIV_API_URL=https://export.arxiv.org/api
                PAPERBOY_ARXIV_OAI_URL=https://oaipmh.arxiv.org/oai
                PAPERBOY_DIGEST_TIME=07:00
                PAPERBOY_DIGEST_ZONE=UTC
                PAPERBOY_SOURCES=hf-daily,arxiv
                PAPERBOY_HF_ENDPOINT=https://huggingface.co
                PAPERBOY_ARXIV_SETS=cs
                PAPERBOY_SOURCES_EVERY=PT1H
                PAPERBOY_SOURCES_BACKFILL_DAYS=7
                PAPERBOY_MIRROR_URL=
                PAPERBOY_REMOTE_IMAGES=on
                PAPERBOY_HOST=127.0.0.1
                PAPERBOY_TRUSTED_PROXIES=
                PAPERBOY_EMBEDDER=minilm
                PAPERBOY_VECTORS=int8
                PAPERBOY_SOLR_ZK=
                PAPERBOY_SOLR_URL=
                PAPERBOY_SOLR_COLLECTION=paperboy
                PAPERBOY_SOLR_SHARDS=2
                PAPERBOY_SOLR_REPLICAS=2""".formatted(data.toAbsolutePath()));
        assertThat(c.toString()).doesNotContain("s3cret", "hunter2").doesNotContain("\n");
    }

    @Test
    void masks_a_password_given_as_jdbc_user_info() {
        PaperboyConfig c = load(PaperboyConfig.DB, "jdbc:postgresql://pb:s3cret@db.example.org:5432/papers");

        assertThat(c.describe())
                .contains("PAPERBOY_DB=jdbc:postgresql://pb:****@db.example.org:5432/papers\n")
                .doesNotContain("s3cret");
    }

    @Test
    void shows_an_unset_smtp_password_as_empty() {
        assertThat(load().describe()).contains("\nPAPERBOY_SMTP_PASSWORD=\n");
    }

    @Test
    void keeps_the_admin_list_immutable() {
        List<String> admins = load(PaperboyConfig.ADMINS, "alice@example.org").admins();

        assertThatThrownBy(() -> admins.add("eve@example.org")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void reads_the_digest_schedule_with_a_default_of_seven_utc() {
        assertThat(load().digestTime()).isEqualTo(java.time.LocalTime.of(7, 0));
        assertThat(load().digestZone()).isEqualTo(java.time.ZoneOffset.UTC);

        PaperboyConfig c = load(PaperboyConfig.DIGEST_TIME, "18:30", PaperboyConfig.DIGEST_ZONE, "Europe/Berlin");

        assertThat(c.digestTime()).isEqualTo(java.time.LocalTime.of(18, 30));
        assertThat(c.digestZone()).isEqualTo(java.time.ZoneId.of("Europe/Berlin"));
        assertThat(load(PaperboyConfig.DIGEST_TIME, "off").digestTime()).isNull();
    }

    @Test
    void reads_the_scheduled_sources_with_none_switching_them_off() {
        PaperboyConfig.Sources defaults = load().sources();
        assertThat(defaults.names()).containsExactly("hf-daily", "arxiv");
        assertThat(defaults.every()).isEqualTo(java.time.Duration.ofHours(1));
        assertThat(defaults.backfillDays()).isEqualTo(7);
        assertThat(defaults.arxivSets()).containsExactly("cs");

        assertThat(load(PaperboyConfig.SOURCES, "None").sources().names()).isEmpty();
        PaperboyConfig.Sources set = load(
                        PaperboyConfig.SOURCES, " Paperboy, hf-daily ,hf-daily",
                        PaperboyConfig.MIRROR_URL, "http://127.0.0.1:9/",
                        PaperboyConfig.HF_ENDPOINT, "http://127.0.0.1:8/",
                        PaperboyConfig.ARXIV_SETS, "cs,math",
                        PaperboyConfig.SOURCES_EVERY, "PT30M",
                        PaperboyConfig.SOURCES_BACKFILL_DAYS, "30",
                        PaperboyConfig.REMOTE_IMAGES, "off")
                .sources();
        assertThat(set)
                .isEqualTo(new PaperboyConfig.Sources(
                        List.of("paperboy", "hf-daily"),
                        URI.create("http://127.0.0.1:8/"),
                        List.of("cs", "math"),
                        java.time.Duration.ofMinutes(30),
                        30,
                        URI.create("http://127.0.0.1:9/"),
                        false));
    }

    @Test
    void takes_the_oai_endpoint_under_either_name_but_not_two_different_ones() {
        assertThat(load(PaperboyConfig.ARXIV_OAI_ENDPOINT, "http://127.0.0.1:7/oai")
                        .arxivOaiUrl())
                .isEqualTo(URI.create("http://127.0.0.1:7/oai"));

        assertThatThrownBy(() -> load(
                        PaperboyConfig.ARXIV_OAI_ENDPOINT, "http://127.0.0.1:7/oai",
                        PaperboyConfig.ARXIV_OAI_URL, "http://127.0.0.1:8/oai"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("PAPERBOY_ARXIV_OAI_ENDPOINT='http://127.0.0.1:7/oai' and "
                        + "PAPERBOY_ARXIV_OAI_URL='http://127.0.0.1:8/oai' disagree; they name the same endpoint, "
                        + "set only PAPERBOY_ARXIV_OAI_ENDPOINT");
    }
}
