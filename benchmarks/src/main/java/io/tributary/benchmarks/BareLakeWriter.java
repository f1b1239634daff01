package io.tributary.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter.Mode;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * The baseline for the lake sink: a plain KafkaConsumer loop that parses each JSON payload and
 * writes the same columns with AvroParquetWriter, one file per Kafka partition, then commits the
 * offsets once. No roll decisions, no temporary names, no fsync, no dead letters: what is left
 * is the client and the writer.
 */
final class BareLakeWriter {

    /**
     * The lake sink's fetch defaults (sinks-lake's {@code KafkaClientConfig}), so the comparison
     * measures what the sink does around the consumer, not a difference in fetching. Copied, not
     * shared; {@code --client} overrides apply to both sides.
     */
    static final Map<String, Object> SINK_FETCH_DEFAULTS = Map.of(
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000",
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");

    /** Same row group size as the sink with a 128 MB roll, same codec. */
    private static final long ROW_GROUP_BYTES = 128L << 20;
    private static final CompressionCodecName CODEC = CompressionCodecName.ZSTD;
    private static final Duration DEADLINE = Duration.ofMinutes(10);

    static final Schema SCHEMA = schema();

    private final ObjectReader json = new ObjectMapper().readerFor(JsonNode.class);
    private String lastFetchMetrics = "";
    private String phases = "";

    /** Reads {@code expected} records of {@code topic} into {@code dir}; returns the rows written. */
    long run(String bootstrapServers, String topic, String group, long expected, Path dir,
             Map<String, Object> clientProps) throws IOException {
        Map<String, Object> props = new HashMap<>(SINK_FETCH_DEFAULTS);
        props.putAll(clientProps);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Files.createDirectories(dir);
        Map<Integer, ParquetWriter<GenericRecord>> writers = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        long rows = 0;
        long started = System.nanoTime();
        long firstRowAt = 0;
        long lastRowAt = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (rows < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("bare writer read " + rows + " of " + expected + " within " + DEADLINE);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    ParquetWriter<GenericRecord> writer = writers.get(record.partition());
                    if (writer == null) {
                        writer = open(dir.resolve(record.partition() + ".parquet"));
                        writers.put(record.partition(), writer);
                    }
                    if (firstRowAt == 0) {
                        firstRowAt = System.nanoTime();
                    }
                    writer.write(row(record));
                    next.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                    rows++;
                }
            }
            lastRowAt = System.nanoTime();
            for (ParquetWriter<GenericRecord> writer : writers.values()) {
                writer.close();
            }
            consumer.commitSync(next);
            lastFetchMetrics = ClientMetrics.describe(consumer.metrics(), "consumer-fetch-manager-metrics",
                    "fetch-total", "fetch-latency-avg", "fetch-latency-max", "records-per-request-avg", "fetch-size-avg");
        }
        phases = String.format(java.util.Locale.ROOT, "first row after %,d ms, rows written in %,d ms, close %,d ms",
                (firstRowAt - started) / 1_000_000, (lastRowAt - firstRowAt) / 1_000_000,
                (System.nanoTime() - lastRowAt) / 1_000_000);
        return rows;
    }

    /** Where the time of the last run went, as {@link LakeSinkRun#phases()} reports it. */
    String phases() {
        return phases;
    }

    /** The consumer's fetch metrics of the last run, e.g. {@code fetch-latency-avg=6.3}. */
    String fetchMetrics() {
        return lastFetchMetrics;
    }

    private GenericRecord row(ConsumerRecord<byte[], byte[]> record) throws IOException {
        JsonNode payload = json.readValue(record.value());
        GenericData.Record row = new GenericData.Record(SCHEMA);
        row.put(0, record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
        row.put(1, Instant.parse(payload.get("ts").textValue()).toEpochMilli());
        row.put(2, record.timestamp());
        Header source = record.headers().lastHeader("tributary_source");
        row.put(3, source == null ? null : new String(source.value(), StandardCharsets.UTF_8));
        row.put(4, record.partition());
        row.put(5, record.offset());
        row.put(6, payload.get("seq").longValue());
        row.put(7, payload.get("temp").doubleValue());
        row.put(8, payload.get("humidity").doubleValue());
        row.put(9, payload.get("battery").doubleValue());
        return row;
    }

    private static ParquetWriter<GenericRecord> open(Path file) throws IOException {
        return AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration())
                .withDataModel(GenericData.get())
                .withSchema(SCHEMA)
                .withWriteMode(Mode.OVERWRITE)
                .withCompressionCodec(CODEC)
                .withRowGroupSize(ROW_GROUP_BYTES)
                .build();
    }

    /** The columns a lake table with seq, temperature, humidity and battery has. */
    private static Schema schema() {
        Schema timestamp = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        Schema nullableString = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING));
        Schema nullableDouble = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.DOUBLE));
        return SchemaBuilder.record("BareRow").namespace("io.tributary.benchmarks").fields()
                .name("device_id").type(nullableString).withDefault(null)
                .name("event_time").type(timestamp).noDefault()
                .name("ingest_time").type(timestamp).noDefault()
                .name("source").type(nullableString).withDefault(null)
                .name("kafka_partition").type(Schema.create(Schema.Type.INT)).noDefault()
                .name("kafka_offset").type(Schema.create(Schema.Type.LONG)).noDefault()
                .name("seq").type(Schema.create(Schema.Type.LONG)).noDefault()
                .name("temperature").type(nullableDouble).withDefault(null)
                .name("humidity").type(nullableDouble).withDefault(null)
                .name("battery").type(nullableDouble).withDefault(null)
                .endRecord();
    }
}
