package io.tributary.lake.mapping;

import static io.tributary.lake.testing.Records.KAFKA_TIMESTAMP;
import static io.tributary.lake.testing.Records.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.ColumnType;
import io.tributary.lake.LakeColumn;
import io.tributary.lake.LakeTable;
import io.tributary.lake.PartitionGranularity;
import io.tributary.lake.RollPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordMapperTest {

    private static final RollPolicy ROLL = new RollPolicy(1000, 1 << 20, Duration.ofSeconds(60));

    private static LakeTable table(String eventTimePointer, LakeColumn... columns) {
        return new LakeTable("fleet", "telemetry.fleet", "telemetry.fleet.dlq", PartitionGranularity.DAY,
                List.of(columns), ROLL, eventTimePointer);
    }

    private static GenericRecord mapped(RecordMapper mapper, ConsumerRecord<byte[], byte[]> record) {
        MappingResult result = mapper.map(record);
        assertThat(result).isInstanceOf(MappingResult.Mapped.class);
        return ((MappingResult.Mapped) result).row();
    }

    private static String rejected(RecordMapper mapper, ConsumerRecord<byte[], byte[]> record) {
        MappingResult result = mapper.map(record);
        assertThat(result).isInstanceOf(MappingResult.Rejected.class);
        return ((MappingResult.Rejected) result).reason();
    }

    @Test
    void mapsEnvelopeColumnsFromKeyHeadersAndKafkaCoordinates() {
        RecordMapper mapper = new RecordMapper(table(null));
        GenericRecord row = mapped(mapper, record("telemetry.fleet", 2, 41).key("truck-7")
                .header("tributary_source", "fleet-mqtt").header("ce_time", "2026-11-21T07:00:00.125Z")
                .json("{}").build());

        assertThat(row.get("device_id")).isEqualTo("truck-7");
        assertThat(row.get("event_time")).isEqualTo(Instant.parse("2026-11-21T07:00:00.125Z").toEpochMilli());
        assertThat(row.get("ingest_time")).isEqualTo(KAFKA_TIMESTAMP);
        assertThat(row.get("source")).isEqualTo("fleet-mqtt");
        assertThat(row.get("kafka_partition")).isEqualTo(2);
        assertThat(row.get("kafka_offset")).isEqualTo(41L);
    }

    @Test
    void leavesDeviceAndSourceNullWhenKeyAndHeaderAreAbsent() {
        GenericRecord row = mapped(new RecordMapper(table(null)), record("t", 0, 0).key(null).json("{}").build());

        assertThat(row.get("device_id")).isNull();
        assertThat(row.get("source")).isNull();
    }

    @Test
    void mapsEveryColumnTypeFromJsonPointers() {
        RecordMapper mapper = new RecordMapper(table(null,
                new LakeColumn("s", ColumnType.STRING, "/a/s", true),
                new LakeColumn("i", ColumnType.INT, "/a/i", true),
                new LakeColumn("l", ColumnType.LONG, "/l", true),
                new LakeColumn("d", ColumnType.DOUBLE, "/d", true),
                new LakeColumn("f", ColumnType.FLOAT, "/f", true),
                new LakeColumn("b", ColumnType.BOOLEAN, "/b", true),
                new LakeColumn("t", ColumnType.TIMESTAMP, "/list/1", true)));
        GenericRecord row = mapped(mapper, record("t", 0, 0).json("""
                {"a": {"s": "hello", "i": -12}, "l": 9007199254740993, "d": 21.5, "f": 1.25, "b": true,
                 "list": [0, "2026-11-21T09:30:00+01:00"]}""").build());

        assertThat(row.get("s")).isEqualTo("hello");
        assertThat(row.get("i")).isEqualTo(-12);
        assertThat(row.get("l")).isEqualTo(9007199254740993L);
        assertThat(row.get("d")).isEqualTo(21.5);
        assertThat(row.get("f")).isEqualTo(1.25f);
        assertThat(row.get("b")).isEqualTo(true);
        assertThat(row.get("t")).isEqualTo(Instant.parse("2026-11-21T08:30:00Z").toEpochMilli());
    }

    @Test
    void storesNumbersAndBooleansInStringColumnsAsTheirJsonText() {
        RecordMapper mapper = new RecordMapper(table(null, new LakeColumn("s", ColumnType.STRING, "/s", true)));

        assertThat(mapped(mapper, record("t", 0, 0).json("{\"s\": 42}").build()).get("s")).isEqualTo("42");
        assertThat(mapped(mapper, record("t", 0, 0).json("{\"s\": false}").build()).get("s")).isEqualTo("false");
    }

    @Test
    void acceptsIntegersInDoubleColumns() {
        RecordMapper mapper = new RecordMapper(table(null, new LakeColumn("d", ColumnType.DOUBLE, "/d", true)));

        assertThat(mapped(mapper, record("t", 0, 0).json("{\"d\": 3}").build()).get("d")).isEqualTo(3.0);
    }

    @Test
    void writesNullForAnOptionalColumnThatIsMissingOrNull() {
        RecordMapper mapper = new RecordMapper(table(null, new LakeColumn("temp", ColumnType.DOUBLE, "/temp", false)));

        assertThat(mapped(mapper, record("t", 0, 0).json("{}").build()).get("temp")).isNull();
        assertThat(mapped(mapper, record("t", 0, 0).json("{\"temp\": null}").build()).get("temp")).isNull();
    }

    @Test
    void rejectsARequiredColumnThatIsMissing() {
        RecordMapper mapper = new RecordMapper(table(null, new LakeColumn("temp", ColumnType.DOUBLE, "/temp", true)));

        assertThat(rejected(mapper, record("t", 0, 0).json("{\"tmp\": 1}").build()))
                .isEqualTo("required column 'temp' (DOUBLE at /temp) is missing");
    }

    @Test
    void rejectsARequiredColumnThatIsNull() {
        RecordMapper mapper = new RecordMapper(table(null, new LakeColumn("temp", ColumnType.DOUBLE, "/temp", true)));

        assertThat(rejected(mapper, record("t", 0, 0).json("{\"temp\": null}").build()))
                .isEqualTo("required column 'temp' (DOUBLE at /temp) is null");
    }

    @ParameterizedTest(name = "{0} rejects {1}")
    @CsvSource(delimiter = '|', value = {
        "STRING    | {\"a\": 1}            | expected a string, got object",
        "STRING    | [1]                   | expected a string, got array",
        "INT       | \"12\"                | expected an integer, got string \"12\"",
        "INT       | 1.5                   | expected an integer, got number 1.5",
        "INT       | 2147483648            | integer 2147483648 is out of the INT range -2147483648..2147483647",
        "LONG      | 9223372036854775808   | integer 9223372036854775808 is out of the LONG range",
        "LONG      | true                  | expected an integer, got boolean true",
        "DOUBLE    | \"hot\"               | expected a number, got string \"hot\"",
        "DOUBLE    | 1e999                 | is out of the DOUBLE range",
        "FLOAT     | 1e39                  | number 1.0E39 is out of the FLOAT range",
        "BOOLEAN   | \"true\"              | expected true or false, got string \"true\"",
        "BOOLEAN   | 1                     | expected true or false, got number 1",
        "TIMESTAMP | \"yesterday\"         | 'yesterday' is not an ISO-8601 date-time",
        "TIMESTAMP | \"2026-11-21T08:00\"  | '2026-11-21T08:00' has no UTC offset",
        "TIMESTAMP | 1.5e12                | expected epoch milliseconds as an integer, got number 1.5E12",
        "TIMESTAMP | 999999999999999999    | outside the years 1 to 9999",
        "TIMESTAMP | false                 | expected an ISO-8601 string or epoch milliseconds, got boolean false",
    })
    void rejectsAValueOfTheWrongTypeOrRangeNamingColumnAndProblem(ColumnType type, String json, String problem) {
        RecordMapper mapper = new RecordMapper(table(null, new LakeColumn("v", type, "/v", false)));

        String reason = rejected(mapper, record("t", 0, 0).json("{\"v\": " + json + "}").build());

        assertThat(reason).startsWith("column 'v' (" + type + " at /v): ").contains(problem);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not json            | payload is not valid JSON",
        "{\"a\": 1} trailing | payload is not valid JSON",
        "[1, 2]              | payload is array, expected a JSON object",
        "17                  | payload is number 17, expected a JSON object",
    })
    void rejectsPayloadsThatAreNotOneJsonObject(String payload, String reason) {
        RecordMapper mapper = new RecordMapper(table(null));

        assertThat(rejected(mapper, record("t", 0, 0).json(payload).build())).startsWith(reason);
    }

    @Test
    void rejectsAnEmptyOrMissingPayload() {
        RecordMapper mapper = new RecordMapper(table(null));

        assertThat(rejected(mapper, record("t", 0, 0).value(new byte[0]).build())).startsWith("payload is empty");
        assertThat(rejected(mapper, record("t", 0, 0).value(null).build())).startsWith("payload is empty");
    }

    @Test
    void takesEventTimeFromThePayloadAsIsoTextBeforeTheHeader() {
        RecordMapper mapper = new RecordMapper(table("/ts"));
        MappingResult result = mapper.map(record("t", 0, 0).header("ce_time", "2026-01-01T00:00:00Z")
                .json("{\"ts\": \"2026-11-21 23:59:59.999z\"}").build());

        assertThat(((MappingResult.Mapped) result).eventTimeMillis())
                .isEqualTo(Instant.parse("2026-11-21T23:59:59.999Z").toEpochMilli());
    }

    @Test
    void takesEventTimeFromThePayloadAsEpochMillis() {
        RecordMapper mapper = new RecordMapper(table("/meta/ts"));
        GenericRecord row = mapped(mapper, record("t", 0, 0).json("{\"meta\": {\"ts\": 1795335300123}}").build());

        assertThat(row.get("event_time")).isEqualTo(1_795_335_300_123L);
    }

    @Test
    void fallsBackToTheCeTimeHeaderWhenThePayloadHasNoEventTime() {
        RecordMapper mapper = new RecordMapper(table("/ts"));
        GenericRecord row = mapped(mapper, record("t", 0, 0).header("ce_time", "2026-11-20T10:00:00+02:00")
                .json("{\"ts\": null}").build());

        assertThat(row.get("event_time")).isEqualTo(Instant.parse("2026-11-20T08:00:00Z").toEpochMilli());
    }

    @Test
    void fallsBackToTheKafkaTimestampWithoutPayloadTimeOrHeader() {
        GenericRecord row = mapped(new RecordMapper(table("/ts")), record("t", 0, 0).json("{}").build());

        assertThat(row.get("event_time")).isEqualTo(KAFKA_TIMESTAMP);
    }

    @Test
    void rejectsAnUnparseableEventTimeInThePayloadInsteadOfFallingBack() {
        RecordMapper mapper = new RecordMapper(table("/ts"));

        assertThat(rejected(mapper, record("t", 0, 0).header("ce_time", "2026-11-20T10:00:00Z")
                .json("{\"ts\": \"noon\"}").build()))
                .isEqualTo("event time at /ts: 'noon' is not an ISO-8601 date-time such as 2026-11-21T08:15:00Z");
    }

    @Test
    void rejectsAnUnparseableCeTimeHeader() {
        RecordMapper mapper = new RecordMapper(table(null));

        assertThat(rejected(mapper, record("t", 0, 0).header("ce_time", "21/11/2026").json("{}").build()))
                .startsWith("event time in header ce_time: '21/11/2026' is not an ISO-8601 date-time");
    }

    @Test
    void rejectsARecordWithoutKafkaTimestamp() {
        RecordMapper mapper = new RecordMapper(table(null));

        assertThat(rejected(mapper, record("t", 0, 0).timestamp(-1).json("{}").build()))
                .contains("no timestamp");
    }

    @Test
    void mapsTheSameRecordToTheSameRowEveryTime() {
        RecordMapper mapper = new RecordMapper(table("/ts", new LakeColumn("x", ColumnType.LONG, "/x", true)));
        ConsumerRecord<byte[], byte[]> record = record("t", 1, 5).json("{\"ts\": 1795335300000, \"x\": 3}").build();

        RecordMapper again = new RecordMapper(table("/ts", new LakeColumn("x", ColumnType.LONG, "/x", true)));

        assertThat(mapped(again, record)).isEqualTo(mapped(mapper, record));
    }
}
