package org.paperboy.embed;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where ONNX Runtime's native libraries are loaded from. Left alone, ONNX Runtime copies its 16 MB
 * library into a new {@code /tmp} directory in every process and deletes it only on a clean exit,
 * so each killed process left one behind (issue 11). Instead they are extracted once per version
 * into the user's cache directory ({@code $XDG_CACHE_HOME/paperboy}, default
 * {@code ~/.cache/paperboy}) and ONNX Runtime is pointed there with its
 * {@value #NATIVE_PATH} system property. Must run before ONNX Runtime is first used.
 */
public final class OnnxRuntimeLibraries {

    /** ONNX Runtime's system property naming a directory that holds its native libraries. */
    static final String NATIVE_PATH = "onnxruntime.native.path";

    private static final Logger LOG = LoggerFactory.getLogger(OnnxRuntimeLibraries.class);
    private static final List<String> LIBRARIES = List.of("onnxruntime", "onnxruntime4j_jni");

    private static boolean installed;

    private OnnxRuntimeLibraries() {}

    /**
     * Points ONNX Runtime at the libraries in the user's cache directory, extracting them there
     * first when missing. Does nothing when {@value #NATIVE_PATH} is already set, and leaves ONNX
     * Runtime to its own temporary copy when the cache cannot be written (logged).
     */
    public static synchronized void install() {
        if (installed || System.getProperty(NATIVE_PATH) != null) {
            return;
        }
        installed = true;
        try {
            extract(cacheRoot(System.getenv())).ifPresent(dir -> System.setProperty(NATIVE_PATH, dir.toString()));
        } catch (IOException | RuntimeException e) {
            LOG.debug("ONNX Runtime will extract its own copy: cannot use the cache directory: {}", e.toString());
        }
    }

    /** {@code $XDG_CACHE_HOME/paperboy}, else {@code ~/.cache/paperboy}. */
    static Path cacheRoot(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("paperboy");
    }

    /**
     * Extracts this platform's libraries under {@code root} unless an equal copy is there, and
     * answers their directory; empty when the jar has none for this platform. Concurrent processes
     * are safe: each file is written under a temporary name and moved into place atomically.
     */
    static Optional<Path> extract(Path root) throws IOException {
        String platform = platform();
        if (platform == null) {
            return Optional.empty();
        }
        String version = Optional.ofNullable(OrtEnvironment.class.getPackage().getImplementationVersion())
                .orElse("unknown");
        Path dir = root.resolve("onnxruntime-" + version + "-" + platform);
        for (String name : LIBRARIES) {
            String file = System.mapLibraryName(name);
            URL resource = OrtEnvironment.class.getResource("/ai/onnxruntime/native/" + platform + "/" + file);
            if (resource == null) {
                return Optional.empty();
            }
            URLConnection connection = resource.openConnection();
            long size = connection.getContentLengthLong();
            Path target = dir.resolve(file);
            if (size >= 0 && Files.isRegularFile(target) && Files.size(target) == size) {
                connection.getInputStream().close();
                continue;
            }
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, file, ".partial");
            try (InputStream in = connection.getInputStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                try {
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(partial);
            }
            LOG.info("Extracted ONNX Runtime's {} to {} (once per version)", file, dir);
        }
        return Optional.of(dir);
    }

    /** ONNX Runtime's name of this platform ({@code linux-x64}, {@code osx-aarch64}, ...), or null. */
    private static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.contains("linux") ? "linux" : os.contains("mac") || os.contains("darwin") ? "osx" : null;
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("aarch64") ? "aarch64" : null;
        return o == null || a == null ? null : o + "-" + a;
    }
}
