package io.tributary.lake.compaction;

import java.io.IOException;

/**
 * A table cannot be compacted now or here: another compaction holds it, or its file system cannot
 * exchange two folders atomically. Nothing of the table was changed by the refused run.
 */
public final class CompactionRefusedException extends IOException {

    public CompactionRefusedException(String message) {
        super(message);
    }
}
