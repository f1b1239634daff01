package io.tributary.routes.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connector.SourceConnectors;
import io.tributary.lake.storage.LakeStorage;
import io.tributary.lake.storage.local.LocalStorage;
import io.tributary.lake.storage.s3.S3Storage;
import io.tributary.routes.runtime.LakeStorages;
import io.tributary.spec.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lake.storage} in hub.yaml: one backend section per type, checked before anything starts. */
class LakeStorageOptionsTest {

    @TempDir
    Path dir;

    @BeforeEach
    void sources() throws IOException {
        Files.createDirectories(dir.resolve("sources"));
        Files.writeString(dir.resolve("sources/fleet.yaml"), ConfigLoaderTest.GOOD);
    }

    private LoadedConfig load(String lake, Map<String, String> env) throws IOException {
        Files.writeString(dir.resolve("hub.yaml"), ConfigLoaderTest.HUB + lake);
        return new ConfigLoader(SourceConnectors.discover(), Variables.of(env)).load(dir);
    }

    private List<String> problems(String lake) throws IOException {
        return load(lake, Map.of()).problems().sorted().stream().map(Problem::toString)
                .map(s -> s.replace(dir.toString() + "/", "")).toList();
    }

    @Test
    void defaultsToTheLocalRootFolder() throws Exception {
        LoadedConfig config = load("lake:\n  root: " + dir.resolve("lake") + "\n", Map.of());
        assertThat(config.problems().sorted()).isEmpty();

        try (LakeStorage storage = LakeStorages.open(config.hub())) {
            assertThat(storage).isInstanceOf(LocalStorage.class);
            assertThat(((LocalStorage) storage).root()).isEqualTo(dir.resolve("lake"));
        }
    }

    @Test
    void buildsAnS3StorageWithSecretsFromTheEnvironment() throws Exception {
        LoadedConfig config = load("""
                lake:
                  storage:
                    type: s3
                    s3:
                      bucket: lake-bucket
                      prefix: warehouse
                      region: eu-west-1
                      endpoint: http://127.0.0.1:9000
                      pathStyle: true
                      accessKeyId: ${S3_KEY}
                      secretAccessKey: ${S3_SECRET}
                      partSize: 16MiB
                """, Map.of("S3_KEY", "AKIDEXAMPLE", "S3_SECRET", "not-logged"));
        assertThat(config.problems().sorted()).isEmpty();

        try (LakeStorage storage = LakeStorages.open(config.hub())) {
            assertThat(storage).isInstanceOf(S3Storage.class);
            assertThat(storage.describe()).contains("lake-bucket", "warehouse", "http://127.0.0.1:9000")
                    .doesNotContain("not-logged", "AKIDEXAMPLE");
        }
    }

    @Test
    void aTypeNeedsItsSectionAndNoOther() throws IOException {
        assertThat(problems("lake:\n  storage:\n    type: s3\n"))
                .containsExactly("hub.yaml:5:5: lake.storage.type: type s3 needs a 's3' section next to it");
        assertThat(problems("lake:\n  storage:\n    type: gcs\n    gcs: { bucket: b }\n    s3: { bucket: b }\n"))
                .containsExactly("hub.yaml:7:5: lake.storage.s3: only used with type s3 (type is gcs)");
    }

    @Test
    void s3NeedsABucket() throws IOException {
        assertThat(problems("lake:\n  storage:\n    type: s3\n    s3:\n      region: eu-west-1\n"))
                .containsExactly("hub.yaml:7:7: lake.storage.s3.bucket: missing required key 'bucket'");
    }

    @Test
    void s3NeedsBothHalvesOfAStaticKey() throws IOException {
        assertThat(load("lake:\n  storage:\n    type: s3\n    s3: { bucket: b, accessKeyId: '${S3_KEY}' }\n",
                Map.of("S3_KEY", "AKID")).problems().sorted().stream().map(Problem::toString).toList())
                .singleElement().satisfies(p -> assertThat(p)
                        .contains("lake.storage.s3.accessKeyId: accessKeyId and secretAccessKey go together"));
    }

    @Test
    void secretsMustComeFromTheEnvironment() throws IOException {
        assertThat(problems("lake:\n  storage:\n    type: s3\n    s3: { bucket: b, accessKeyId: AKID, secretAccessKey: '${S}' }\n"))
                .anySatisfy(p -> assertThat(p).contains("lake.storage.s3.accessKeyId: is a secret"));
    }

    @Test
    void refusesAPartSizeS3WouldRefuse() throws IOException {
        assertThat(problems("lake:\n  storage:\n    type: s3\n    s3: { bucket: b, partSize: 1MB }\n"))
                .singleElement().satisfies(p -> assertThat(p).contains("lake.storage.s3.partSize", "5MiB"));
    }

    @Test
    void azureNeedsExactlyOneWayToAuthenticate() throws IOException {
        assertThat(problems("lake:\n  storage:\n    type: azure\n    azure: { container: lake }\n"))
                .singleElement().satisfies(p -> assertThat(p).contains("lake.storage.azure.accountUrl", "exactly one"));
        assertThat(load("lake:\n  storage:\n    type: azure\n    azure: { container: lake, "
                + "accountUrl: 'https://a.blob.core.windows.net', connectionString: '${AZ}' }\n", Map.of("AZ", "x"))
                .problems().sorted().stream().map(Problem::toString).toList())
                .singleElement().satisfies(p -> assertThat(p).contains("lake.storage.azure.connectionString", "exactly one"));
    }

    @Test
    void gcsChunksAreWholeResumableUnits() throws IOException {
        assertThat(problems("lake:\n  storage:\n    type: gcs\n    gcs: { bucket: b, chunkSize: 300KB }\n"))
                .singleElement().satisfies(p -> assertThat(p).contains("lake.storage.gcs.chunkSize", "256KiB"));
    }

    @Test
    void rejectsAnUnknownKeyInABackendSection() throws IOException {
        assertThat(problems("lake:\n  storage:\n    type: s3\n    s3: { bucket: b, bukcet: c }\n"))
                .singleElement().satisfies(p -> assertThat(p).contains("lake.storage.s3.bukcet", "unknown key"));
    }
}
