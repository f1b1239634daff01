package io.tributary.lake.schema;

import java.util.List;

/** The changes that made version {@code version} of a table's schema out of the one before. */
public record SchemaVersion(int version, List<ColumnChange> changes) {

    public SchemaVersion {
        changes = List.copyOf(changes);
    }
}
