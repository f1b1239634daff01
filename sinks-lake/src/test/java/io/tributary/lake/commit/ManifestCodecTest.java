package io.tributary.lake.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;

class ManifestCodecTest {

    private static final CommitManifest MANIFEST = new CommitManifest("0f8fad5b-d9cb-469f-a165-70867728950e",
            "telemetry.fleet", 3, 1000, 3000, List.of(
                    new CommitManifest.FileEntry("fleet/dt=2026-11-21/telemetry.fleet+3+00000000000000001000.parquet",
                            ".telemetry.fleet+3+00000000000000001000.parquet.0123456789abcdef.tmp", 1500),
                    new CommitManifest.FileEntry("fleet/dt=2026-11-22/telemetry.fleet+3+00000000000000001001.parquet",
                            "upload-id/with+odd=chars", 500)));

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void roundTripsEveryField() throws IOException {
        assertThat(ManifestCodec.decode(ManifestCodec.encode(MANIFEST), "m.json")).isEqualTo(MANIFEST);
    }

    @Test
    void writesAVersionedJsonDocument() {
        String json = new String(ManifestCodec.encode(MANIFEST), StandardCharsets.UTF_8);

        assertThat(json).startsWith("{\"version\":1,\"commitId\":\"0f8fad5b-d9cb-469f-a165-70867728950e\"")
                .contains("\"firstOffset\":1000,\"nextOffset\":3000");
    }

    @Test
    void roundTripsAManifestWithoutFiles() throws IOException {
        CommitManifest empty = new CommitManifest("0f8fad5b-d9cb-469f-a165-70867728950e", "t", 0, 5, 6, List.of());

        assertThat(ManifestCodec.decode(ManifestCodec.encode(empty), "m.json")).isEqualTo(empty);
    }

    @Test
    void refusesAnotherVersionInsteadOfSkippingCommittedRows() {
        assertThatThrownBy(() -> ManifestCodec.decode(utf8("{\"version\":2}"), "fleet/_tributary/pending/t+0/x.json"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("fleet/_tributary/pending/t+0/x.json").hasMessageContaining("version 2");
    }

    @Test
    void namesTheMissingFieldAndTheFile() {
        assertThatThrownBy(() -> ManifestCodec.decode(utf8("{\"version\":1,\"commitId\":\"c\",\"topic\":\"t\"}"), "a.json"))
                .isInstanceOf(IOException.class).hasMessage("Commit manifest a.json has no 'partition'");
    }

    @Test
    void refusesTruncatedJson() {
        assertThatThrownBy(() -> ManifestCodec.decode(utf8("{\"version\":1,\"comm"), "a.json"))
                .isInstanceOf(IOException.class).hasMessageContaining("a.json is not valid JSON");
        assertThatThrownBy(() -> ManifestCodec.decode(utf8("[1]"), "a.json"))
                .isInstanceOf(IOException.class).hasMessageContaining("not a JSON object");
    }

    @Test
    void referencesACommitFromTheOffsetMetadataAndIgnoresForeignMetadata() {
        String id = "0f8fad5b-d9cb-469f-a165-70867728950e";
        String metadata = CommitReference.metadata(id);

        assertThat(metadata).isEqualTo("tributary:v1:" + id).hasSizeLessThan(4096);
        assertThat(CommitReference.commitId(new OffsetAndMetadata(5, metadata))).contains(id);
        assertThat(CommitReference.commitId(new OffsetAndMetadata(5, ""))).isEmpty();
        assertThat(CommitReference.commitId(new OffsetAndMetadata(5, "tributary:v1:../../x"))).isEmpty();
        assertThat(CommitReference.commitId(new OffsetAndMetadata(5, "kafka-connect"))).isEmpty();
        assertThat(CommitReference.commitId(null)).isEqualTo(Optional.empty());
    }
}
