package io.tributary.lake.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryOffsetsTest {

    @Test
    void roundTripsOffsetsInPartitionOrder() {
        String text = SummaryOffsets.encode(Map.of(10, 5L, 2, 1_000_000_000_000L, 0, 0L));

        assertThat(text).isEqualTo("{\"0\":0,\"2\":1000000000000,\"10\":5}");
        assertThat(SummaryOffsets.decode(Map.of(SummaryOffsets.OFFSETS, text, SummaryOffsets.TOPIC, "t"), "t"))
                .contains(Map.of(0, 0L, 2, 1_000_000_000_000L, 10, 5L));
    }

    @Test
    void ignoresSummariesWithoutOffsetsOrOfAnotherTopic() {
        assertThat(SummaryOffsets.decode(Map.of("added-records", "3"), "t")).isEmpty();
        assertThat(SummaryOffsets.decode(Map.of(SummaryOffsets.OFFSETS, "{\"0\":1}", SummaryOffsets.TOPIC, "other"), "t"))
                .isEmpty();
    }

    @Test
    void rejectsMalformedOffsetsNamingTheValue() {
        for (String bad : new String[] {"not json", "[1]", "{\"x\":1}", "{\"0\":-1}", "{\"0\":\"12\"}", "{\"0\":1.5}"}) {
            assertThatThrownBy(() -> SummaryOffsets.decode(
                    Map.of(SummaryOffsets.OFFSETS, bad, SummaryOffsets.TOPIC, "t"), "t"))
                    .as(bad)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(SummaryOffsets.OFFSETS)
                    .hasMessageContaining(bad);
        }
    }

    @Test
    void mergeKeepsPartitionsThisCommitDoesNotCover() {
        assertThat(SummaryOffsets.merge(Map.of(0, 10L, 1, 20L), Map.of(1, 25L, 2, 3L)))
                .isEqualTo(Map.of(0, 10L, 1, 25L, 2, 3L));
    }
}
