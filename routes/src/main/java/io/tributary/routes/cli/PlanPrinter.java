package io.tributary.routes.cli;

import io.tributary.lake.LakeColumn;
import io.tributary.lake.LakeTable;
import io.tributary.routes.config.LoadedConfig;
import io.tributary.routes.config.SourceConfig;
import io.tributary.routes.envelope.DeviceIdResolver;
import io.tributary.routes.runtime.LakeStorages;
import io.tributary.routes.runtime.LakeTables;
import io.tributary.spec.Durations;
import java.util.Locale;
import java.util.Optional;

/** Renders the plan of a valid config: what reads where and writes what. Only declared, non-secret values appear. */
final class PlanPrinter {

    /** The columns the lake writes for every table, before the declared ones. */
    static final String ENVELOPE = "device_id string, event_time timestamp, ingest_time timestamp, source string, "
            + "kafka_partition int, kafka_offset long";

    private PlanPrinter() {
    }

    static String print(LoadedConfig config) {
        StringBuilder out = new StringBuilder();
        out.append("kafka: ").append(config.hub().bootstrapServers()).append('\n');
        out.append("lake: ").append(LakeStorages.describe(config.hub())).append("\n\n");
        for (SourceConfig source : config.sources()) {
            out.append("source ").append(source.name()).append("  (").append(source.file()).append(")\n");
            out.append("  protocol:   ").append(source.definition().type()).append('\n');
            out.append("  reads:      ").append(source.connector().describeOrigin(source.definition())).append('\n');
            out.append("  kafka:      topic ").append(source.topic()).append(", ").append(source.partitions())
                    .append(" partitions, dead letters to ").append(source.deadLetterTopic()).append('\n');
            out.append("  key:        device id ").append(DeviceIdResolver.forSource(source).describe()).append('\n');
            Optional<LakeTable> lake = LakeTables.of(source);
            if (lake.isEmpty()) {
                out.append("  lake:       (none)\n\n");
                continue;
            }
            LakeTable table = lake.get();
            out.append("  lake table: ").append(table.name()).append(", partitioned by ")
                    .append(describePartitioning(table.partitionBy()))
                    .append(table.eventTimePointer() == null ? " (from ce_time)" : " (from payload " + table.eventTimePointer() + ")")
                    .append('\n');
            if (table.format() instanceof io.tributary.lake.TableFormat.Iceberg iceberg) {
                out.append("  format:     iceberg, catalog ")
                        .append(iceberg.catalog().uri() == null ? "SQLite under the lake root" : iceberg.catalog().uri())
                        .append(", namespace ").append(iceberg.catalog().namespace()).append('\n');
            }
            out.append("  roll:       ").append(table.roll().maxRecords()).append(" records, ")
                    .append(io.tributary.spec.ByteSizes.format(table.roll().maxBytes())).append(", ")
                    .append(Durations.format(table.roll().maxAge())).append(" (whichever first)\n");
            out.append("  columns:    ").append(ENVELOPE).append('\n');
            for (LakeColumn column : table.columns()) {
                out.append("              ").append(column.name()).append(' ')
                        .append(column.type().name().toLowerCase(Locale.ROOT)).append(" <- ").append(column.pointer())
                        .append(column.required() ? " (required)" : "").append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The folders, e.g. "dt (day) of event time" or "dt, hour of event time, device_bucket (16 buckets)". */
    private static String describePartitioning(io.tributary.lake.Partitioning partitioning) {
        if (partitioning.fields().isEmpty()) {
            return "nothing (one folder)";
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (io.tributary.lake.PartitionField field : partitioning.fields()) {
            if (field instanceof io.tributary.lake.PartitionField.Day) {
                parts.add("dt (day) of event time");
            } else if (field instanceof io.tributary.lake.PartitionField.Hour) {
                parts.add("dt, hour of event time");
            } else if (field instanceof io.tributary.lake.PartitionField.DeviceBucket bucket) {
                parts.add("device_bucket (" + bucket.buckets() + " buckets of device id)");
            } else {
                parts.add("device_id");
            }
        }
        return String.join(", ", parts);
    }
}
