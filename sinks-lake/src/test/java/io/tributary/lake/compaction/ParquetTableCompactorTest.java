package io.tributary.lake.compaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.lake.commit.CommitManifest;
import io.tributary.lake.commit.ManifestStore;
import io.tributary.lake.compaction.ParquetTableCompactor.FolderResult;
import io.tributary.lake.compaction.ParquetTableCompactor.Result;
import io.tributary.lake.compaction.ParquetTableCompactor.Status;
import io.tributary.lake.file.FileNamer;
import io.tributary.lake.storage.local.LocalStorage;
import io.tributary.lake.testing.DuckDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compaction of plain Parquet partition folders on local disk, read back with DuckDB. */
class ParquetTableCompactorTest {

    private static final String TABLE = "fleet";
    private static final String TOPIC = "telemetry.fleet";
    private static final long TARGET = 64 << 10;

    @TempDir
    Path lake;

    private Path folder(String relative) {
        return lake.resolve(TABLE).resolve(relative);
    }

    private ParquetTableCompactor compactor(FolderCompactor.Steps steps) {
        return new ParquetTableCompactor(lake, TABLE, Duration.ZERO, steps);
    }

    private Result compact(FolderCompactor.Steps steps, String... partitions) throws IOException {
        return compactor(steps).compact(List.of(partitions), TARGET, Instant.now().minus(Duration.ofHours(1)));
    }

    private List<Map<String, Object>> rows() throws Exception {
        return DuckDb.query(lake.resolve(TABLE), "SELECT * FROM {files} ORDER BY kafka_partition, kafka_offset");
    }

