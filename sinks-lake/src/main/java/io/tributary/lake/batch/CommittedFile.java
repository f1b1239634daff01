package io.tributary.lake.batch;

import java.nio.file.Path;

/** A data file made visible under its final name, with the number of rows in it. */
public record CommittedFile(Path path, long records) {
}
