package io.tributary.routes.config;

import io.tributary.spec.ConfigValues;
import io.tributary.spec.Option;
import io.tributary.spec.Section;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The declaration of a source's {@code lake:} section: the table its topic is written into. */
public final class LakeOptions {

    /** Names the lake writes itself; a declared column may not take one. */
    public static final Set<String> ENVELOPE_COLUMNS =
            Set.of("device_id", "event_time", "ingest_time", "source", "kafka_partition", "kafka_offset");

    public static final Option<String> COLUMN_NAME = Option.string("name").required()
            .check(name -> name.matches("[a-z_][a-z0-9_]{0,62}") ? null
                    : "'" + name + "' is not a column name: use a-z, 0-9 and _, starting with a letter or _")
            .check(name -> ENVELOPE_COLUMNS.contains(name) ? "'" + name + "' is an envelope column the lake writes itself"
                    : null)
            .description("Column name.").build();
    public static final Option<String> COLUMN_TYPE = Option.oneOf("type",
                    "string", "int", "long", "double", "float", "boolean", "timestamp").required()
            .description("Column type; timestamp accepts ISO-8601 strings or epoch milliseconds.").build();
    public static final Option<String> COLUMN_PATH = Option.string("path").required().check(Checks.jsonPointer())
            .description("JSON pointer to the value in the payload.").build();
    public static final Option<Boolean> COLUMN_REQUIRED = Option.bool("required").defaultValue(false)
            .description("A record without this value goes to the dead-letter topic instead of getting a null.")
            .build();
    public static final Section COLUMN = Section.builder("One column taken from the JSON payload.")
            .add(COLUMN_NAME, COLUMN_TYPE, COLUMN_PATH, COLUMN_REQUIRED).build();

    public static final Option<Long> ROLL_MAX_RECORDS = Option.longInteger("maxRecords", 1, Long.MAX_VALUE)
            .defaultValue(100_000L)
            .description("Roll files after this many records.").build();
    public static final Option<Long> ROLL_MAX_BYTES = Option.byteSize("maxBytes").defaultValue(128_000_000L)
            .check(n -> n >= 1024 ? null : "must be at least 1KB")
            .description("Roll files when their estimated size reaches this.").build();
    public static final Option<Duration> ROLL_MAX_AGE = Option.duration("maxAge").defaultValue(Duration.ofSeconds(60))
            .check(d -> d.toMillis() >= 100 ? null : "must be at least 100ms")
            .description("Roll files this long after their first record, so data becomes visible.").build();
    public static final Section ROLL = Section.builder("When open files are closed and committed: whichever comes first.")
            .add(ROLL_MAX_RECORDS, ROLL_MAX_BYTES, ROLL_MAX_AGE).build();

    public static final Option<String> TABLE = Option.string("table").required()
            .check(name -> name.matches("[a-z_][a-z0-9_]{0,62}") ? null
                    : "'" + name + "' is not a table name: use a-z, 0-9 and _, starting with a letter or _")
            .description("Table name: the folder under the lake root.").build();
    public static final Option<List<String>> PARTITION_BY = Option.of("partitionBy", new PartitionTransformsType())
            .defaultValue(List.of("day(event_time)"))
            .description("How files are grouped, by event time (UTC) and device id, in this order: day or hour"
                    + " (day(event_time): folder dt=YYYY-MM-DD; hour(event_time): dt=YYYY-MM-DD/hour=HH), or a list"
                    + " adding identity(device_id) (folder device_id=<id, percent-encoded>) or bucket(N, device_id)"
                    + " (folder device_bucket=<0..N-1>, Iceberg's hash). Iceberg tables get the same partition"
                    + " spec.").build();
    public static final Option<String> FORMAT = Option.oneOf("format", "parquet", "iceberg").defaultValue("parquet")
            .description("parquet: Hive-style Parquet folders, offsets in the Kafka group. iceberg: an Iceberg table"
                    + " (same files and folders) in a JDBC catalog; each commit is one snapshot whose summary holds"
                    + " the Kafka offsets, and a restart resumes from it.").build();

