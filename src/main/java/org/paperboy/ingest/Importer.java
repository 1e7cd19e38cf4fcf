package org.paperboy.ingest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.paperboy.store.Database;
import org.paperboy.store.DiskFull;
import org.paperboy.store.ImportRunRepository;
import org.paperboy.store.PaperRepository;
import org.paperboy.store.Reject;
import org.paperboy.store.RejectRepository;
import org.paperboy.store.Transaction;

/**
 * Imports files of papers into the store. Each file is imported in one transaction: a file
 * that cannot be read to its end (missing, empty, truncated gzip, binary) leaves nothing
 * behind and is reported on one line, while bad records inside a readable file are rejected
 * one by one (stored with file, line, raw bytes and reason) and every good record is kept.
 */
public final class Importer {

    private final Database db;
    private final PaperRepository papers;
    private final RejectRepository rejects;
    private final ImportRunRepository runs;
    private final Path rejectsDir;
    private final ObjectMapper json;

    public Importer(
            Database db, PaperRepository papers, RejectRepository rejects, ImportRunRepository runs, Path rejectsDir) {
        this.db = db;
        this.papers = papers;
        this.rejects = rejects;
        this.runs = runs;
        this.rejectsDir = rejectsDir;
        this.json = recordMapper();
    }

    /** The strict JSON reader importers use: trailing content and duplicate keys are errors. */
    public static ObjectMapper recordMapper() {
        ObjectMapper m = new ObjectMapper();
        m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        m.getFactory().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return m;
    }

    /** A finished run: its id, counts, and the rejects file written for it (or {@code null}). */
    public record Run(long id, ImportReport report, Path rejectsFile) {}

