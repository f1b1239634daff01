package io.tributary.connector.pubsub;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.pubsub.v1.stub.SubscriberStubSettings;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * How one source reaches Pub/Sub: the emulator in plaintext without credentials, or Google's endpoint with a
 * service-account key file or Application Default Credentials. The key file's content is read once, at start, and
 * goes nowhere but into the credentials object; messages name only the file's path.
 */
final class PubSubConnection implements AutoCloseable {

    private final String emulatorHost;
    private final Path credentialsFile;
    private ManagedChannel emulatorChannel;
    private CredentialsProvider credentials;

    PubSubConnection(String emulatorHost, Path credentialsFile) {
        this.emulatorHost = emulatorHost;
        this.credentialsFile = credentialsFile;
    }

    boolean usesEmulator() {
        return emulatorHost != null;
    }

    /** The channel for admin calls and streaming pulls; for the emulator one plaintext channel shared by both. */
    synchronized TransportChannelProvider channels() {
        if (emulatorHost == null) {
            return SubscriberStubSettings.defaultGrpcTransportProviderBuilder().build();
        }
        if (emulatorChannel == null) {
            emulatorChannel = ManagedChannelBuilder.forTarget(emulatorHost).usePlaintext().build();
        }
        return FixedTransportChannelProvider.create(GrpcTransportChannel.create(emulatorChannel));
    }

    synchronized CredentialsProvider credentials() {
        if (credentials == null) {
            credentials = emulatorHost != null ? NoCredentialsProvider.create() : FixedCredentialsProvider.create(load());
        }
        return credentials;
    }

    private GoogleCredentials load() {
        if (credentialsFile == null) {
            try {
                return GoogleCredentials.getApplicationDefault();
            } catch (IOException e) {
                throw new IllegalStateException("no Application Default Credentials found (set "
                        + "GOOGLE_APPLICATION_CREDENTIALS, run gcloud auth application-default login, or set "
                        + "credentialsFile): " + e.getMessage(), e);
            }
        }
        try (InputStream in = Files.newInputStream(credentialsFile)) {
            return ServiceAccountCredentials.fromStream(in)
                    .createScoped(SubscriberStubSettings.getDefaultServiceScopes());
        } catch (IOException | RuntimeException e) {
            // the parser's message may quote the file, so only the kind of failure is reported
            throw new IllegalStateException("credentialsFile " + credentialsFile.toAbsolutePath()
                    + " is not a readable service-account JSON key (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public synchronized void close() {
        if (emulatorChannel != null) {
            emulatorChannel.shutdown();
            try {
                if (!emulatorChannel.awaitTermination(5, TimeUnit.SECONDS)) {
                    emulatorChannel.shutdownNow();
                }
            } catch (InterruptedException e) {
                emulatorChannel.shutdownNow();
                Thread.currentThread().interrupt();
            }
            emulatorChannel = null;
        }
    }
}
