package org.paperboy.search.solr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.request.AbstractUpdateRequest;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.request.FieldAnalysisRequest;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.response.AnalysisResponseBase;
import org.apache.solr.client.solrj.response.FieldAnalysisResponse;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.util.ContentStreamBase;
import org.apache.solr.common.util.NamedList;
import org.paperboy.search.ClusterState;
import org.paperboy.search.IndexedPaper;
import org.paperboy.search.SearchSettings;
import org.paperboy.search.Searcher;
import org.paperboy.search.SharedIndex;
import org.paperboy.search.VectorEncoding;
import org.paperboy.search.WriterLock;

/**
 * The search index as a SolrCloud collection: created by Paperboy when missing (its own configset,
 * shards and replicas as configured), written through any node, searched by {@link SolrSearcher}.
 * An upsert is searchable when it returns (a soft commit); {@link #commit} is a hard commit of every
 * shard, and {@link #commit(String)} writes the document that records the embedding model in the
 * same commit. Solr takes writes from any number of processes; the serving processes of an
 * installation take turns by the {@link WriterLock} given to {@link #shareWrites}, one indexing pass
 * at a time. Thread-safe; close it on shutdown.
 */
public final class SolrPaperIndex implements SharedIndex {

    private final SolrNodes nodes;
    private final boolean ownsNodes;
    private final String collection;
    private final int dimensions;
    private final boolean scratch;
    private volatile WriterLock writers = WriterLock.ALWAYS;

    private SolrPaperIndex(SolrNodes nodes, boolean ownsNodes, String collection, int dimensions, boolean scratch) {
        this.nodes = nodes;
        this.ownsNodes = ownsNodes;
        this.collection = collection;
        this.dimensions = dimensions;
        this.scratch = scratch;
    }

    /**
     * The collection {@code collection} of {@code nodes} for {@code dimensions}-dim vectors: created
     * with {@code shards} shards of {@code replicas} replicas when missing; a collection made with
     * another schema version or dimension is deleted and created afresh (it is derived data), after
     * which {@code rebuilt} runs. With {@code ownsNodes}, closing the index closes {@code nodes}.
     *
     * @throws java.io.UncheckedIOException when no node answers
     */
    public static SolrPaperIndex open(
            SolrNodes nodes,
            boolean ownsNodes,
            String collection,
            int shards,
            int replicas,
            int dimensions,
            Runnable rebuilt) {
        String configSet = SolrSchema.configSetName(dimensions);
        String aliased = aliases(nodes).get(collection);
        if (aliased != null) {
            // An alias (e.g. "papers" -> "papers-v2"): searched and written through its name, never rebuilt in place.
            String current = configSetOf(nodes, aliased);
            if (!configSet.equals(current)) {
                throw new IllegalStateException("Solr alias " + collection + " points at " + aliased
                        + ", made with configset " + current + ", not " + configSet + "; build a new collection and "
                        + "move the alias to it: PAPERBOY_SOLR_COLLECTION=NEW paperboy reindex --alias " + collection);
            }
            return new SolrPaperIndex(nodes, ownsNodes, collection, dimensions, false);
        }
        List<String> collections = collections(nodes);
        if (collections.contains(collection)) {
            String current = configSetOf(nodes, collection);
            if (configSet.equals(current)) {
                return new SolrPaperIndex(nodes, ownsNodes, collection, dimensions, false);
            }
            System.err.println("paperboy: Solr collection " + collection + " has configset " + current + ", not "
                    + configSet + "; rebuilding it");
            nodes.send(CollectionAdminRequest.deleteCollection(collection), null);
            rebuilt.run();
        }
        create(nodes, collection, configSet, shards, replicas, dimensions);
        return new SolrPaperIndex(nodes, ownsNodes, collection, dimensions, false);
    }

    /**
     * A new, empty collection {@code collection}, whatever was there, deleted again when the index
     * is closed (evaluation's scratch index); {@code nodes} stay open.
     */
    public static SolrPaperIndex scratch(SolrNodes nodes, String collection, int shards, int replicas, int dimensions) {
        drop(nodes, collection);
        create(nodes, collection, SolrSchema.configSetName(dimensions), shards, replicas, dimensions);
        return new SolrPaperIndex(nodes, false, collection, dimensions, true);
    }

