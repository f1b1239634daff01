package io.tributary.lake.schema;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a table's declared columns cannot evolve its recorded schema; nothing is written then. */
public final class IncompatibleSchemaException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient List<SchemaConflict> conflicts;

    public IncompatibleSchemaException(String table, List<SchemaConflict> conflicts) {
        super("lake table '" + table + "': " + conflicts.stream().map(c -> c.message(table))
                .collect(Collectors.joining("; ")));
        this.conflicts = List.copyOf(conflicts);
    }

    public List<SchemaConflict> conflicts() {
        return conflicts;
    }
}
