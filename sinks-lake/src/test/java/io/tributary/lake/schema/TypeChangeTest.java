package io.tributary.lake.schema;

import static io.tributary.lake.ColumnType.BOOLEAN;
import static io.tributary.lake.ColumnType.DOUBLE;
import static io.tributary.lake.ColumnType.FLOAT;
import static io.tributary.lake.ColumnType.INT;
import static io.tributary.lake.ColumnType.LONG;
import static io.tributary.lake.ColumnType.STRING;
import static io.tributary.lake.ColumnType.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.ColumnType;
import org.junit.jupiter.api.Test;

class TypeChangeTest {

    @Test
    void allowsOnlyWideningsWhereEveryOldValueFits() {
        assertThat(TypeChange.of(INT, LONG)).isEqualTo(TypeChange.WIDENING);
        assertThat(TypeChange.of(INT, DOUBLE)).isEqualTo(TypeChange.WIDENING);
        assertThat(TypeChange.of(LONG, DOUBLE)).isEqualTo(TypeChange.WIDENING);
        assertThat(TypeChange.of(FLOAT, DOUBLE)).isEqualTo(TypeChange.WIDENING);
        for (ColumnType type : ColumnType.values()) {
            assertThat(TypeChange.of(type, type)).isEqualTo(TypeChange.SAME);
        }
    }

    @Test
    void callsSmallerNumericTypesNarrowing() {
        assertThat(TypeChange.of(DOUBLE, LONG)).isEqualTo(TypeChange.NARROWING);
        assertThat(TypeChange.of(DOUBLE, INT)).isEqualTo(TypeChange.NARROWING);
        assertThat(TypeChange.of(LONG, INT)).isEqualTo(TypeChange.NARROWING);
        assertThat(TypeChange.of(DOUBLE, FLOAT)).isEqualTo(TypeChange.NARROWING);
        assertThat(TypeChange.of(LONG, FLOAT)).isEqualTo(TypeChange.NARROWING);
        assertThat(TypeChange.of(INT, FLOAT)).isEqualTo(TypeChange.NARROWING);
        assertThat(TypeChange.NARROWING.allowed()).isFalse();
    }

    @Test
    void refusesEveryChangeAcrossKinds() {
        for (ColumnType other : ColumnType.values()) {
            if (other != STRING) {
                assertThat(TypeChange.of(STRING, other)).as("string -> %s", other).isEqualTo(TypeChange.INCOMPATIBLE);
                assertThat(TypeChange.of(other, STRING)).as("%s -> string", other).isEqualTo(TypeChange.INCOMPATIBLE);
            }
            if (other != TIMESTAMP) {
                assertThat(TypeChange.of(TIMESTAMP, other)).as("timestamp -> %s", other)
                        .isEqualTo(TypeChange.INCOMPATIBLE);
                assertThat(TypeChange.of(other, TIMESTAMP)).as("%s -> timestamp", other)
                        .isEqualTo(TypeChange.INCOMPATIBLE);
            }
        }
        assertThat(TypeChange.of(BOOLEAN, INT)).isEqualTo(TypeChange.INCOMPATIBLE);
        assertThat(TypeChange.INCOMPATIBLE.allowed()).isFalse();
    }
}