    /**
     * Points the alias {@code alias} at this collection (created, or moved from the collection it
     * named: one atomic step for searches and writes through the alias). Answers the collection it
     * named before, or {@code null}.
     */
    public String pointAlias(String alias) {
        if (alias.equals(collection)) {
            throw new IllegalArgumentException("alias " + alias + " cannot name its own collection");
        }
        if (aliases(nodes).containsKey(collection)) {
            throw new IllegalStateException(collection + " is itself an alias; set PAPERBOY_SOLR_COLLECTION to a "
                    + "collection's name to build it, then point the alias at it");
        }
        if (collections(nodes).contains(alias)) {
            throw new IllegalStateException("Solr has a collection named " + alias + "; an alias cannot take its name "
                    + "(delete that collection first, or choose another alias)");
        }
        String before = aliases(nodes).get(alias);
        nodes.send(CollectionAdminRequest.createAlias(alias, collection), null);
        return before;
    }

    /** Each alias of the cluster and the collection it names (the first, for an alias of several). */
    private static Map<String, String> aliases(SolrNodes nodes) {
        Map<String, String> out = new java.util.HashMap<>();
        nodes.send(new CollectionAdminRequest.ListAliases(), null)
                .getAliasesAsLists()
                .forEach((alias, targets) -> {
                    if (!targets.isEmpty()) {
                        out.put(alias, targets.get(0));
                    }
                });
        return out;
    }

    /** How the cluster and the collection (through its alias, if named by one) stand now. */
    @Override
    public Optional<ClusterState> cluster() {
        return Optional.of(state(nodes, collection, aliases(nodes).getOrDefault(collection, collection)));
    }

    private static ClusterState state(SolrNodes nodes, String collection, String target) {
        NamedList<Object> status = nodes.send(
                        CollectionAdminRequest.getClusterStatus().setCollectionName(target), null)
                .getResponse();
        List<String> live = new ArrayList<>();
        if (find(status, "cluster", "live_nodes") instanceof List<?> names) {
            names.forEach(n -> live.add(String.valueOf(n)));
        }
        live.sort(null);
        int shards = 0;
        int replicas = 0;
        int active = 0;
        List<String> problems = new ArrayList<>();
        if (find(status, "cluster", "collections", target, "shards") instanceof Map<?, ?> shardMap) {
            for (Map.Entry<?, ?> shard : shardMap.entrySet()) {
                shards++;
                int shardActive = 0;
                if (find(shard.getValue(), "replicas") instanceof Map<?, ?> replicaMap) {
                    for (Object replica : replicaMap.values()) {
                        replicas++;
                        boolean up = "active".equals(String.valueOf(find(replica, "state")))
                                && live.contains(String.valueOf(find(replica, "node_name")));
                        if (up) {
                            active++;
                            shardActive++;
                        }
                    }
                }
                if (shardActive == 0) {
                    problems.add("shard " + shard.getKey() + " has no active replica: searches miss its papers");
                }
            }
        } else {
            problems.add("collection " + target + " is not in the cluster's state");
        }
        if (active < replicas) {
            problems.add((replicas - active) + " of " + replicas + " replicas are not active");
        }
        return new ClusterState(collection, target, live, shards, replicas, active, problems);
    }

    /** Deletes {@code collection} when it exists. */
    public static void drop(SolrNodes nodes, String collection) {
        if (collections(nodes).contains(collection)) {
            nodes.send(CollectionAdminRequest.deleteCollection(collection), null);
        }
    }

