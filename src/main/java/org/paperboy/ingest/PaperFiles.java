package org.paperboy.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paperboy.paper.InvalidRecordException;
import org.paperboy.paper.Paper;

/**
 * Reads papers from files in any import format without storing them (for offline evaluation):
 * the same detection and mapping as {@code import}; records that would be rejected are counted and
 * skipped, and the first record of an id wins.
 */
public final class PaperFiles {

    /** The papers read and how many records were skipped as invalid. */
    public record Read(List<Paper> papers, int skipped) {}

    private PaperFiles() {}

    /** Every valid paper in {@code files}, in file order. */
    public static Read read(List<Path> files) throws ImportException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Paper> byId = new LinkedHashMap<>();
        int skipped = 0;
        for (Path file : files) {
            SourceFile.checkReadable(file);
            SourceFile source = SourceFile.open(file, null, json);
            try (RecordReader in = source.reader(json)) {
                RawRecord r;
                while ((r = in.next()) != null) {
                    if (r.problem() != null) {
                        skipped++;
                        continue;
                    }
                    try {
                        Paper p = source.format().map(r.parsed());
                        if (p != null) {
                            byId.putIfAbsent(p.id(), p);
                        }
                    } catch (InvalidRecordException e) {
                        skipped++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e.getMessage(), e);
            } finally {
                source.close();
            }
        }
        return new Read(new ArrayList<>(byId.values()), skipped);
    }
}
