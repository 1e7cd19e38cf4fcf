package org.paperboy.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxRuntimeLibrariesTest {

    @TempDir
    Path dir;

    @Test
    void extracts_the_native_libraries_once_per_version_into_the_cache() throws Exception {
        Path extracted = OnnxRuntimeLibraries.extract(dir).orElseThrow();

        assertThat(extracted.getFileName().toString()).isEqualTo("onnxruntime-1.20.0-linux-x64");
        Path library = extracted.resolve("libonnxruntime.so");
        Path jni = extracted.resolve("libonnxruntime4j_jni.so");
        assertThat(Files.size(library)).isEqualTo(16_551_224);
        assertThat(Files.size(jni)).isEqualTo(80_160);
        try (var files = Files.list(extracted)) {
            assertThat(files).hasSize(2); // no partial files left
        }
        FileTime old = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
        Files.setLastModifiedTime(library, old);

        assertThat(OnnxRuntimeLibraries.extract(dir)).hasValue(extracted);
        assertThat(Files.getLastModifiedTime(library)).isEqualTo(old); // not written again

        Files.write(jni, new byte[] {1, 2, 3}); // a damaged copy is replaced
        OnnxRuntimeLibraries.extract(dir);
        assertThat(Files.size(jni)).isEqualTo(80_160);
    }

    @Test
    void the_cache_is_under_xdg_cache_home_or_the_home_directory() {
        assertThat(OnnxRuntimeLibraries.cacheRoot(Map.of("XDG_CACHE_HOME", "/var/cache/me")))
                .isEqualTo(Path.of("/var/cache/me/paperboy"));
        assertThat(OnnxRuntimeLibraries.cacheRoot(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "paperboy"));
    }
}
