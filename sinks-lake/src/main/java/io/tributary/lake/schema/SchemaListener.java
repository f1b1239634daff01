package io.tributary.lake.schema;

import java.util.List;

/**
 * Told when a sink's table schema widens (a newly declared column at start, an inferred field or a
 * widened type while running), before any row of the wider schema is written. The sink records the
 * new version in {@link SchemaStore}; an Iceberg table adds or widens the same columns in its
 * metadata. A listener that throws stops the sink, which then replays from its committed offsets.
 *
 * <p>Hook: a {@code TableCommitter} that also implements this interface is told by the sink loop,
 * once at start (possibly with no changes, so it can catch up with a version recorded before a
 * crash) and at each widening, always after {@code schema.json} was written. Note that Iceberg
 * promotes only int to long and float to double: an {@code int}/{@code long} to {@code double}
 * widening (an inferred integral column that later sees a fraction) has no Iceberg equivalent.
 */
@FunctionalInterface
public interface SchemaListener {

    SchemaListener NONE = change -> { };

    /**
     * @param change the versions before and after and the column changes between them
     */
    void schemaWidened(Change change) throws java.io.IOException;

    /** One widening: {@code after} is {@code before} plus {@code changes}. */
    record Change(String table, TableSchema before, TableSchema after, List<ColumnChange> changes) {
        public Change {
            changes = List.copyOf(changes);
        }
    }
}