    // Waiting until every replica is active is deprecated in 9.10 because it becomes the default
    // (SOLR-17712); it is asked for explicitly so that older Solr 9 servers wait too.
    @SuppressWarnings("deprecation")
    private static void create(
            SolrNodes nodes, String collection, String configSet, int shards, int replicas, int dimensions) {
        List<String> configSets =
                nodes.send(new ConfigSetAdminRequest.List(), null).getConfigSets();
        if (!configSets.contains(configSet)) {
            ConfigSetAdminRequest.Upload upload = new ConfigSetAdminRequest.Upload()
                    .setUploadStream(new ContentStreamBase.ByteArrayStream(
                            SolrSchema.configSetZip(dimensions), configSet + ".zip", "application/zip"));
            upload.setConfigSetName(configSet);
            try {
                nodes.send(upload, null);
            } catch (RuntimeException e) {
                // Another node starting at the same time may have uploaded it first.
                if (!nodes.send(new ConfigSetAdminRequest.List(), null)
                        .getConfigSets()
                        .contains(configSet)) {
                    throw e;
                }
            }
        }
        CollectionAdminRequest.Create create =
                CollectionAdminRequest.createCollection(collection, configSet, shards, replicas);
        create.setWaitForFinalState(true);
        try {
            nodes.send(create, null);
        } catch (RuntimeException e) {
            if (!collections(nodes).contains(collection)) {
                throw e;
            }
            awaitActive(nodes, collection); // another node created it: wait until it is ready, as it does
        }
    }

