package io.tributary.lake;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps a misbehaving {@link LakeListener} from breaking the sink: its exceptions are logged. */
final class GuardedListener implements LakeListener {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedListener.class);

    private final LakeListener delegate;

    GuardedListener(LakeListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void recordsWritten(String table, int count) {
        guard(() -> delegate.recordsWritten(table, count), "recordsWritten");
    }

    @Override
    public void fileCommitted(String table, Path file, long records) {
        guard(() -> delegate.fileCommitted(table, file, records), "fileCommitted");
    }

    @Override
    public void deadLettered(String table, String reason) {
        guard(() -> delegate.deadLettered(table, reason), "deadLettered");
    }

    @Override
    public void sinkFailed(String table, Throwable cause) {
        guard(() -> delegate.sinkFailed(table, cause), "sinkFailed");
    }

    private static void guard(Runnable call, String method) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("LakeListener.{} threw; ignored", method, e);
        }
    }
}
