package io.tributary.connector.mqtt;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the TLS socket factory of an MQTT client from PEM files: the CA certificates to trust (else the JVM's
 * default trust store) and an optional client certificate with its PKCS#8 key for mutual TLS. Key stores live only
 * in memory.
 */
final class TlsSocketFactories {

    private TlsSocketFactories() {
    }

    /**
     * @param caFile      PEM CA certificates, or null for the JVM's trust store
     * @param certFile    PEM client certificate chain, leaf first, or null (then keyFile must be null too)
     * @param keyFile     PEM PKCS#8 key of the leaf certificate
     * @param keyPassword the password of an encrypted key, else null
     * @throws IllegalArgumentException naming the file when something cannot be read or does not fit
     */
    static SSLSocketFactory build(Path caFile, Path certFile, Path keyFile, char[] keyPassword) {
        TrustManager[] trust = caFile == null ? null : trustManagers(caFile);
        KeyManager[] keys = certFile == null ? null : keyManagers(certFile, keyFile, keyPassword);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, new SecureRandom());
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot initialise TLS: " + e.getMessage(), e);
        }
    }

    private static TrustManager[] trustManagers(Path caFile) {
        List<X509Certificate> cas = PemFiles.certificates(caFile);
        try {
            KeyStore store = emptyStore();
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca-" + i, cas.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(caFile + ": cannot trust these certificates: " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(Path certFile, Path keyFile, char[] keyPassword) {
        List<X509Certificate> chain = PemFiles.certificates(certFile);
        X509Certificate leaf = chain.get(0);
        PrivateKey key = PemFiles.privateKey(keyFile, leaf.getPublicKey().getAlgorithm(), keyPassword);
        requireMatch(leaf, key, certFile, keyFile);
        // the in-memory store needs some password; it never leaves this method
        char[] storePassword = new char[0];
        try {
            KeyStore store = emptyStore();
            store.setKeyEntry("client", key, storePassword, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, storePassword);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(certFile + ", " + keyFile + ": cannot use as a client certificate: "
                    + e.getMessage(), e);
        }
    }

    /** A key from another certificate would only fail in the broker's handshake, with a vaguer message. */
    static void requireMatch(X509Certificate leaf, PrivateKey key, Path certFile, Path keyFile) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) {
            return;
        }
        byte[] probe = new byte[32];
        new SecureRandom().nextBytes(probe);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // fall through: a key that cannot sign for this certificate does not belong to it
        }
        throw new IllegalArgumentException(keyFile + ": the key does not belong to the first certificate in "
                + certFile + " (" + leaf.getSubjectX500Principal().getName() + ")");
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }
}
