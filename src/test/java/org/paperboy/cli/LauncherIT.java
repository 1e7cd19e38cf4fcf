package org.paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./paperboy} and {@code ./mvnw} find a JDK 21 or newer the same way (one shared script)
 * on a machine whose default {@code java} is older: the real scripts, run by bash with a fake JDK
 * 17 first on {@code PATH}, {@code JAVA_HOME} unset or wrong, and {@code PAPERBOY_JDK_DIRS} naming
 * where the real JDK is (or nothing suitable).
 */
class LauncherIT {

    @TempDir
    Path dir;

    Path old;
    Path jdks;
    Path realJdk = Path.of(System.getProperty("java.home"));

    @BeforeEach
    void fakeAnOldJdk() throws IOException {
        old = dir.resolve("jdk-17");
        Files.createDirectories(old.resolve("bin"));
        Path java = old.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"17.0.15\" 2025-04-15' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(old.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
        jdks = Files.createDirectories(dir.resolve("jvm"));
    }

    @Test
    void mvnw_finds_a_jdk_21_or_newer_by_itself_as_the_launcher_does() throws Exception {
        Files.createSymbolicLink(jdks.resolve("good"), realJdk);

        Result r = run(null, "./mvnw", "-v");

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("runtime: " + realJdk.toRealPath());
    }

    @Test
    void mvnw_passes_over_a_java_home_older_than_21() throws Exception {
        Files.createSymbolicLink(jdks.resolve("good"), realJdk);

        Result r = run(old, "./mvnw", "-v");

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("runtime: " + realJdk.toRealPath());
    }

    @Test
    void both_scripts_name_what_they_found_when_no_jdk_is_new_enough() throws Exception {
        String found = "(found: 17.0.15 at " + old + ")"; // JAVA_HOME and PATH: one binary, named once

        Result mvnw = run(old, "./mvnw", "-v");
        Result launcher = run(old, "./paperboy", "--version");

        String advice = "; install one, e.g. apt-get install openjdk-21-jdk or Temurin 21, or set JAVA_HOME";
        assertThat(mvnw.exit()).isEqualTo(1);
        assertThat(mvnw.output()).isEqualTo("mvnw: needs a JDK 21 or newer " + found + advice + "\n");
        assertThat(launcher.exit()).isEqualTo(1);
        assertThat(launcher.output()).isEqualTo("paperboy: needs a JDK 21 or newer " + found + advice + "\n");
    }

    @Test
    void the_launcher_keeps_the_incubator_warning_from_users() throws Exception {
        Result r = run(realJdk, "./paperboy", "--version");

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).isEqualTo("paperboy dev\n");
    }

    @Test
    void a_build_that_rewrites_the_jar_in_place_leaves_a_running_serve_whole() throws Exception {
        // A copy of the launcher beside the built jar and its libraries, with no sources to rebuild from.
        Path root = Files.createDirectories(dir.resolve("paperboy"));
        Files.copy(Path.of("paperboy"), root.resolve("paperboy"));
        Files.createDirectories(root.resolve(".mvn"));
        Files.copy(Path.of(".mvn/find-jdk.sh"), root.resolve(".mvn/find-jdk.sh"));
        Path jar = Files.createDirectories(root.resolve("target")).resolve("paperboy.jar");
        Files.copy(Path.of("target/paperboy.jar"), jar);
        Files.createSymbolicLink(
                root.resolve("target/lib"), Path.of("target/lib").toAbsolutePath());

        ProcessBuilder pb = new ProcessBuilder(
                        root.resolve("paperboy").toString(),
                        "--data",
                        dir.resolve("data").toString(),
                        "serve",
                        "--port",
                        "0",
                        "--host",
                        "127.0.0.1")
                .redirectError(dir.resolve("serve.err").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PAPERBOY_"));
        pb.environment().put("PAPERBOY_SOURCES", "none");
        pb.environment().put("JAVA_HOME", realJdk.toString());
        Process serve = pb.start();
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            String line = serve.inputReader(StandardCharsets.UTF_8).readLine();
            assertThat(line).as(Files.readString(dir.resolve("serve.err"))).startsWith("Paperboy listening on ");
            java.net.URI css =
                    java.net.URI.create(line.substring("Paperboy listening on ".length()) + "static/site.css");
            var before = http.send(
                    java.net.http.HttpRequest.newBuilder(css).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(before.statusCode()).isEqualTo(200);

            // As Maven's jar plugin does: the same file, truncated and written again.
            Files.write(jar, new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0});

            var after = http.send(
                    java.net.http.HttpRequest.newBuilder(css).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(after.body()).isEqualTo(before.body());
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    record Result(int exit, String output) {}

    /** Runs {@code command} in the project directory with the old JDK first on PATH. */
    private Result run(Path javaHome, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", old.resolve("bin") + ":/usr/local/bin:/usr/bin:/bin");
        pb.environment().put("HOME", System.getProperty("user.home"));
        pb.environment().put("PAPERBOY_JDK_DIRS", jdks.toString());
        if (javaHome != null) {
            pb.environment().put("JAVA_HOME", javaHome.toString());
        }
        Process p = pb.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), output);
    }
}