    private long count() throws Exception {
        return DuckDb.count(lake.resolve(TABLE), "SELECT count(*) FROM {hive}");
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void mergesSmallFilesKeepingEveryRowOnceAndLeavesLargeFilesAsTheyAre() throws Exception {
        Path hour = folder(SmallParquetFiles.HOUR_FOLDER);
        long next = SmallParquetFiles.write(hour, TOPIC, 0, 0, 30, 10);
        SmallParquetFiles.write(hour, TOPIC, 1, 0, 20, 10);
        // one file at the target size: it must stay the same file
        SmallParquetFiles.writeOne(hour, TOPIC, 0, next, 25_000, SmallParquetFiles.SCHEMA);
        Path large = hour.resolve(FileNamer.finalName(TOPIC, 0, next));
        assertThat(Files.size(large)).isGreaterThanOrEqualTo(TARGET);
        Object largeInode = Files.readAttributes(large, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        List<Map<String, Object>> before = rows();
        assertThat(before).hasSize(30 * 10 + 20 * 10 + 25_000);

        Result result = compact(FolderCompactor.Steps.NONE);

        assertThat(result.merged()).hasSize(1);
        FolderResult merged = result.merged().get(0);
        assertThat(merged.folder()).isEqualTo(SmallParquetFiles.HOUR_FOLDER);
        assertThat(merged.filesBefore()).isEqualTo(51);
        assertThat(merged.filesMerged()).isEqualTo(50);
        assertThat(merged.rowsMerged()).isEqualTo(500);
        List<String> after = names(hour);
        assertThat(after).contains(large.getFileName().toString()).hasSize(merged.filesAfter());
        assertThat(after.stream().filter(n -> n.startsWith("compacted-telemetry.fleet+0+00000000000000000000-"))).hasSize(1);
        assertThat(merged.filesAfter()).isLessThan(5);
        assertThat(Files.readAttributes(large, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
                .isEqualTo(largeInode);
        assertThat(rows()).isEqualTo(before);
        assertThat(lake.resolve(StagingArea.FOLDER).resolve(TABLE)).isEmptyDirectory();
        System.out.printf("compaction: %d files -> %d files, %d rows (all %d rows identical by DuckDB)%n",
                merged.filesBefore(), merged.filesAfter(), merged.rowsMerged(), before.size());

        Result again = compact(FolderCompactor.Steps.NONE);
        assertThat(again.merged()).isEmpty();
        assertThat(again.with(Status.UNCHANGED)).hasSize(1);
        assertThat(names(hour)).isEqualTo(after);
    }

    @Test
    void mergesOnlyFilesOfOneSchemaTogether() throws Exception {
        Path day = folder("dt=2026-01-04");
        long next = SmallParquetFiles.write(day, TOPIC, 0, 0, 4, 10);
        for (int i = 0; i < 3; i++) {
            next = SmallParquetFiles.writeOne(day, TOPIC, 0, next, 10, SmallParquetFiles.WIDER);
        }
        List<Map<String, Object>> before = DuckDb.query(lake.resolve(TABLE),
                "SELECT * FROM read_parquet('" + day + "/*.parquet', union_by_name = true) ORDER BY kafka_offset");

        Result result = compact(FolderCompactor.Steps.NONE);

        assertThat(result.merged()).singleElement().satisfies(f -> {
            assertThat(f.filesMerged()).isEqualTo(7);
            assertThat(f.filesAfter()).isEqualTo(2);
        });
        assertThat(DuckDb.query(lake.resolve(TABLE), "SELECT * FROM read_parquet('" + day
                + "/*.parquet', union_by_name = true) ORDER BY kafka_offset")).isEqualTo(before);
    }

    @Test
    void skipsOpenFoldersAndFoldersAWriterIsAtWorkIn() throws Exception {
        String openHour = DateTimeFormatter.ofPattern("'dt='uuuu-MM-dd'/hour='HH").withZone(ZoneOffset.UTC)
                .format(Instant.now());
        SmallParquetFiles.write(folder(openHour), TOPIC, 0, 0, 3, 10);
        Path staged = folder("dt=2026-01-05/hour=09");
        SmallParquetFiles.write(staged, TOPIC, 0, 100, 3, 10);
        Files.writeString(staged.resolve("." + FileNamer.finalName(TOPIC, 0, 130) + ".0123456789abcdef.tmp"), "half");
        Path publishing = folder("dt=2026-01-05/hour=10");
        SmallParquetFiles.write(publishing, TOPIC, 0, 200, 3, 10);
        new ManifestStore(new LocalStorage(lake), TABLE).write(new CommitManifest("c0ffee", TOPIC, 0, 230, 240,
                List.of(new CommitManifest.FileEntry(TABLE + "/dt=2026-01-05/hour=10/" + FileNamer.finalName(TOPIC, 0, 230),
                        ".x.0123456789abcdef.tmp", 10))));
        Path device = folder("device_id=truck-1");
        SmallParquetFiles.write(device, TOPIC, 0, 300, 3, 10);

        Result result = compact(FolderCompactor.Steps.NONE);

        assertThat(result.merged()).isEmpty();
        assertThat(result.with(Status.SKIPPED)).extracting(FolderResult::folder, FolderResult::reason)
                .anySatisfy(t -> assertThat(t.toList()).containsExactly(openHour, t.toList().get(1))
                        .element(1).asString().startsWith("open: its time range ends at"))
                .anySatisfy(t -> assertThat(t.toList().get(1)).asString().contains("a writer is at work",
                        ".0123456789abcdef.tmp"))
                .anySatisfy(t -> assertThat(t.toList().get(1)).asString().contains("commit c0ffee of telemetry.fleet+0"))
                .anySatisfy(t -> assertThat(t.toList().get(1)).asString().contains("no dt= level"))
                .hasSize(4);
        for (Path untouched : List.of(folder(openHour), staged, publishing, device)) {
            assertThat(names(untouched).stream().filter(n -> n.startsWith("compacted-"))).isEmpty();
        }

        Result named = compact(FolderCompactor.Steps.NONE, "device_id=truck-1");
        assertThat(named.merged()).singleElement().extracting(FolderResult::folder).isEqualTo("device_id=truck-1");
        assertThat(names(device)).hasSize(1);
    }

    @Test
    void refusesASecondCompactionOfTheSameTable() throws Exception {
        SmallParquetFiles.write(folder(SmallParquetFiles.HOUR_FOLDER), TOPIC, 0, 0, 3, 10);
        try (CompactionLock held = CompactionLock.acquire(lake.resolve(TABLE), TABLE)) {
            assertThatThrownBy(() -> compact(FolderCompactor.Steps.NONE))
                    .isInstanceOf(CompactionRefusedException.class)
                    .hasMessageContaining("another compaction of lake table 'fleet' is running");
        }
        assertThat(names(folder(SmallParquetFiles.HOUR_FOLDER))).hasSize(3);
        assertThat(compact(FolderCompactor.Steps.NONE).merged()).hasSize(1);
    }

    @Test
    void exchangesTwoFoldersAtomically() throws Exception {
        Path a = Files.createDirectories(lake.resolve("a"));
        Path b = Files.createDirectories(lake.resolve("b"));
        Files.writeString(a.resolve("in-a"), "a");
        Files.writeString(b.resolve("in-b"), "b");

        AtomicFolderSwap.exchange(a, b);

        assertThat(names(a)).containsExactly("in-b");
        assertThat(names(b)).containsExactly("in-a");
        assertThatThrownBy(() -> AtomicFolderSwap.exchange(a, lake.resolve("missing")))
                .isInstanceOf(IOException.class).hasMessageContaining("ENOENT");
    }

    @Test
    void refusesToExchangeFoldersOnDifferentFileSystems() throws Exception {
        Path shm = Path.of("/dev/shm");
        assertThat(Files.getFileStore(shm)).as("/dev/shm is a tmpfs of its own here").isNotEqualTo(Files.getFileStore(lake));
        Path elsewhere = Files.createTempDirectory(shm, "compaction-test");
        Path here = Files.createDirectories(lake.resolve("here"));
        try {
            assertThatThrownBy(() -> AtomicFolderSwap.exchange(elsewhere, here))
                    .isInstanceOf(CompactionRefusedException.class)
                    .hasMessageContaining("different file systems", "errno 18 EXDEV", here.toString());
        } finally {
            Files.delete(elsewhere);
        }
    }

    @Test
    void movesFilesAWriterAddedDuringCompactionBackIntoTheFolder() throws Exception {
        Path hour = folder(SmallParquetFiles.HOUR_FOLDER);
        long next = SmallParquetFiles.write(hour, TOPIC, 0, 0, 10, 10);
        String late = FileNamer.finalName(TOPIC, 0, next);
        String lateTemp = "." + FileNamer.finalName(TOPIC, 0, next + 10) + ".00112233445566ff.tmp";

        Result result = compact(new FolderCompactor.Steps() {
            @Override
            public void beforeExchange(Path folder) throws IOException {
                SmallParquetFiles.writeOne(folder, TOPIC, 0, next, 10, SmallParquetFiles.SCHEMA);
                Files.writeString(folder.resolve(lateTemp), "being written");
            }
        });

        assertThat(result.merged()).singleElement().satisfies(f -> {
            assertThat(f.filesMerged()).isEqualTo(10);
            assertThat(f.returned()).containsExactlyInAnyOrder(late, lateTemp);
        });
        assertThat(names(hour)).contains(late, lateTemp).hasSize(3);
        assertThat(count()).isEqualTo(110);
    }

    @Test
    void carriesAFilePublishedDuringCompactionOverAndSkipsTheFolderWhenAWriterStarts() throws Exception {
        Path hour = folder(SmallParquetFiles.HOUR_FOLDER);
        long next = SmallParquetFiles.write(hour, TOPIC, 0, 0, 10, 10);
        String published = FileNamer.finalName(TOPIC, 0, next);

        Result result = compact(new FolderCompactor.Steps() {
            @Override
            public void afterBuild(Path folder) throws IOException {
                SmallParquetFiles.writeOne(folder, TOPIC, 0, next, 10, SmallParquetFiles.SCHEMA);
            }
        });

        assertThat(result.merged()).singleElement().satisfies(f -> {
            assertThat(f.filesMerged()).isEqualTo(10);
            assertThat(f.returned()).containsExactly(published);
        });
        assertThat(names(hour)).contains(published).hasSize(2);
        assertThat(count()).isEqualTo(110);

        Path other = folder("dt=2026-01-05/hour=11");
        long otherNext = SmallParquetFiles.write(other, TOPIC, 1, 0, 5, 10);
        List<String> before = names(other);
        Result skipped = compact(new FolderCompactor.Steps() {
            @Override
            public void afterBuild(Path folder) throws IOException {
                if (folder.equals(other)) {
                    Files.writeString(folder.resolve("." + FileNamer.finalName(TOPIC, 1, otherNext)
                            + ".0123456789abcdef.tmp"), "being written");
                }
            }
        }, "dt=2026-01-05/hour=11");
        assertThat(skipped.with(Status.SKIPPED)).singleElement().extracting(FolderResult::reason).asString()
                .startsWith("a writer started in it during compaction: a writer is at work in it");
        assertThat(names(other)).hasSize(before.size() + 1).containsAll(before);
        assertThat(names(lake.resolve(StagingArea.FOLDER).resolve(TABLE))).isEmpty();
    }

    /** An Error escapes every catch, as a kill would stop the run: the next run must finish the job. */
    private static final class Killed extends Error {
        Killed() {
            super("killed");
        }
    }

    @Test
    void aRunKilledAfterTheExchangeIsFinishedByTheNextRun() throws Exception {
        Path hour = folder(SmallParquetFiles.HOUR_FOLDER);
        long next = SmallParquetFiles.write(hour, TOPIC, 0, 0, 10, 10);
        String late = FileNamer.finalName(TOPIC, 0, next);

        assertThatThrownBy(() -> compact(new FolderCompactor.Steps() {
            @Override
            public void beforeExchange(Path folder) throws IOException {
                SmallParquetFiles.writeOne(folder, TOPIC, 0, next, 10, SmallParquetFiles.SCHEMA);
            }

            @Override
            public void afterExchange(Path folder, Path staging) {
                throw new Killed();
            }
        })).isInstanceOf(Killed.class);
        Path base = lake.resolve(StagingArea.FOLDER).resolve(TABLE);
        assertThat(names(base)).hasSize(2); // the staging folder (old files and the late one) and its journal
        assertThat(names(hour)).hasSize(1).allMatch(n -> n.startsWith("compacted-"));
        assertThat(count()).isEqualTo(100); // the late file is in the staging folder until the next run

        Result next2 = compact(FolderCompactor.Steps.NONE);

        assertThat(next2.leftoversCleaned()).singleElement().asString().contains(SmallParquetFiles.HOUR_FOLDER, late);
        assertThat(names(base)).isEmpty();
        assertThat(count()).isEqualTo(110);
    }

    @Test
    void aRunKilledBeforeTheExchangeLeavesTheFolderAsItWasAndTheNextRunCompactsIt() throws Exception {
        Path hour = folder(SmallParquetFiles.HOUR_FOLDER);
        SmallParquetFiles.write(hour, TOPIC, 0, 0, 10, 10);
        List<String> before = names(hour);

        assertThatThrownBy(() -> compact(new FolderCompactor.Steps() {
            @Override
            public void beforeExchange(Path folder) {
                throw new Killed();
            }
        })).isInstanceOf(Killed.class);
        assertThat(names(hour)).isEqualTo(before);
        assertThat(names(lake.resolve(StagingArea.FOLDER).resolve(TABLE))).hasSize(2);

        Result next = compact(FolderCompactor.Steps.NONE);

        assertThat(next.leftoversCleaned()).hasSize(1);
        assertThat(next.merged()).hasSize(1);
        assertThat(names(lake.resolve(StagingArea.FOLDER).resolve(TABLE))).isEmpty();
        assertThat(count()).isEqualTo(100);
    }
}
