package io.tributary.pulsar.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.pulsar.PulsarStandalone;
import org.apache.pulsar.broker.ServiceConfiguration;

/**
 * Starts a Pulsar standalone broker (metadata in RocksDB, one bookie, no functions worker, no stream storage) on
 * random ports of 127.0.0.1, in the working directory, and prints one line the tests wait for:
 * {@code PULSAR_READY brokerPort=<port> webPort=<port> tlsPort=<port>}. With the system properties
 * {@value #TLS_CERT}, {@value #TLS_KEY} and {@value #TLS_CA} (PEM files) it also serves TLS on a random port and
 * requires a client certificate signed by that CA there; tlsPort is -1 without them. With {@value #TOKEN_SECRET}
 * and {@value #TOKEN_ADMIN} it requires token authentication (HS256 tokens signed with that key; the role "admin"
 * is a super user).
 *
 * <p>It exits hard ({@link Runtime#halt}) when the start fails, because a failed start leaves non-daemon bookie
 * threads that would keep the JVM alive, and when its standard input ends, which happens when the test JVM that
 * started it is gone: no broker outlives its build.
 */
public final class StandaloneBroker {

    static final String TLS_CERT = "tributary.pulsar.tls.cert";
    static final String TLS_KEY = "tributary.pulsar.tls.key";
    static final String TLS_CA = "tributary.pulsar.tls.ca";
    /** Base64 of the HMAC key that signs tokens; with it, every client must present a token. */
    static final String TOKEN_SECRET = "tributary.pulsar.token.secret";
    /** The token of the broker's own client (a super user), which the standalone uses to set itself up. */
    static final String TOKEN_ADMIN = "tributary.pulsar.token.admin";

    private StandaloneBroker() {
    }

    public static void main(String[] args) {
        try {
            PulsarStandalone standalone = configure(Path.of("").toAbsolutePath());
            standalone.start();
            // the URLs carry the ports the broker bound, not the 0 it was configured with
            System.out.println("PULSAR_READY brokerPort=" + port(standalone.getBrokerServiceUrl()) + " webPort="
                    + port(standalone.getWebServiceUrl()) + " tlsPort=" + tlsPort(standalone));
            System.out.flush();
        } catch (Throwable e) {
            e.printStackTrace();
            System.out.println("PULSAR_FAILED " + e);
            System.out.flush();
            Runtime.getRuntime().halt(1);
        }
        haltWhenStdinEnds();
    }

    /** PulsarStandalone has no getter for its broker; the TLS port is only known to the broker. */
    private static int tlsPort(PulsarStandalone standalone) throws ReflectiveOperationException {
        java.lang.reflect.Field field = PulsarStandalone.class.getDeclaredField("broker");
        field.setAccessible(true);
        org.apache.pulsar.broker.PulsarService broker = (org.apache.pulsar.broker.PulsarService) field.get(standalone);
        return broker.getBrokerListenPortTls().orElse(-1);
    }

    private static int port(String url) {
        return java.net.URI.create(url).getPort();
    }

    private static PulsarStandalone configure(Path work) throws IOException {
        Path bookieConf = work.resolve("bookie.conf");
        Files.writeString(bookieConf, String.join("\n",
                "advertisedAddress=127.0.0.1",
                "listeningInterface=lo",
                "allowLoopback=true",
                "httpServerEnabled=false",
                "dbStorage_writeCacheMaxSizeMb=32",
                "dbStorage_readAheadCacheMaxSizeMb=16",
                "dbStorage_rocksDB_blockCacheSize=16777216",
                "journalSyncData=false",
                ""));

        ServiceConfiguration config = new ServiceConfiguration();
        config.setClusterName("standalone");
        config.setBindAddress("127.0.0.1");
        config.setAdvertisedAddress("127.0.0.1");
        config.setBrokerServicePort(Optional.of(0));
        config.setWebServicePort(Optional.of(0));
        config.setManagedLedgerDefaultEnsembleSize(1);
        config.setManagedLedgerDefaultWriteQuorum(1);
        config.setManagedLedgerDefaultAckQuorum(1);
        config.setTransactionCoordinatorEnabled(false);
        config.setLoadBalancerEnabled(false);
        config.setAllowAutoTopicCreation(true);
        if (System.getProperty(TLS_CERT) != null) {
            config.setBrokerServicePortTls(Optional.of(0));
            config.setTlsCertificateFilePath(System.getProperty(TLS_CERT));
            config.setTlsKeyFilePath(System.getProperty(TLS_KEY));
            config.setTlsTrustCertsFilePath(System.getProperty(TLS_CA));
            config.setTlsRequireTrustedClientCertOnConnect(true);
        }
        if (System.getProperty(TOKEN_SECRET) != null) {
            config.setAuthenticationEnabled(true);
            config.setAuthenticationProviders(
                    java.util.Set.of("org.apache.pulsar.broker.authentication.AuthenticationProviderToken"));
            config.getProperties().setProperty("tokenSecretKey", "data:;base64," + System.getProperty(TOKEN_SECRET));
            config.setSuperUserRoles(java.util.Set.of("admin"));
            config.setBrokerClientAuthenticationPlugin("org.apache.pulsar.client.impl.auth.AuthenticationToken");
            config.setBrokerClientAuthenticationParameters("token:" + System.getProperty(TOKEN_ADMIN));
        }

        PulsarStandalone standalone = new PulsarStandalone();
        standalone.setConfig(config);
        standalone.setConfigFile(bookieConf.toString());
        standalone.setAdvertisedAddress("127.0.0.1");
        standalone.setNoFunctionsWorker(true);
        standalone.setNoStreamStorage(true);
        standalone.setNumOfBk(1);
        standalone.setBkPort(0);
        standalone.setWipeData(true);
        standalone.setBkDir(work.resolve("data/bookkeeper").toString());
        // a folder that does not exist yet makes the standalone keep its metadata in RocksDB, without ZooKeeper
        standalone.setZkDir(work.resolve("data/metadata-" + System.nanoTime()).toString());
        return standalone;
    }

    private static void haltWhenStdinEnds() {
        Thread watcher = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // nothing is sent; the stream only ends
                }
            } catch (IOException e) {
                // same as the end of the stream
            }
            Runtime.getRuntime().halt(0);
        }, "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }
}
