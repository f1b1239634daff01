package io.tributary.it.pubsub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Works around a packaging bug of the Pub/Sub emulator 0.8.20 (the Debian package google-cloud-cli-pubsub-emulator):
 * its bundled gRPC server calls {@code io.grpc.InternalStatus.asRuntimeException(Status, Metadata, boolean)}, which
 * its bundled grpc-api no longer has. The call happens whenever a client cancels a stream or drops its connection,
 * so the emulator never learns that a streaming pull ended: it keeps handing messages to the dead stream, where they
 * sit until their deadline and then go to a dead stream again. A hub that stopped or crashed would leave its
 * subscription stuck, which real Pub/Sub never does.
 *
 * <p>This compiles a replacement {@code InternalStatus} with the missing method against the emulator's own jar and
 * puts it first on the emulator's class path. Nothing of the hub is changed.
 */
final class StatusShim {

    private static final String SOURCE = """
            package io.grpc;

            /** The emulator's InternalStatus, plus the method its gRPC server calls. */
            public final class InternalStatus {
                public static final Metadata.Key<String> MESSAGE_KEY = Status.MESSAGE_KEY;
                public static final Metadata.Key<Status> CODE_KEY = Status.CODE_KEY;

                private InternalStatus() {
                }

                public static StatusRuntimeException asRuntimeExceptionWithoutStacktrace(Status status, Metadata trailers) {
                    return new StatusRuntimeException(status, trailers);
                }

                public static StatusRuntimeException asRuntimeException(Status status, Metadata trailers, boolean trace) {
                    return new StatusRuntimeException(status, trailers);
                }
            }
            """;

    private StatusShim() {
    }

    /** Compiles the shim into {@code directory} and returns that class folder. */
    static Path compile(Path directory, Path emulatorJar) throws IOException {
        Path source = directory.resolve("src/io/grpc/InternalStatus.java");
        Path classes = directory.resolve("classes");
        Files.createDirectories(source.getParent());
        Files.createDirectories(classes);
        Files.writeString(source, SOURCE, StandardCharsets.UTF_8);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("The Pub/Sub emulator needs a small gRPC fix compiled at start, and this "
                    + "Java runtime has no compiler; run the tests on a JDK");
        }
        int result = compiler.run(null, null, null, "-nowarn", "-cp", emulatorJar.toString(),
                "-d", classes.toString(), source.toString());
        if (result != 0) {
            throw new IllegalStateException("Cannot compile the gRPC fix for the Pub/Sub emulator against " + emulatorJar);
        }
        return classes;
    }
}
