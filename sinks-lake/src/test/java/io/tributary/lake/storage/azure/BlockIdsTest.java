package io.tributary.lake.storage.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.storage.objectstore.StagingMarkers;
import org.junit.jupiter.api.Test;

class BlockIdsTest {

    @Test
    void everyBlockIdOfABlobHasTheSameLengthAndNamesItsTokenAndIndex() {
        String token = StagingMarkers.newToken();
        String first = BlockIds.of(token, 0);
        String last = BlockIds.of(token, 49_999);

        assertThat(first).hasSameSizeAs(last).hasSameSizeAs(BlockIds.of(StagingMarkers.newToken(), 123));
        assertThat(BlockIds.tokenOf(last)).contains(token);
        assertThat(BlockIds.indexOf(last)).isEqualTo(49_999);
    }

    @Test
    void ignoresBlockIdsThatAreNotOurs() {
        assertThat(BlockIds.tokenOf("bm90IG91cnM=")).isEmpty();
        assertThat(BlockIds.tokenOf("%%%")).isEmpty();
    }
}
