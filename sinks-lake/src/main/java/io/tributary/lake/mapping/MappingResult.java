package io.tributary.lake.mapping;

import java.util.Objects;
import org.apache.avro.generic.GenericRecord;

/** The outcome of mapping one Kafka record: a row for the lake, or the reason it does not fit. */
public sealed interface MappingResult {

    /** A row ready to be written, with its event time in epoch milliseconds (UTC). */
    record Mapped(GenericRecord row, long eventTimeMillis) implements MappingResult {
        public Mapped {
            Objects.requireNonNull(row, "row");
        }
    }

    /** A record that goes to the dead-letter topic; {@code reason} says which value was wrong and why. */
    record Rejected(String reason) implements MappingResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