    private static void awaitActive(SolrNodes nodes, String collection) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(180);
        ClusterState state = state(nodes, collection, collection);
        while (!(state.healthy() && state.replicas() > 0)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Solr collection " + collection + " was created by another process "
                        + "but is not ready after 3 minutes: " + String.join("; ", state.problems()));
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for collection " + collection, e);
            }
            state = state(nodes, collection, collection);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> collections(SolrNodes nodes) {
        Object list = nodes.send(new CollectionAdminRequest.List(), null)
                .getResponse()
                .get("collections");
        return list == null ? List.of() : (List<String>) list;
    }

    private static String configSetOf(SolrNodes nodes, String collection) {
        NamedList<Object> status = nodes.send(
                        CollectionAdminRequest.getClusterStatus().setCollectionName(collection), null)
                .getResponse();
        Object value = find(status, "cluster", "collections", collection, "configName");
        return value == null ? null : value.toString();
    }

    /** The value at {@code path} through nested named lists and maps, or {@code null}. */
    private static Object find(Object node, String... path) {
        Object at = node;
        for (String key : path) {
            if (at instanceof NamedList<?> list) {
                at = list.get(key);
            } else if (at instanceof Map<?, ?> map) {
                at = map.get(key);
            } else {
                return null;
            }
        }
        return at;
    }

    /** The collection's name. */
    public String collection() {
        return collection;
    }

    SolrNodes nodes() {
        return nodes;
    }

    @Override
    public void upsert(List<IndexedPaper> papers) {
        if (papers.isEmpty()) {
            return;
        }
        List<SolrInputDocument> docs = new ArrayList<>(papers.size());
        for (IndexedPaper p : papers) {
            p.check(dimensions);
            docs.add(SolrSchema.document(p.paper(), p.vector()));
        }
        update(new UpdateRequest().add(docs), true);
    }

    @Override
    public void delete(String id) {
        update(new UpdateRequest().deleteById(id), true);
    }

    @Override
    public void deleteAll() {
        update(new UpdateRequest().deleteByQuery(SolrSchema.PAPERS), true);
    }

    @Override
    public void commit() {
        update(new UpdateRequest(), false);
    }

    @Override
    public void commit(String embeddingModel) {
        update(new UpdateRequest().add(SolrSchema.indexDocument(embeddingModel)), false);
    }

    /** Sends {@code request} with a commit: soft (searchable) or hard (durable and searchable). */
    private void update(UpdateRequest request, boolean soft) {
        request.setAction(AbstractUpdateRequest.ACTION.COMMIT, true, true, soft);
        nodes.send(request, collection);
    }

    @Override
    public Optional<String> embeddingModel() {
        SolrQuery q = new SolrQuery(SolrSchema.term(SolrSchema.ID, SolrSchema.INDEX_DOCUMENT_ID));
        q.setFields(SolrSchema.EMBEDDING_MODEL);
        q.setRows(1);
        for (SolrDocument doc : query(q).getResults()) {
            Object model = doc.getFieldValue(SolrSchema.EMBEDDING_MODEL);
            if (model != null) {
                return Optional.of(model.toString());
            }
        }
        return Optional.empty();
    }

    /** False: each shard's merge policy keeps its segments few; Paperboy never merges them itself. */
    @Override
    public boolean fragmented() {
        return false;
    }

    /** A hard commit: Solr merges segments by its own policy, and a forced merge of a live cluster costs more than it saves. */
    @Override
    public void compact() {
        commit();
    }

    @Override
    public int count() {
        return count(SolrSchema.PAPERS);
    }

    @Override
    public int countWithVector() {
        return count(SolrSchema.term(SolrSchema.HAS_VECTOR, "true"));
    }

    private int count(String filter) {
        SolrQuery q = new SolrQuery("*:*");
        q.addFilterQuery(filter);
        q.setRows(0);
        return Math.toIntExact(query(q).getResults().getNumFound());
    }

    @Override
    public List<String> idsWithoutVector(int limit) {
        SolrQuery q = new SolrQuery("*:*");
        q.addFilterQuery(SolrSchema.PAPERS, SolrSchema.term(SolrSchema.HAS_VECTOR, "false"));
        q.setFields(SolrSchema.ID);
        q.setSort(SolrSchema.ID, SolrQuery.ORDER.asc);
        q.setRows(limit);
        List<String> ids = new ArrayList<>();
        for (SolrDocument doc : query(q).getResults()) {
            ids.add((String) doc.getFieldValue(SolrSchema.ID));
        }
        return ids;
    }

    /** The tokens of {@code text} as the title-and-abstract field analyzes a query, in order. */
    List<AnalysisResponseBase.TokenInfo> analyzeQuery(String text) {
        FieldAnalysisRequest analysis = new FieldAnalysisRequest();
        analysis.addFieldName(SolrSchema.TEXT);
        analysis.setFieldValue(text);
        analysis.setQuery(text);
        FieldAnalysisResponse response = nodes.send(analysis, collection);
        AnalysisResponseBase.AnalysisPhase last = null;
        for (AnalysisResponseBase.AnalysisPhase phase :
                response.getFieldNameAnalysis(SolrSchema.TEXT).getQueryPhases()) {
            last = phase;
        }
        return last == null ? List.of() : last.getTokens();
    }

    QueryResponse query(SolrQuery q) {
        return nodes.send(new QueryRequest(q, org.apache.solr.client.solrj.SolrRequest.METHOD.POST), collection);
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    /** Full floats: the HNSW graph of Solr 9's dense vector field walks float32 vectors. */
    @Override
    public VectorEncoding encoding() {
        return VectorEncoding.FLOAT32;
    }

    /** The bytes of every replica's index, summed over the cluster (what the collection takes on all disks). */
    @Override
    public long sizeOnDisk() {
        NamedList<Object> status = nodes.send(
                        CollectionAdminRequest.collectionStatus(collection).setWithSizeInfo(true), null)
                .getResponse();
        return sumSizes(status);
    }

    private static long sumSizes(Object node) {
        long sum = 0;
        if (node instanceof NamedList<?> list) {
            for (Map.Entry<String, ?> e : list) {
                sum += "sizeInBytes".equals(e.getKey()) && e.getValue() instanceof Number n
                        ? n.longValue()
                        : sumSizes(e.getValue());
            }
        } else if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sum += "sizeInBytes".equals(e.getKey()) && e.getValue() instanceof Number n
                        ? n.longValue()
                        : sumSizes(e.getValue());
            }
        }
        return sum;
    }

    @Override
    public Searcher searcher(SearchSettings settings) {
        return new SolrSearcher(this, settings);
    }

    /**
     * From now on this process writes only while it holds {@code lock} (a serving process, beside
     * the other nodes'): taken by {@link #tryTakeOver}, given up by {@link #endPass} and on close.
     */
    public void shareWrites(WriterLock lock) {
        writers = java.util.Objects.requireNonNull(lock, "lock");
    }

    @Override
    public boolean writable() {
        return writers.held();
    }

    /** Takes the writer lock when it is free; the collection needs no refresh (searches see every soft commit). */
    @Override
    public boolean tryTakeOver() {
        return writers.tryTake();
    }

    /** Gives the writer lock up, so that another node may do the next pass. */
    @Override
    public void endPass() {
        writers.release();
    }

    /** Asks the cluster for the collection again (a failed node may have come back). */
    @Override
    public void reopen() {
        count();
    }

    @Override
    public void checkWritable() {}

    @Override
    public void close() {
        writers.release();
        if (scratch) {
            drop(nodes, collection);
        }
        if (ownsNodes) {
            nodes.close();
        }
    }
}