    public static final Option<String> CATALOG_URI = Option.string("uri")
            .check(uri -> uri.startsWith("jdbc:") ? null
                    : "'" + uri + "' is not a JDBC URL: use jdbc:sqlite:<file> or jdbc:postgresql://host:port/database")
            .description("JDBC URL of the Iceberg catalog database; when unset, the SQLite file"
                    + " iceberg-catalog.db under the lake root.").build();
    public static final Option<String> CATALOG_USER = Option.string("user")
            .description("Catalog database user.").build();
    public static final Option<String> CATALOG_PASSWORD = Option.string("password").secret()
            .description("Catalog database password.").build();
    public static final Option<String> CATALOG_NAMESPACE = Option.string("namespace").defaultValue("tributary")
            .check(ns -> ns.matches("[a-z_][a-z0-9_]{0,62}") ? null
                    : "'" + ns + "' is not a namespace: use a-z, 0-9 and _, starting with a letter or _")
            .description("Iceberg namespace the table is created in; the warehouse is the lake root.").build();
    public static final Section CATALOG = Section.builder("The Iceberg JDBC catalog of an iceberg table.")
            .add(CATALOG_URI, CATALOG_USER, CATALOG_PASSWORD, CATALOG_NAMESPACE).build();
    public static final Option<ConfigValues> CATALOG_SECTION = Option.section("catalog", CATALOG)
            .description("Iceberg catalog, for format: iceberg.").build();

    public static final Option<String> EVENT_TIME = Option.string("eventTime").check(Checks.jsonPointer())
            .description("JSON pointer to the event time in the payload (ISO-8601 or epoch ms); "
                    + "when unset, the time the protocol gives (ce_time), else the Kafka timestamp.").build();
    public static final Option<List<ConfigValues>> COLUMNS = Option.sectionList("columns", COLUMN)
            .description("Columns taken from the payload, after the envelope columns.").build();
    public static final Option<ConfigValues> ROLL_SECTION = Option.section("roll", ROLL)
            .description("File rolling policy.").build();
    public static final Option<Boolean> INFER_COLUMNS = Option.bool("inferColumns").defaultValue(false)
            .description("Also store top-level payload fields no column reads, as optional columns: strings as"
                    + " string, true/false as boolean, integers as long (widened to double once a fraction is seen),"
                    + " other numbers as double; names lower-cased, other characters replaced by _. Null, object"
                    + " and array values add nothing. A new field or wider type starts new files with the wider"
                    + " schema; older files keep theirs, so readers must union files by name (DuckDB:"
                    + " union_by_name=true). A value the inferred type cannot hold sends the record to the"
                    + " dead-letter topic.").build();
    public static final Option<Integer> MAX_OPEN_FILES = Option.integer("maxOpenFiles", 1, 100_000).defaultValue(64)
            .description("Most Parquet files this table's sink keeps open at once, across its Kafka partitions."
                    + " Beyond it the least recently written file is closed early: complete, but visible only when"
                    + " its batch rolls and commits its offsets, like every other file. Each open file buffers one"
                    + " row group of roll.maxBytes / maxOpenFiles (1 MiB to 128 MiB), which bounds the sink's"
                    + " write buffers to about max(roll.maxBytes, maxOpenFiles x 1 MiB).").build();

    public static final Section LAKE = Section.builder("The lake table this source's topic is written into.")
            .add(TABLE, FORMAT, PARTITION_BY, EVENT_TIME, COLUMNS, ROLL_SECTION, INFER_COLUMNS, MAX_OPEN_FILES,
                    CATALOG_SECTION)
            .rule(values -> {
                if (values.isSet(CATALOG_SECTION) && !"iceberg".equals(values.get(FORMAT))) {
                    values.report(CATALOG_SECTION, "catalog is only used with format: iceberg");
                }
                // inference widens a long column to double once a fraction appears; Iceberg cannot promote long
                // to double, so an inferred Iceberg table would stop at the first such value
                if (Boolean.TRUE.equals(values.get(INFER_COLUMNS)) && "iceberg".equals(values.get(FORMAT))) {
                    values.report(INFER_COLUMNS, "inferColumns is not supported with format: iceberg (Iceberg cannot"
                            + " widen an inferred long column to double); declare the columns instead");
                }
                Set<String> seen = new HashSet<>();
                List<ConfigValues> columns = values.get(COLUMNS);
                for (ConfigValues column : columns == null ? List.<ConfigValues>of() : columns) {
                    if (!seen.add(column.get(COLUMN_NAME))) {
                        column.report(COLUMN_NAME, "column '" + column.get(COLUMN_NAME) + "' is declared twice");
                    }
                }
            })
            .build();

    private LakeOptions() {
    }
}
