package io.tributary.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    @Test
    void suggestsTheClosestKnownWord() {
        assertThat(Suggestions.closest("topcis", List.of("topics", "qos", "url"))).contains("topics");
        assertThat(Suggestions.closest("QOS", List.of("topics", "qos"))).contains("qos");
    }

    @Test
    void suggestsNothingWhenEverythingIsFar() {
        assertThat(Suggestions.closest("partitionBy", List.of("qos", "url"))).isEmpty();
    }

    @Test
    void countsATranspositionAsOneEdit() {
        assertThat(Suggestions.distance("qso", "qos")).isEqualTo(1);
    }
}
