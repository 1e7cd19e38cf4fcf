package org.paperboy.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code paperboy serve} in a JVM of its own, on the tests' class path, on a free loopback
 * port, with only the {@code PAPERBOY_*} settings given (none inherited). Its standard output and
 * error go to {@code DIR/NAME.out} and {@code DIR/NAME.err}. Closing it stops it (SIGTERM, then
 * SIGKILL after 30 s).
 */
public final class ServeProcess implements AutoCloseable {

    private final Process process;
    private final Path out;
    private final Path err;

    private ServeProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code serve} on the data directory {@code data} (created) with {@code env}. */
    public static ServeProcess start(Path dir, Path data, Map<String, String> env, String name) throws IOException {
        Files.createDirectories(data);
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--add-modules",
                "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx384m",
                "-cp",
                System.getProperty("java.class.path"),
                "org.paperboy.cli.Main",
                "--data",
                data.toString(),
                "serve",
                "--port",
                "0",
                "--host",
                "127.0.0.1"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> environment = new HashMap<>(pb.environment());
        environment.keySet().removeIf(k -> k.startsWith("PAPERBOY_"));
        pb.environment().clear();
        pb.environment().putAll(environment);
        pb.environment().putAll(env);
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        return new ServeProcess(pb.start(), out, err);
    }

    public Process process() {
        return process;
    }

    /** Where it listens, e.g. {@code http://127.0.0.1:PORT/}, once it says so (up to 90 s). */
    public String baseUrl() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                if (line.startsWith("Paperboy listening on ")) {
                    return line.substring("Paperboy listening on ".length());
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not say where it listens:\n" + log());
    }

    /** What it wrote to its standard error so far. */
    public String log() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
