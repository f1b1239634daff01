package io.tributary.lake.schema;

import io.tributary.lake.LakeColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reconciles a table's recorded schema with the columns its source declares now: new columns are
 * added, wider types widen the recorded ones, narrower or incompatible types are conflicts.
 * {@code validate} reports the conflicts; the sink refuses to start on them.
 */
public final class SchemaEvolution {

    private SchemaEvolution() {
    }

    /** The outcome: the schema to write with, and every declared column it could not take. */
    public record Reconciled(TableSchema schema, List<SchemaConflict> conflicts) {
        public Reconciled {
            conflicts = List.copyOf(conflicts);
        }
    }

    public static Reconciled reconcile(TableSchema recorded, List<LakeColumn> declared) {
        List<SchemaConflict> conflicts = new ArrayList<>();
        List<SchemaColumn> wanted = new ArrayList<>();
        for (int i = 0; i < declared.size(); i++) {
            LakeColumn column = declared.get(i);
            Optional<SchemaColumn> before = recorded.column(column.name());
            TypeChange change = before.map(b -> TypeChange.of(b.type(), column.type())).orElse(TypeChange.SAME);
            if (change.allowed()) {
                wanted.add(SchemaColumn.declared(column));
            } else {
                conflicts.add(new SchemaConflict(i, column.name(), before.orElseThrow().type(), column.type(), change));
            }
        }
        return new Reconciled(recorded.widen(wanted), conflicts);
    }

    /**
     * The schema a sink of {@code table} writes with: the recorded one evolved by the declared
     * columns.
     *
     * @throws IncompatibleSchemaException when a declared column narrows or changes a recorded type
     */
    public static TableSchema evolve(String table, TableSchema recorded, List<LakeColumn> declared) {
        Reconciled reconciled = reconcile(recorded, declared);
        if (!reconciled.conflicts().isEmpty()) {
            throw new IncompatibleSchemaException(table, reconciled.conflicts());
        }
        return reconciled.schema();
    }
}
