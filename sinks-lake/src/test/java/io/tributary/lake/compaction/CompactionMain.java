package io.tributary.lake.compaction;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** A compaction run in its own JVM, for kill tests: {@code CompactionMain <lake root> <table>}. */
public final class CompactionMain {

    private CompactionMain() {
    }

    public static void main(String[] args) throws Exception {
        ParquetTableCompactor.Result result = new ParquetTableCompactor(Path.of(args[0]), args[1])
                .compact(List.of(), 64L << 20, Instant.now());
        System.out.println("merged " + result.filesMerged() + " files");
    }
}
