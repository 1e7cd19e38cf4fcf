package org.paperboy.search.solr;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real SolrCloud for the tests: the harness of {@code solr-cluster/} (Solr 9.10.1's
 * MiniSolrCloudCluster, an embedded ZooKeeper and Solr nodes on loopback ports) started as a child
 * JVM, since its Lucene 9 cannot share this class path. The build packages the harness before the
 * ITs run ({@code pre-integration-test}). Close it to shut the cluster down.
 */
final class SolrClusterProcess implements AutoCloseable {

    private static final long START_SECONDS = 180;

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(64);
    private final String zk;
    private final List<String> nodeUrls = new ArrayList<>();

    private SolrClusterProcess(Process process) throws InterruptedException {
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = in.readLine()) != null; ) {
                            lines.put(line);
                        }
                    } catch (IOException | InterruptedException e) {
                        // The process ended; waiting callers time out with its exit.
                    }
                },
                "solr-cluster-output");
        reader.setDaemon(true);
        reader.start();
        String address = null;
        for (String line; !(line = next()).equals("ready"); ) {
            if (line.startsWith("zk ")) {
                address = line.substring(3);
            } else if (line.startsWith("node ")) {
                nodeUrls.add(line.split(" ")[2]);
            }
        }
        this.zk = address;
    }

    /** Starts {@code nodes} Solr nodes with their data and log ({@code cluster.log}) in {@code dir}. */
    static SolrClusterProcess start(Path dir, int nodes) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("paperboy.solrCluster", "solr-cluster/target/paperboy-solr-cluster.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: `./mvnw verify` packages it "
                    + "before the ITs (or run `./mvnw -f solr-cluster/pom.xml package`)");
        }
        Files.createDirectories(dir);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(
                        java.toString(),
                        "-Xmx768m",
                        "-jar",
                        jar.toAbsolutePath().toString(),
                        "--nodes",
                        Integer.toString(nodes),
                        "--dir",
                        dir.resolve("cluster").toString())
                .redirectError(dir.resolve("cluster.log").toFile())
                .start();
        try {
            return new SolrClusterProcess(p);
        } catch (RuntimeException | InterruptedException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /** ZooKeeper's address, {@code 127.0.0.1:PORT/solr}. */
    String zk() {
        return zk;
    }

    /** Each node's base URL, {@code http://127.0.0.1:PORT/solr}. */
    List<String> nodeUrls() {
        return List.copyOf(nodeUrls);
    }

    /** Stops node {@code i}; its replicas stop answering. */
    void stop(int i) throws IOException, InterruptedException {
        command("stop " + i, "stopped " + i);
    }

    /** Starts node {@code i} again on its port. */
    void start(int i) throws IOException, InterruptedException {
        command("start " + i, "started " + i);
    }

    private void command(String command, String answer) throws IOException, InterruptedException {
        commands.write(command + "\n");
        commands.flush();
        String line = next();
        if (!line.startsWith(answer)) {
            throw new IllegalStateException("solr-cluster answered '" + line + "' to '" + command + "'");
        }
    }

    private String next() throws InterruptedException {
        String line = lines.poll(START_SECONDS, TimeUnit.SECONDS);
        if (line == null) {
            throw new IllegalStateException("solr-cluster said nothing for " + START_SECONDS + " s"
                    + (process.isAlive() ? "" : "; it exited with " + process.exitValue()));
        }
        return line;
    }

    @Override
    public void close() {
        try {
            commands.close(); // end of input: the harness shuts the cluster down
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
