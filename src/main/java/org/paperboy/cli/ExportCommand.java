package org.paperboy.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperboy.ingest.PaperboyJsonFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code paperboy export}: every paper as JSON Lines that {@code import} reads back unchanged. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Write every paper as JSON Lines (Paperboy's format; `import` reads it back with nothing changed).",
            "Prints last: the number of papers written (on stderr when the papers go to stdout)."
        })
final class ExportCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    Main main;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description =
                    "Output file (default stdout); written atomically; " + "a name ending in .gz is gzip-compressed.")
    Path out;

    @Override
    public Integer call() throws IOException {
        ObjectMapper json = new ObjectMapper();
        json.getFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        try (Services s = new Services(main.config(Map.of()))) {
            if (out == null) {
                OutputStream os = new BufferedOutputStream(System.out, 1 << 16);
                long n = write(s, json, os);
                os.flush();
                System.err.println(n + " papers exported");
                return 0;
            }
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, out.getFileName().toString(), ".tmp");
            long n;
            try {
                try (OutputStream file = Files.newOutputStream(tmp);
                        OutputStream os = out.toString().endsWith(".gz")
                                ? new java.util.zip.GZIPOutputStream(new BufferedOutputStream(file, 1 << 16), 1 << 16)
                                : new BufferedOutputStream(file, 1 << 16)) {
                    n = write(s, json, os);
                }
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            System.out.println(n + " papers exported to " + out);
            return 0;
        }
    }

    private static long write(Services s, ObjectMapper json, OutputStream os) {
        return s.papers().forEach(p -> {
            try {
                json.writeValue(os, PaperboyJsonFormat.toJson(json, p));
                os.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
