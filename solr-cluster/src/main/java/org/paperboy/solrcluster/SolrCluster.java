package org.paperboy.solrcluster;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * A real SolrCloud on this machine for Paperboy's tests and for trying the Solr backend: Solr's
 * own test cluster ({@link MiniSolrCloudCluster}: an embedded ZooKeeper and {@code --nodes} Solr
 * nodes in this JVM, on free loopback ports, data in {@code --dir} or a temporary directory).
 *
 * <p>It prints one line per fact, then {@code ready}: {@code zk HOST:PORT/solr} and
 * {@code node I URL} for each node. It then reads commands from standard input, one a line, and
 * answers each with one line: {@code stop I} stops node I ({@code stopped I}), {@code start I}
 * starts it again on the same port ({@code started I URL}). The cluster shuts down when standard
 * input ends (the parent closed it or died) or on SIGTERM.
 */
public final class SolrCluster {

    private SolrCluster() {}

    public static void main(String[] args) throws Exception {
        int nodes = 2;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--nodes" -> nodes = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: SolrCluster [--nodes N] [--dir DIR]");
                    System.exit(2);
                }
            }
        }
        if (dir == null) {
            dir = Files.createTempDirectory("paperboy-solr-cluster");
        }
        // The cluster's own logging goes to standard error; standard output carries only the protocol.
        PrintStream out = new PrintStream(
                new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        MiniSolrCloudCluster cluster = new MiniSolrCloudCluster.Builder(nodes, dir).build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(cluster)));
        out.println("zk " + cluster.getZkServer().getZkAddress());
        List<JettySolrRunner> runners = new java.util.ArrayList<>(cluster.getJettySolrRunners());
        for (int i = 0; i < runners.size(); i++) {
            out.println("node " + i + " " + runners.get(i).getBaseUrl());
        }
        out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] command = line.strip().split("\\s+");
            try {
                int node = Integer.parseInt(command[1]);
                switch (command[0]) {
                    case "stop" -> {
                        cluster.stopJettySolrRunner(runners.get(node));
                        cluster.waitForJettyToStop(runners.get(node));
                        out.println("stopped " + node);
                    }
                    case "start" -> {
                        JettySolrRunner runner = cluster.startJettySolrRunner(runners.get(node), true);
                        runners.set(node, runner);
                        cluster.waitForNode(runner, 60);
                        out.println("started " + node + " " + runner.getBaseUrl());
                    }
                    default -> out.println("error unknown command: " + line);
                }
            } catch (Exception | Error e) {
                out.println("error " + line + ": " + e);
            }
        }
        System.exit(0);
    }

    private static void shutdown(MiniSolrCloudCluster cluster) {
        try {
            cluster.shutdown();
        } catch (Exception e) {
            System.err.println("solr-cluster: shutdown failed: " + e);
        }
    }
}
