package io.tributary.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TopicFiltersTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "fleet/+/telemetry", "+", "#", "a/#", "+/+", "/", "//", "/a", "a//b", "$SYS/#",
            "sport/tennis/+", "a b/c", "$share/g/a/#", "$share/group-1/fleet/+/telemetry", "$share/g/#", "a/+/#"})
    void acceptsValidFilters(String filter) {
        assertThat(TopicFilters.problem(filter)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a/#/b          | '#' must be the last level",
            "#/a            | '#' must be the last level",
            "a#             | '#' must occupy a whole level, as in 'a/#', not 'a#'",
            "a/b#           | '#' must occupy a whole level",
            "a+/b           | '+' must occupy a whole level, as in 'a/+/b', not 'a+'",
            "a/+b           | '+' must occupy a whole level",
            "$share/g       | the filter after the group is missing",
            "$share//a      | the share group name after $share/ is empty",
            "$share/g+/a    | the share group name 'g+' must not contain '+' or '#'",
            "$share/g/      | the filter after $share/g/ is empty",
            "$share/g/a/#/b | '#' must be the last level"})
    void rejectsInvalidFiltersSayingWhatIsWrong(String filter, String message) {
        assertThat(TopicFilters.problem(filter)).contains(message);
    }

    @Test
    void rejectsEmptyAndNullCharacterFilters() {
        assertThat(TopicFilters.problem("")).isEqualTo("a topic filter must not be empty");
        assertThat(TopicFilters.problem("a\u0000b")).contains("null character");
    }

    @Test
    void rejectsOverlongFilters() {
        assertThat(TopicFilters.problem("a".repeat(65_536))).contains("65535 bytes");
    }

    @Test
    void namesTheOffendingElementOfAList() {
        assertThat(TopicFilters.problemInList(List.of("ok/+", "bad/#/x")))
                .isEqualTo("topics[1] 'bad/#/x': '#' must be the last level");
        assertThat(TopicFilters.problemInList(List.of("a/+", "a/+"))).isEqualTo("topics[1] 'a/+' is listed twice");
        assertThat(TopicFilters.problemInList(List.of())).startsWith("give at least one topic filter");
        assertThat(TopicFilters.problemInList(List.of("a/+", "b/#"))).isNull();
    }
}
