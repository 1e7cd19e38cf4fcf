package org.paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ctrl-C (SIGINT), SIGTERM and {@code kill -9} while {@code import} embeds, in a separate JVM
 * running the packaged jar with the real model: it stops between batches with the work done
 * committed, exits 130 / 143 with one line saying how to go on, leaves no JVM crash log and no
 * native library copy in the temporary directory, and {@code reindex --continue} finishes the rest.
 */
class IndexingSignalIT {

    private static final int PAPERS = 600;

    /** The number of papers as a pattern, written with or without a thousands separator. */
    private static final String COUNT =
            "(?:" + PAPERS + "|" + String.format(java.util.Locale.ROOT, "%,d", PAPERS) + ")";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "SIG{0} exits {1}")
    @CsvSource({"INT, 130", "TERM, 143", "KILL, 137"})
    void a_signal_while_embedding_stops_between_batches_and_commits_what_is_done(String signal, int exitCode)
            throws Exception {
        // A process started in the background by a non-interactive shell (nohup ... &) ignores SIGINT,
        // and so does every process it starts: the JVM then never sees the signal.
        org.junit.jupiter.api.Assumptions.assumeFalse(
                signal.equals("INT") && sigintIgnored(),
                "SIGINT is ignored by this process (started in the background), so the child would ignore it too");
        Path file = dir.resolve("papers.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= PAPERS; i++) {
            lines.append(String.format(
                    "{\"id\": \"2501.%05d\", \"title\": \"Paper number %d\", \"authors\": [\"A. Author\"], "
                            + "\"categories\": [\"cs.IR\"], \"summary\": \"A short abstract about topic %d.\", "
                            + "\"abs\": \"https://arxiv.org/abs/2501.%05d\", \"pdf\": \"https://arxiv.org/pdf/2501.%05d\", "
                            + "\"listed_on\": \"2025-01-%02d\"}%n",
                    i, i, i % 97, i, i, 1 + i % 28));
        }
        Files.writeString(file, lines);

        Process p = start(true, "import", file.toString());
        List<String> err = new ArrayList<>();
        try (BufferedReader reader = p.errorReader(StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null && !line.startsWith("vectors: ")) {
                err.add(line);
            }
            assertThat(line)
                    .as("a first batch of vectors committed; stderr: " + err)
                    .isNotNull();
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            reader.lines().forEach(err::add);
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(String.join("\n", err)).isEqualTo(exitCode);
        if (!signal.equals("KILL")) {
            assertThat(err)
                    .filteredOn(l -> l.startsWith("paperboy: stopped with "))
                    .singleElement()
                    .asString()
                    .matches("paperboy: stopped with " + COUNT
                            + " documents and [\\d,]+ vectors committed; run `paperboy"
                            + " reindex --continue` \\(or the next import or serve\\) to go on where it stopped");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err"));
        }
        // ONNX Runtime's libraries come from the cache, not from a copy left in the temporary directory.
        try (Stream<Path> files = Files.walk(dir.resolve("tmp"))) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.contains("onnxruntime.so"));
        }
        assertThat(dir.resolve("cache/paperboy/onnxruntime-1.20.0-linux-x64/libonnxruntime.so"))
                .isRegularFile();
        String stats = String.join("\n", run("stats"));
        long vectors = Long.parseLong(
                stats.replaceAll("(?s).*search index: +" + COUNT + " documents, ([\\d,]+) with vectors.*", "$1")
                        .replace(",", ""));
        assertThat(vectors).isBetween(256L, PAPERS - 1L);

        if (signal.equals("INT")) { // the same way on for both signals: once is enough
            List<String> resumed = run("reindex", "--continue");
            assertThat(resumed).contains("index: 0 documents and " + (PAPERS - vectors) + " vectors updated");
            assertThat(String.join("\n", run("stats")))
                    .containsPattern("search index: +" + COUNT + " documents, " + COUNT + " with vectors");
        }
    }

    /** Whether this process ignores SIGINT (bit 2 of SigIgn in /proc/self/status), as its children then do. */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & 0b10) != 0;
            }
        }
        return false;
    }

    /** Runs a command to its end and returns its stdout and stderr lines. */
    private List<String> run(String... args) throws Exception {
        Process p = start(false, args);
        p.getOutputStream().close();
        List<String> out =
                new ArrayList<>(p.inputReader(StandardCharsets.UTF_8).lines().toList());
        out.addAll(p.errorReader(StandardCharsets.UTF_8).lines().toList());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join("\n", out)).isZero();
        return out;
    }

    private Process start(boolean discardOut, String... args) throws IOException {
        Path jar = Path.of("target/paperboy.jar").toAbsolutePath();
        assertThat(jar).exists();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx512m",
                "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")),
                "-jar",
                jar.toString(),
                "--data",
                dir.resolve("data").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> environment = new HashMap<>(pb.environment());
        environment.keySet().removeIf(k -> k.startsWith("PAPERBOY_"));
        pb.environment().clear();
        pb.environment().putAll(environment);
        pb.environment().put("PAPERBOY_SOURCES", "none");
        pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        if (discardOut) {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        return pb.start();
    }
}