    /**
     * One message for each of {@code files} that cannot be imported at all (missing, a directory,
     * unreadable), naming the file; empty when every file can be opened.
     */
    public static List<String> unreadable(List<Path> files) {
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                SourceFile.checkReadable(file);
            } catch (ImportException e) {
                problems.add(e.getMessage());
            }
        }
        return List.copyOf(problems);
    }

    /**
     * Imports {@code files} in order. {@code format} {@code null} detects each file's format.
     */
    public Run importFiles(List<Path> files, ImportFormat format, ImportListener listener) {
        long runId = runs.start("import " + files.size() + " file(s)");
        ImportReport total = new ImportReport();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            ImportReport report = new ImportReport();
            String failure = null;
            try {
                importFile(file, format, runId, report, listener);
                total.add(report);
            } catch (ImportException e) {
                failure = e.getMessage();
                total.fail(failure);
            } catch (RuntimeException e) {
                Optional<String> full = DiskFull.reason(e);
                if (full.isEmpty()) {
                    // Not the input's fault (the database went away, a bug): record the run as failed, then stop.
                    runs.finish(
                            runId, total.imported(), total.updated(), total.unchanged(), total.rejected(), "failed");
                    throw e;
                }
                // The files before this one are committed and stay; the ones after it would not fit either.
                failure = file + ": the disk is full (" + full.get() + ") writing " + storeName()
                        + "; nothing from this file was stored";
                total.diskFull(files.subList(i, files.size()), failure);
                listener.inputDone(file.toString(), report, failure);
                break;
            }
            listener.inputDone(file.toString(), report, failure);
        }
        return finish(runId, total);
    }

    /** The database file (SQLite) or URL (PostgreSQL), for messages. */
    private String storeName() {
        return db.file().map(Path::toString).orElse(db.displayUrl());
    }

    /** Replays every unresolved reject with its stored format; those that now map are imported. */
    public Run retryRejected(ImportListener listener) {
        long runId = runs.start("import --retry-rejected");
        ImportReport total = new ImportReport();
        long after = 0;
        while (true) {
            List<RejectRepository.Stored> page = rejects.unresolved(after, PaperSink.BATCH_SIZE);
            if (page.isEmpty()) {
                break;
            }
            db.transaction(tx -> {
                PaperSink sink = new PaperSink(tx, papers, rejects, runId, total);
                for (RejectRepository.Stored s : page) {
                    Reject r = s.reject();
                    ImportFormat f = ImportFormat.byName(r.format());
                    sink.add(PaperSink.prepare(r.source(), f, replay(f, r), s.id()));
                }
                sink.flush();
                return null;
            });
            after = page.get(page.size() - 1).id();
            listener.progress("rejects", 0, 0, total.records());
        }
        listener.inputDone("rejects", total, null);
        return finish(runId, total);
    }

    private void importFile(Path file, ImportFormat format, long runId, ImportReport report, ImportListener listener)
            throws ImportException {
        SourceFile source = SourceFile.open(file, format, json);
        long size = sizeOf(file);
        String name = file.toString();
        // Two stages on two threads: a reader parses and maps records into batches while this
        // thread writes the previous batch, so parsing and SQLite overlap on a two-core machine.
        BlockingQueue<List<PaperSink.Prepared>> batches = new ArrayBlockingQueue<>(4);
        AtomicLong records = new AtomicLong();
        CompletableFuture<Void> reading = new CompletableFuture<>();
        Thread readerThread = Thread.ofPlatform().name("import-reader").daemon().start(() -> {
            try (RecordReader in = source.reader(json)) {
                List<PaperSink.Prepared> batch = new ArrayList<>(PaperSink.BATCH_SIZE);
                RawRecord r;
                while ((r = in.next()) != null) {
                    batch.add(PaperSink.prepare(name, source.format(), r, null));
                    if (batch.size() == PaperSink.BATCH_SIZE) {
                        batches.put(batch);
                        batch = new ArrayList<>(PaperSink.BATCH_SIZE);
                        long n = records.addAndGet(PaperSink.BATCH_SIZE);
                        listener.progress(name, source.bytesRead(), size, n);
                    }
                }
                records.addAndGet(batch.size());
                batches.put(batch);
                batches.put(END);
                reading.complete(null);
            } catch (Throwable e) {
                reading.completeExceptionally(e);
                try {
                    batches.put(END);
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt(); // the writer gave up first; nobody waits
                }
            }
        });
        try (Transaction tx = db.begin()) {
            try {
                PaperSink sink = new PaperSink(tx, papers, rejects, runId, report);
                List<PaperSink.Prepared> batch;
                while ((batch = batches.take()) != END) {
                    sink.write(batch);
                }
                reading.join();
                listener.progress(name, size, size, records.get());
                tx.commit();
            } catch (CompletionException e) {
                tx.rollback();
                Throwable cause = e.getCause();
                if (cause instanceof java.io.EOFException || cause instanceof java.util.zip.ZipException) {
                    throw new ImportException(
                            name + ": truncated or corrupt gzip data (" + cause.getMessage()
                                    + "); nothing from this file was stored",
                            cause);
                }
                if (cause instanceof IOException || cause instanceof UncheckedIOException) {
                    throw new ImportException(
                            name + ": read failed: " + cause.getMessage() + "; nothing from this file was stored",
                            cause);
                }
                throw new IllegalStateException("reading " + name + " failed: " + cause, cause);
            } catch (InterruptedException e) {
                tx.rollback();
                Thread.currentThread().interrupt();
                throw new ImportException(name + ": interrupted; nothing from this file was stored", e);
            } catch (RuntimeException e) {
                rollback(tx, e);
                throw e;
            }
        } finally {
            readerThread.interrupt();
            source.close();
        }
    }

    private static final List<PaperSink.Prepared> END = List.of();

    /**
     * Rolls back after {@code failure}, keeping {@code failure} the exception that is reported: when
     * SQLite runs out of space it has already rolled the transaction back, and the rollback's own
     * complaint ("no transaction is active") would otherwise hide why the import failed.
     */
    private static void rollback(Transaction tx, RuntimeException failure) {
        try {
            tx.rollback();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private RawRecord replay(ImportFormat format, Reject r) {
        try (RecordReader reader = format.isXml()
                ? new XmlRecordReader(new ByteArrayInputStream(r.raw()), format.xmlRecordName())
                : new JsonLinesReader(new ByteArrayInputStream(r.raw()), json)) {
            RawRecord rec = reader.next();
            if (rec == null) {
                return RawRecord.bad(r.line(), r.raw(), r.reason());
            }
            return new RawRecord(r.line(), r.raw(), rec.parsed(), rec.problem());
        } catch (IOException e) {
            return RawRecord.bad(r.line(), r.raw(), r.reason());
        }
    }

    private Run finish(long runId, ImportReport report) {
        return finish(runs, rejects, rejectsDir, runId, report);
    }

    /** Records a run's counts and status and writes its rejects file; shared with {@link OaiHarvester}. */
    static Run finish(
            ImportRunRepository runs, RejectRepository rejects, Path rejectsDir, long runId, ImportReport report) {
        String status = report.failures().isEmpty() ? "ok" : "failed";
        runs.finish(runId, report.imported(), report.updated(), report.unchanged(), report.rejected(), status);
        Path file = null;
        if (report.rejected() > 0) {
            try {
                file = writeRejects(rejects, rejectsDir, runId);
            } catch (UncheckedIOException e) {
                String full = DiskFull.reason(e).orElseThrow(() -> e);
                report.fail("the rejects file of run " + runId + " was not written, the disk is full (" + full
                        + "); the rejects are kept in the database (import --retry-rejected replays them)");
            }
        }
        return new Run(runId, report, file);
    }

    /** Writes the run's rejects as JSON Lines, to a temporary name first, then moved in place. */
    private static Path writeRejects(RejectRepository rejects, Path rejectsDir, long runId) {
        List<RejectRepository.Stored> list = rejects.ofRun(runId);
        if (list.isEmpty()) {
            return null;
        }
        try {
            Files.createDirectories(rejectsDir);
            Path target = rejectsDir.resolve("run-" + runId + ".jsonl");
            Path tmp = rejectsDir.resolve("run-" + runId + ".jsonl.tmp");
            ObjectMapper out = new ObjectMapper();
            out.getFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            try (OutputStream os = Files.newOutputStream(tmp)) {
                for (RejectRepository.Stored s : list) {
                    Reject r = s.reject();
                    ObjectNode o = out.createObjectNode();
                    o.put("run", runId);
                    o.put("source", r.source());
                    o.put("line", r.line());
                    o.put("format", r.format());
                    o.put("reason", r.reason());
                    o.put("raw", r.rawText());
                    if (!r.rawIsUtf8()) {
                        o.put("raw_base64", Base64.getEncoder().encodeToString(r.raw()));
                    }
                    out.writeValue(os, o);
                    os.write('\n');
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(rejectsDir.resolve("run-" + runId + ".jsonl.tmp"));
            } catch (IOException ignored) {
                // the message below says the file is missing; a stray .tmp file harms nothing
            }
            throw new UncheckedIOException("cannot write rejects to " + rejectsDir + ": " + e.getMessage(), e);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
