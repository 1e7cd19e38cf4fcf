package org.paperboy.store;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * A real PostgreSQL server for integration tests: zonky's embedded binaries on a free port with a
 * fresh data directory, stopped and deleted by {@link #close()}.
 *
 * <p>PostgreSQL refuses to run as root. As root, zonky itself runs the binaries in a new user
 * namespace ({@code unshare -U}) where they are not root; where user namespaces are forbidden (some
 * containers), the binaries are run as {@code nobody} through wrapper scripts that zonky extracts in
 * place of the real ones. A watchdog process stops the server and deletes its data when the JVM dies
 * without calling {@code close()}, so no server outlives the tests.
 */
public final class TestPostgres implements AutoCloseable {

    private static final java.util.concurrent.atomic.AtomicInteger DATABASES =
            new java.util.concurrent.atomic.AtomicInteger();

    private final EmbeddedPostgres postgres;
    private final Process watchdog;

    private TestPostgres(EmbeddedPostgres postgres, Process watchdog) {
        this.postgres = postgres;
        this.watchdog = watchdog;
    }

    /** Initialises a new cluster and starts its server; the caller must {@link #close()} it. */
    public static TestPostgres start() {
        Process watchdog = null;
        try {
            Path data = Files.createTempDirectory("paperboy-pg-data-");
            watchdog = startWatchdog(data);
            EmbeddedPostgres.Builder builder =
                    EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true);
            if (runningAsRoot() && !LinuxUtils.isUnshareAvailable()) {
                NobodyBinaries nobody = NobodyBinaries.lookUp();
                requireReachableByOthers(data.getParent());
                Files.setAttribute(data, "unix:uid", nobody.uid());
                Files.setAttribute(data, "unix:gid", nobody.gid());
                builder.setPgBinaryResolver(nobody);
            }
            return new TestPostgres(builder.start(), watchdog);
        } catch (IOException | RuntimeException e) {
            if (watchdog != null) {
                stop(watchdog);
            }
            throw new IllegalStateException("could not start the embedded PostgreSQL server", e);
        }
    }

    /** A URL for the {@code postgres} database as the {@code postgres} superuser (no password). */
    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** Creates a new, empty database on this server and returns its JDBC URL. */
    public String newDatabaseUrl() throws java.sql.SQLException {
        String name = "test" + DATABASES.incrementAndGet();
        try (java.sql.Connection c = dataSource().getConnection();
                java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return jdbcUrl().replace("/postgres?", "/" + name + "?");
    }

    /** A non-pooling data source for the same database and user as {@link #jdbcUrl()}. */
    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    /** Stops the server (fast shutdown) and deletes its data directory. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop the embedded PostgreSQL server", e);
        } finally {
            stop(watchdog);
        }
    }

    /**
     * Starts a shell that blocks reading a pipe only this JVM writes to. End of file comes from
     * {@link #close()} or from the JVM's death, even by SIGKILL; the shell then stops the postmaster
     * named in {@code postmaster.pid}, if any is left, and deletes the data directory. It ignores
     * SIGINT and SIGHUP so that a Ctrl-C to the build does not kill it before it has cleaned up.
     */
    private static Process startWatchdog(Path data) throws IOException {
        String script = """
                trap '' INT HUP
                read -r _ || :
                pid=$(head -n 1 "$1/postmaster.pid" 2>/dev/null) || :
                if [ -n "$pid" ] && kill -INT "$pid" 2>/dev/null; then
                    i=0
                    while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
                    kill -KILL "$pid" 2>/dev/null || :
                fi
                rm -rf "$1"
                """;
        return new ProcessBuilder("sh", "-c", script, "paperboy-pg-watchdog", data.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static void stop(Process watchdog) {
        try {
            watchdog.getOutputStream().close();
            if (!watchdog.waitFor(30, TimeUnit.SECONDS)) {
                watchdog.destroyForcibly();
            }
        } catch (IOException e) {
            watchdog.destroyForcibly();
        } catch (InterruptedException e) {
            watchdog.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static boolean runningAsRoot() {
        try {
            // /proc/self belongs to the effective user of the process reading it.
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** {@code nobody} must be able to walk down to the data directory and the extracted binaries. */
    private static void requireReachableByOthers(Path directory) throws IOException {
        for (Path p = directory.toRealPath(); p != null; p = p.getParent()) {
            if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IOException(
                        p + " is not searchable by other users, so PostgreSQL cannot run as nobody below it;"
                                + " point java.io.tmpdir at a directory like /tmp");
            }
        }
    }

    /**
     * Hands zonky an archive of three scripts in place of the real binaries: each execs the real
     * {@code initdb}, {@code pg_ctl} or {@code postgres} as the user {@code nobody} through {@code
     * setpriv}. The real binaries are extracted once per content under {@code java.io.tmpdir}, readable
     * by everyone; they find {@code share/} and {@code lib/} next to their own path, and {@code
     * pg_ctl}/{@code initdb} start the real {@code postgres} beside them, already as {@code nobody}.
     * The archive is deterministic, so zonky reuses its extraction across runs.
     */
    private record NobodyBinaries(int uid, int gid) implements PgBinaryResolver {

        private static final List<String> COMMANDS = List.of("initdb", "pg_ctl", "postgres");

        static NobodyBinaries lookUp() throws IOException {
            return new NobodyBinaries(
                    Integer.parseInt(output("id", "-u", "nobody")), Integer.parseInt(output("id", "-g", "nobody")));
        }

        @Override
        public InputStream getPgBinary(String system, String architecture) throws IOException {
            try (InputStream real = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, architecture)) {
                if (real == null) {
                    return null;
                }
                return wrappers(extractOnce(real.readAllBytes()));
            }
        }

        private InputStream wrappers(Path realHome) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (var tar = new TarArchiveOutputStream(new XZOutputStream(bytes, new LZMA2Options()))) {
                for (String command : COMMANDS) {
                    String real =
                            realHome.resolve("bin").resolve(command).toString().replace("'", "'\\''");
                    String text = "#!/bin/sh\nexec setpriv --reuid=%d --regid=%d --clear-groups -- '%s' \"$@\"\n"
                            .formatted(uid, gid, real);
                    byte[] script = text.getBytes(StandardCharsets.UTF_8);
                    TarArchiveEntry entry = new TarArchiveEntry("bin/" + command);
                    entry.setMode(0755);
                    entry.setSize(script.length);
                    entry.setModTime(FileTime.fromMillis(0));
                    tar.putArchiveEntry(entry);
                    tar.write(script);
                    tar.closeArchiveEntry();
                }
            }
            return new ByteArrayInputStream(bytes.toByteArray());
        }

        /** Extracts into a temporary sibling and renames it into place, so readers never see half. */
        private static Path extractOnce(byte[] txz) throws IOException {
            Path root = Path.of(System.getProperty("java.io.tmpdir"), "paperboy-pg-binaries");
            requireReachableByOthers(root.getParent());
            Files.createDirectories(root);
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path home = root.resolve(sha256(txz).substring(0, 16));
            if (Files.isDirectory(home)) {
                return home;
            }
            Path partial = Files.createTempDirectory(root, "partial-");
            try {
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
                untar(txz, partial);
                Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                deleteTree(partial);
                if (!Files.isDirectory(home)) {
                    throw e;
                }
                // another JVM extracted the same binaries first; use theirs
            }
            return home;
        }

        private static void untar(byte[] txz, Path target) throws IOException {
            try (TarArchiveInputStream tar =
                    new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(txz)))) {
                for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                    Path path = target.resolve(e.getName()).normalize();
                    if (!path.startsWith(target)) {
                        throw new IOException("archive entry outside the target: " + e.getName());
                    }
                    Files.createDirectories(e.isDirectory() ? path : path.getParent());
                    if (e.isDirectory()) {
                        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
                    } else if (e.isSymbolicLink()) {
                        Files.createSymbolicLink(path, Path.of(e.getLinkName()));
                    } else if (e.isFile()) {
                        Files.copy(tar, path);
                        boolean executable = (e.getMode() & 0111) != 0;
                        Files.setPosixFilePermissions(
                                path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                    } else {
                        throw new IOException("unsupported archive entry: " + e.getName());
                    }
                }
            }
        }

        private static String output(String... command) throws IOException {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (process.waitFor() != 0) {
                    throw new IOException(String.join(" ", command) + " failed: " + out.strip());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted running " + String.join(" ", command), e);
            }
            return out.strip();
        }

        private static String sha256(byte[] bytes) {
            try {
                return HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }

        private static void deleteTree(Path root) throws IOException {
            if (!Files.exists(root)) {
                return;
            }
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
