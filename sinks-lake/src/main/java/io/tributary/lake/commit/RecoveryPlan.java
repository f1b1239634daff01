package io.tributary.lake.commit;

import io.tributary.lake.storage.StagedFile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the new owner of a Kafka partition does with what earlier owners left behind; a pure
 * decision, so that every case can be tested without storage or broker.
 *
 * <ul>
 *   <li>The manifest named by the committed offset's metadata was committed: its files are
 *       published (again, harmlessly, if that had happened already), then it is deleted.</li>
 *   <li>Every other manifest was never committed (the writer died or was fenced before or during
 *       its offset commit): its files are discarded and it is deleted. Their records lie at or
 *       after the committed offset and will be read again.</li>
 *   <li>Every other staged leftover of the partition (a crash before the manifest was written, a
 *       zombie still writing) is discarded too, unless the committed manifest refers to it.</li>
 * </ul>
 *
 * @param rollForward       the committed manifest, to publish and then delete
 * @param manifestsToDelete ids of the uncommitted manifests, deleted after their files are discarded
 * @param filesToDiscard    staged files no committed manifest refers to
 */
public record RecoveryPlan(Optional<CommitManifest> rollForward, List<String> manifestsToDelete,
                           List<StagedFile> filesToDiscard) {

    /**
     * @param committedId the commit id in the committed offset's metadata, if any
     * @param manifests   the partition's manifests by commit id
     * @param leftovers   the partition's staged leftovers found in storage
     */
    public static RecoveryPlan decide(Optional<String> committedId, Map<String, CommitManifest> manifests,
                                      Collection<StagedFile> leftovers) {
        Optional<CommitManifest> committed = committedId.map(manifests::get);
        Set<StagedFile> keep = new LinkedHashSet<>();
        committed.ifPresent(manifest -> keep.addAll(stagedFiles(manifest)));
        List<String> uncommitted = new ArrayList<>();
        Set<StagedFile> discard = new LinkedHashSet<>();
        manifests.forEach((id, manifest) -> {
            if (committed.isEmpty() || !committed.get().commitId().equals(id)) {
                uncommitted.add(id);
                discard.addAll(stagedFiles(manifest));
            }
        });
        discard.addAll(leftovers);
        discard.removeAll(keep);
        uncommitted.sort(null);
        return new RecoveryPlan(committed, List.copyOf(uncommitted), List.copyOf(discard));
    }

    static List<StagedFile> stagedFiles(CommitManifest manifest) {
        return manifest.files().stream().map(file -> new StagedFile(file.path(), file.token())).toList();
    }
}
