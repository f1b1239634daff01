package io.tributary.lake.schema;

import io.tributary.lake.LakeTable;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a table's recorded schema in step with what its sink writes: at start it evolves the
 * recorded schema by the declared columns (refusing a narrowing) and records the result; each
 * later widening is recorded before rows of it are written. Every change is passed on to
 * {@code next} (an Iceberg table evolving its own schema) after it was recorded.
 */
public final class SchemaRecorder implements SchemaListener {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRecorder.class);

    private final SchemaStore store;
    private final SchemaListener next;

    public SchemaRecorder(SchemaStore store, SchemaListener next) {
        this.store = Objects.requireNonNull(store, "store");
        this.next = Objects.requireNonNull(next, "next");
    }

    /**
     * The schema a sink of {@code table} starts with. {@code next} is told once, even when nothing
     * changed (then with no changes), so it can catch up with a version recorded before a crash.
     *
     * @throws IncompatibleSchemaException when a declared column narrows or changes a recorded type
     */
    public TableSchema start(LakeTable table) throws IOException {
        TableSchema recorded = store.load(table.name());
        TableSchema schema = SchemaEvolution.evolve(table.name(), recorded, table.columns());
        if (schema != recorded) {
            store.save(table.name(), schema);
            LOG.info("Lake table '{}': schema version {} ({})", table.name(), schema.version(),
                    schema.changesSince(recorded.version()));
        }
        next.schemaWidened(new Change(table.name(), recorded, schema, schema.changesSince(recorded.version())));
        return schema;
    }

    @Override
    public void schemaWidened(Change change) throws IOException {
        store.save(change.table(), change.after());
        LOG.info("Lake table '{}': schema version {} ({}); new files get it, open ones are closed",
                change.table(), change.after().version(), change.changes());
        next.schemaWidened(change);
    }
}
