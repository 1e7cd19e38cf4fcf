package org.paperboy.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * A lock that one process of an installation holds at a time, for work that must not run twice at
 * once (a digest run). The operating system or the database server releases it when its holder
 * dies, even by {@code kill -9}, so whoever takes it next knows that what a previous holder left
 * half-done was abandoned. On SQLite it is a lock on a file beside the database
 * ({@code paperboy.db.NAME.lock}, holding the holder's process id), on PostgreSQL a session-level
 * advisory lock on a connection kept open while it is held.
 */
public final class RunLock implements AutoCloseable {

    /** Advisory-lock keys of Paperboy start with "pb" so that they stay apart from other applications'. */
    private static final long KEY_PREFIX = 0x7062L << 48;

    private final String name;
    private final FileChannel channel;
    private final Handle handle;
    private final long key;

    private RunLock(String name, FileChannel channel, Handle handle, long key) {
        this.name = name;
        this.channel = channel;
        this.handle = handle;
        this.key = key;
    }

    /**
     * Takes the lock {@code name} of {@code db}'s installation, or answers empty at once when
     * another process, or another holder in this one, has it.
     */
    public static Optional<RunLock> tryAcquire(Database db, String name) {
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("lock name '" + name + "' is not lower-case letters, digits and '-'");
        }
        Optional<Path> file = db.file();
        return file.isPresent() ? onFile(file.get(), name) : advisory(db, name);
    }

    private static Path lockFile(Path database, String name) {
        return database.resolveSibling(database.getFileName() + "." + name + ".lock");
    }

    private static Optional<RunLock> onFile(Path database, String name) {
        Path path = lockFile(database, name);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException held) {
                lock = null; // held by this JVM
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.force(false);
            return Optional.of(new RunLock(name, channel, null, 0));
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new UncheckedIOException("cannot lock " + path + ": " + e.getMessage(), e);
        }
    }

    private static Optional<RunLock> advisory(Database db, String name) {
        long key = KEY_PREFIX | (name.hashCode() & 0xffffffffL);
        Handle handle = db.open();
        try {
            boolean taken = handle.createQuery("SELECT pg_try_advisory_lock(:key)")
                    .bind("key", key)
                    .mapTo(Boolean.class)
                    .one();
            if (taken) {
                return Optional.of(new RunLock(name, null, handle, key));
            }
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
        handle.close();
        return Optional.empty();
    }

    /**
     * Who holds the lock {@code name} of {@code db}'s installation, as far as can be told: "process
     * 1234" for SQLite (the holder's id, written in the lock file), "another process" otherwise.
     */
    public static String holder(Database db, String name) {
        Optional<Path> file = db.file();
        if (file.isPresent()) {
            try {
                String pid = Files.readString(lockFile(file.get(), name), StandardCharsets.US_ASCII)
                        .strip();
                if (pid.matches("\\d+")) {
                    return "process " + pid;
                }
            } catch (IOException e) {
                // fall through: nothing more to say
            }
        }
        return "another process";
    }

    /** Releases the lock. */
    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close(); // releases the file lock
            } catch (IOException e) {
                throw new UncheckedIOException("cannot release the " + name + " lock: " + e.getMessage(), e);
            }
        } else {
            try {
                handle.createQuery("SELECT pg_advisory_unlock(:key)")
                        .bind("key", key)
                        .mapTo(Boolean.class)
                        .one();
            } finally {
                handle.close();
            }
        }
    }
}
