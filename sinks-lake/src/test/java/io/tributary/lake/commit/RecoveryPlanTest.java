package io.tributary.lake.commit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.storage.StagedFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecoveryPlanTest {

    private static final String C1 = "11111111-1111-1111-1111-111111111111";
    private static final String C2 = "22222222-2222-2222-2222-222222222222";
    private static final String C3 = "33333333-3333-3333-3333-333333333333";

    private static final StagedFile A = new StagedFile("fleet/dt=1/t+0+00000000000000000000.parquet", "a");
    private static final StagedFile B = new StagedFile("fleet/dt=1/t+0+00000000000000000100.parquet", "b");
    private static final StagedFile B_ZOMBIE = new StagedFile("fleet/dt=1/t+0+00000000000000000100.parquet", "b2");
    private static final StagedFile C = new StagedFile("fleet/dt=2/t+0+00000000000000000200.parquet", "c");

    private static CommitManifest manifest(String id, long from, long to, StagedFile... files) {
        return new CommitManifest(id, "t", 0, from, to, java.util.Arrays.stream(files)
                .map(f -> new CommitManifest.FileEntry(f.path(), f.token(), 10)).toList());
    }

    private static Map<String, CommitManifest> manifests(CommitManifest... manifests) {
        Map<String, CommitManifest> byId = new LinkedHashMap<>();
        for (CommitManifest manifest : manifests) {
            byId.put(manifest.commitId(), manifest);
        }
        return byId;
    }

    @Test
    void rollsTheCommittedManifestForwardAndKeepsItsFiles() {
        CommitManifest committed = manifest(C1, 0, 100, A);

        RecoveryPlan plan = RecoveryPlan.decide(Optional.of(C1), manifests(committed), List.of(A));

        assertThat(plan.rollForward()).contains(committed);
        assertThat(plan.filesToDiscard()).isEmpty();
        assertThat(plan.manifestsToDelete()).isEmpty();
    }

    @Test
    void discardsEveryUncommittedManifestWithItsFilesAndEveryOrphan() {
        CommitManifest committed = manifest(C1, 0, 100, A);
        CommitManifest crashedBeforeCommit = manifest(C2, 100, 200, B);
        CommitManifest zombie = manifest(C3, 100, 300, B_ZOMBIE, C);
        StagedFile orphan = new StagedFile("fleet/dt=3/t+0+00000000000000000300.parquet", "o");

        RecoveryPlan plan = RecoveryPlan.decide(Optional.of(C1), manifests(committed, crashedBeforeCommit, zombie),
                List.of(A, B, B_ZOMBIE, C, orphan));

        assertThat(plan.rollForward()).contains(committed);
        assertThat(plan.manifestsToDelete()).containsExactly(C2, C3);
        assertThat(plan.filesToDiscard()).containsExactlyInAnyOrder(B, B_ZOMBIE, C, orphan);
    }

    @Test
    void rollsNothingForwardWhenTheCommittedManifestIsAlreadyFinished() {
        CommitManifest uncommitted = manifest(C2, 100, 200, B);

        RecoveryPlan plan = RecoveryPlan.decide(Optional.of(C1), manifests(uncommitted), List.of(B));

        assertThat(plan.rollForward()).isEmpty();
        assertThat(plan.manifestsToDelete()).containsExactly(C2);
        assertThat(plan.filesToDiscard()).containsExactly(B);
    }

    @Test
    void discardsEverythingWhenTheCommittedOffsetNamesNoCommit() {
        // first start, or an operator reset the group's offsets: no manifest counts as committed
        RecoveryPlan plan = RecoveryPlan.decide(Optional.empty(), manifests(manifest(C1, 0, 100, A)), List.of(A, C));

        assertThat(plan.rollForward()).isEmpty();
        assertThat(plan.manifestsToDelete()).containsExactly(C1);
        assertThat(plan.filesToDiscard()).containsExactlyInAnyOrder(A, C);
    }

    @Test
    void hasNothingToDoOnACleanPartition() {
        RecoveryPlan plan = RecoveryPlan.decide(Optional.of(C1), Map.of(), List.of());

        assertThat(plan).isEqualTo(new RecoveryPlan(Optional.empty(), List.of(), List.of()));
    }
}
