package io.drp.signing;

import io.drp.digest.Sha256;
import io.drp.failure.UsageFailure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys as PEM files (PKCS#8 for the private key, X.509 SubjectPublicKeyInfo for the public one, what
 * {@code openssl genpkey -algorithm ed25519} writes), signatures in base64, and key ids. Shared by everything
 * drp signs, so a key made for one purpose reads the same everywhere. A key id is the first 16 hex digits of the
 * SHA-256 of the public key's DER: it names the key a signature needs without carrying the key, so keys can rotate.
 */
public final class Ed25519Keys {

    private Ed25519Keys() {}

    /** A private key with the id of its public half. */
    public record SigningKey(PrivateKey key, String keyId) {
        @Override
        public String toString() {
            return "SigningKey[" + keyId + "]"; // never the key
        }
    }

    public static PrivateKey readPrivate(Path pem) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new UsageFailure(pem + ": not an Ed25519 private key in PKCS#8 PEM (" + e.getMessage() + "); create one with "
                    + "'openssl genpkey -algorithm ed25519 -out key.pem'");
        }
    }

    public static PublicKey readPublic(Path pem) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new UsageFailure(pem + ": not an Ed25519 public key in PEM (" + e.getMessage() + "); derive it with "
                    + "'openssl pkey -in key.pem -pubout -out key.pub.pem'");
        }
    }

    /** Reads a private key and names it by its public half's key id. */
    public static SigningKey signingKey(Path pem) {
        PrivateKey k = readPrivate(pem);
        return new SigningKey(k, keyId(publicOf(k)));
    }

    public static String keyId(PublicKey key) {
        return Sha256.of(key.getEncoded()).substring(0, 16);
    }

    /**
     * The public half of an Ed25519 private key. The JDK has no call for it, but its key pair generator derives the
     * public key from 32 random bytes, which are the private key: fed the private key's bytes, it rebuilds the pair.
     */
    public static PublicKey publicOf(PrivateKey key) {
        if (!(key instanceof EdECPrivateKey ed) || ed.getBytes().isEmpty()) {
            throw new UsageFailure("not an Ed25519 private key");
        }
        byte[] seed = ed.getBytes().get();
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            g.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
                @Override
                public void nextBytes(byte[] bytes) {
                    System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
                }
            });
            PublicKey derived = g.generateKeyPair().getPublic();
            // a JDK that drew its randomness differently fails here, loudly, rather than signing under a wrong key id
            String probe = "drp key check";
            if (!verify(derived, probe, sign(key, probe))) throw new IllegalStateException("the derived public key does not verify");
            return derived;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM has no Ed25519", e);
        }
    }

    public static String sign(PrivateKey key, String canonical) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with an Ed25519 key", e);
        }
    }

    public static boolean verify(PublicKey key, String canonical, String signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(canonical.getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // a malformed signature is a wrong one
        }
    }

    /**
     * Makes a new key pair as PEM files; the private one readable by its owner only where the file system allows.
     * Refuses to replace an existing file: a key that signed points must outlive them.
     */
    public static void generate(Path privatePem, Path publicPem) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Path dir = privatePem.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path priv = Files.createTempFile(dir, ".key", ".tmp");
            Path pub = Files.createTempFile(dir, ".pub", ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the directory's ACL applies
                }
                Files.writeString(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
                Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
                // the private key first and without replacing: when two processes race, the first pair wins whole
                Files.move(priv, privatePem);
                Files.move(pub, publicPem, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another process made the pair first; its files stand
            } finally {
                Files.deleteIfExists(priv);
                Files.deleteIfExists(pub);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM has no Ed25519", e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(Path pem, String type) {
        String text;
        try {
            text = Files.readString(pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UsageFailure(pem + ": cannot be read (" + e.getMessage() + ")");
        }
        String begin = "-----BEGIN " + type + "-----", end = "-----END " + type + "-----";
        int b = text.indexOf(begin), e = text.indexOf(end);
        if (b < 0 || e < b) throw new UsageFailure(pem + ": no '" + begin + "' block");
        try {
            return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
        } catch (IllegalArgumentException bad) {
            throw new UsageFailure(pem + ": the PEM block is not valid base64");
        }
    }
}
