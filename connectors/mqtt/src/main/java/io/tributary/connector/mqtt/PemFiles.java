package io.tributary.connector.mqtt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reads PEM files with the JDK alone: X.509 certificates, and private keys in PKCS#8, plain or encrypted
 * (PBES2, as {@code openssl pkcs8 -topk8} writes them). Every failure is an {@link IllegalArgumentException} whose
 * message names the file and says what would be right.
 */
final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    private PemFiles() {
    }

    /** All certificates in the file, in order; at least one. */
    static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(file)) {
                if (block.type().equals("CERTIFICATE")) {
                    certificates.add((X509Certificate) factory.generateCertificate(
                            new ByteArrayInputStream(block.der())));
                }
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException(file + ": not a readable X.509 certificate: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(file + ": no '-----BEGIN CERTIFICATE-----' block found; "
                    + "expected PEM certificates");
        }
        return certificates;
    }

    /**
     * The private key in the file. {@code algorithm} is the key algorithm of the matching certificate (RSA, EC,
     * Ed25519...); {@code password} is needed exactly when the key is encrypted.
     */
    static PrivateKey privateKey(Path file, String algorithm, char[] password) {
        for (Block block : blocks(file)) {
            switch (block.type()) {
                case "PRIVATE KEY":
                    if (password != null) {
                        throw new IllegalArgumentException(file + ": the key is not encrypted, yet keyPassword is set; "
                                + "remove keyPassword");
                    }
                    return decode(file, algorithm, new PKCS8EncodedKeySpec(block.der()));
                case "ENCRYPTED PRIVATE KEY":
                    if (password == null) {
                        throw new IllegalArgumentException(file + ": the key is encrypted; set keyPassword");
                    }
                    return decode(file, algorithm, decrypt(file, block.der(), password));
                case "RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY":
                    throw new IllegalArgumentException(file + ": found a '" + block.type() + "' (PKCS#1/SEC1); "
                            + "convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in " + file.getFileName()
                            + " -out key.pk8.pem");
                default:
                    // certificates or parameters next to the key are skipped
            }
        }
        throw new IllegalArgumentException(file + ": no '-----BEGIN PRIVATE KEY-----' block found; "
                + "expected a PKCS#8 private key in PEM");
    }

    private static PKCS8EncodedKeySpec decrypt(Path file, byte[] der, char[] password) {
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            // for PBES2 the parameters name the real scheme, e.g. PBEWithHmacSHA256AndAES_256
            String scheme = info.getAlgParameters() != null ? info.getAlgParameters().toString() : info.getAlgName();
            SecretKeyFactory factory = SecretKeyFactory.getInstance(scheme);
            Cipher cipher = Cipher.getInstance(scheme);
            cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(new PBEKeySpec(password)), info.getAlgParameters());
            return info.getKeySpec(cipher);
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException(file + ": cannot decrypt the key; is keyPassword right?", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(file + ": cannot decrypt the key (" + e.getMessage()
                    + "); encrypt it with PBES2, e.g. openssl pkcs8 -topk8 -v2 aes-256-cbc", e);
        }
    }

    private static PrivateKey decode(Path file, String algorithm, PKCS8EncodedKeySpec spec) {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(spec);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + ": not a " + algorithm
                    + " private key, which the certificate needs (" + e.getMessage() + ")", e);
        }
    }

    private static List<Block> blocks(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e + ")", e);
        }
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": the '" + m.group(1) + "' block is not valid base64", e);
            }
        }
        return blocks;
    }

    private record Block(String type, byte[] der) {
    }
}
