package io.tributary.lake.iceberg;

import io.tributary.lake.EnvelopeColumns;
import io.tributary.lake.PartitionField;
import io.tributary.lake.Partitioning;
import java.util.List;
import org.apache.iceberg.PartitionData;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;

/** A lake table's {@link Partitioning} as an Iceberg partition spec, and a folder's values as a partition tuple. */
public final class IcebergPartitionSpecs {

    private IcebergPartitionSpecs() {
    }

    /** day/hour of {@code event_time}, identity/bucket of {@code device_id}, in the partitioning's order. */
    public static PartitionSpec of(Schema schema, Partitioning partitioning) {
        PartitionSpec.Builder spec = PartitionSpec.builderFor(schema);
        for (PartitionField field : partitioning.fields()) {
            if (field instanceof PartitionField.Day) {
                spec.day(EnvelopeColumns.EVENT_TIME);
            } else if (field instanceof PartitionField.Hour) {
                spec.hour(EnvelopeColumns.EVENT_TIME);
            } else if (field instanceof PartitionField.DeviceId) {
                spec.identity(EnvelopeColumns.DEVICE_ID);
            } else if (field instanceof PartitionField.DeviceBucket bucket) {
                spec.bucket(EnvelopeColumns.DEVICE_ID, bucket.buckets());
            }
        }
        return spec.build();
    }

    /** The partition tuple of a data file, from the values its folder encodes (see PartitionPathResolver#values). */
    public static PartitionData tuple(PartitionSpec spec, List<Object> values) {
        if (values.size() != spec.fields().size()) {
            throw new IllegalArgumentException("partition values " + values + " do not match spec " + spec);
        }
        PartitionData data = new PartitionData(spec.partitionType());
        for (int i = 0; i < values.size(); i++) {
            data.set(i, values.get(i));
        }
        return data;
    }

    /** Whether an existing table's spec partitions like {@code partitioning} (same transforms, same order). */
    public static boolean sameLayout(PartitionSpec existing, PartitionSpec wanted) {
        if (existing.fields().size() != wanted.fields().size()) {
            return false;
        }
        for (int i = 0; i < existing.fields().size(); i++) {
            var a = existing.fields().get(i);
            var b = wanted.fields().get(i);
            String aColumn = existing.schema().findColumnName(a.sourceId());
            String bColumn = wanted.schema().findColumnName(b.sourceId());
            if (!a.transform().toString().equals(b.transform().toString()) || !aColumn.equals(bColumn)) {
                return false;
            }
        }
        return true;
    }
}
