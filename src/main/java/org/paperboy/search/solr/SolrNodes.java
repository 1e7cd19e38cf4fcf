package org.paperboy.search.solr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.apache.solr.client.solrj.impl.ZkClientClusterStateProvider;
import org.apache.solr.client.solrj.response.SolrResponseBase;
import org.apache.solr.common.util.URLUtil;

/**
 * The Solr nodes of one SolrCloud cluster, found through ZooKeeper (the live nodes, as they come
 * and go) or given as base URLs. Each request goes to one node, which routes it inside the
 * cluster (a query to every shard, an update to the shards' leaders); a node that does not answer
 * is skipped for the next one, so losing a node costs a request no more than a retry. SolrJ's
 * JDK-HttpClient client is used: its Jetty client would clash with the web server's Jetty 12.
 * Thread-safe; close it on shutdown.
 */
public final class SolrNodes implements AutoCloseable {

    private static final long CONNECT_SECONDS = 5;
    // Creating a collection or committing a large batch takes a while; a search takes milliseconds.
    private static final long REQUEST_SECONDS = 180;

    private final String description;
    private final Supplier<List<String>> baseUrls;
    private final AutoCloseable discovery;
    private final Map<String, HttpJdkSolrClient> clients = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    // The requests one search sends side by side (ranking, analysis, counts) wait here, each on a virtual thread.
    private final ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor();

    private SolrNodes(String description, Supplier<List<String>> baseUrls, AutoCloseable discovery) {
        this.description = description;
        this.baseUrls = baseUrls;
        this.discovery = discovery;
    }

    /** The live nodes ZooKeeper lists at {@code zkHost} ({@code HOST:PORT[,HOST:PORT...][/chroot]}). */
    public static SolrNodes zooKeeper(String zkHost) {
        ZkClientClusterStateProvider zk = new ZkClientClusterStateProvider(zkHost);
        zk.setZkConnectTimeout((int) TimeUnit.SECONDS.toMillis(15));
        return new SolrNodes(
                "the SolrCloud at ZooKeeper " + zkHost,
                () -> zk.getLiveNodes().stream()
                        .sorted()
                        .map(node -> URLUtil.getBaseUrlForNodeName(node, "http"))
                        .toList(),
                zk);
    }

    /** The nodes at these base URLs (e.g. {@code http://solr1:8983/solr}), tried in turn. */
    public static SolrNodes urls(List<URI> urls) {
        List<String> list =
                urls.stream().map(u -> u.toString().replaceAll("/+$", "")).toList();
        if (list.isEmpty()) {
            throw new IllegalArgumentException("urls: no Solr node given");
        }
        return new SolrNodes("the Solr nodes " + String.join(", ", list), () -> list, () -> {});
    }

    /**
     * Sends {@code request} about {@code collection} (or none, for admin requests) to one live node,
     * trying the others when a node cannot be reached.
     *
     * @throws UncheckedIOException when no node answers
     * @throws org.apache.solr.common.SolrException when a node answers with an error
     */
    public <T extends SolrResponseBase> T send(SolrRequest<T> request, String collection) {
        List<String> nodes = baseUrls.get();
        if (nodes.isEmpty()) {
            throw new UncheckedIOException(new IOException(description + " has no live node"));
        }
        int start = Math.floorMod(next.getAndIncrement(), nodes.size());
        IOException last = null;
        for (int i = 0; i < nodes.size(); i++) {
            String url = nodes.get((start + i) % nodes.size());
            try {
                return request.process(client(url), collection);
            } catch (SolrServerException e) {
                last = new IOException(url + ": " + e.getMessage(), e);
            } catch (IOException e) {
                last = new IOException(url + ": " + e.getMessage(), e);
            }
        }
        throw new UncheckedIOException("no node of " + description + " answered", Objects.requireNonNull(last));
    }

    /**
     * Runs {@code work} (requests to these nodes) beside the caller; {@link #join} waits for it.
     * A search sends its independent requests this way, so that it takes about as long as its
     * slowest request rather than their sum.
     */
    public <T> CompletableFuture<T> async(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, parallel);
    }

    /** The value of {@code future}, or what it threw, rethrown as it was. */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** The base URLs of the nodes requests go to now. */
    public List<String> baseUrls() {
        return new ArrayList<>(baseUrls.get());
    }

    private HttpJdkSolrClient client(String url) {
        return clients.computeIfAbsent(
                url,
                u -> new HttpJdkSolrClient.Builder(u)
                        .useHttp1_1(true)
                        .withConnectionTimeout(CONNECT_SECONDS, TimeUnit.SECONDS)
                        .withRequestTimeout(REQUEST_SECONDS, TimeUnit.SECONDS)
                        .build());
    }

    @Override
    public String toString() {
        return description;
    }

    @Override
    public void close() {
        parallel.shutdownNow();
        for (HttpJdkSolrClient c : clients.values()) {
            try {
                c.close();
            } catch (IOException e) {
                // Closing a client frees its threads; nothing is lost when that fails.
            }
        }
        try {
            discovery.close();
        } catch (Exception e) {
            // As above: the ZooKeeper session ends with the process anyway.
        }
    }
}
