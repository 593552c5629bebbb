package io.drp.ledger;

import io.drp.failure.UsageFailure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * Ed25519 signatures over each ledger record's canonical form. The hash chain alone has no key: whoever can
 * write the file can recompute every hash. A signature needs the private key, which the drill host holds
 * and the file does not. Keys are PEM files: PKCS#8 for the private key, X.509 SubjectPublicKeyInfo for the public one.
 */
public final class LedgerSigning {

    /** Names the private key file; unset means records are not signed. */
    public static final String KEY_FILE_ENV = "DRP_LEDGER_SIGNING_KEY_FILE";

    private LedgerSigning() {}

    public static Optional<PrivateKey> fromEnvironment(Function<String, String> env) {
        String file = env.apply(KEY_FILE_ENV);
        return file == null || file.isBlank() ? Optional.empty() : Optional.of(readPrivate(Path.of(file)));
    }

    public static PrivateKey readPrivate(Path pem) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new UsageFailure(pem + ": not an Ed25519 private key in PKCS#8 PEM (" + e.getMessage() + "); create one with "
                    + "'openssl genpkey -algorithm ed25519 -out ledger-key.pem'");
        }
    }

    public static PublicKey readPublic(Path pem) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new UsageFailure(pem + ": not an Ed25519 public key in PEM (" + e.getMessage() + "); derive it with "
                    + "'openssl pkey -in ledger-key.pem -pubout -out ledger-key.pub.pem'");
        }
    }

    public static String sign(PrivateKey key, String canonical) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the ledger key", e);
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
     * The key id records carry: the first 16 hex digits of the SHA-256 of the public key's DER (X.509
     * SubjectPublicKeyInfo) encoding, the same bytes as the PEM's body, so an operator can compute it with
     * {@code openssl pkey -pubin -in key.pub.pem -outform DER | sha256sum}.
     */
    public static String keyId(PublicKey key) {
        return io.drp.digest.Sha256.of(key.getEncoded()).substring(0, 16);
    }

    /**
     * The public half of an Ed25519 private key. The JDK has no call for it, but its key pair generator derives the
     * public key from 32 random bytes, which is exactly what the private key holds: feeding those bytes as the
     * "randomness" yields the pair. A signature made with the private key is checked with the result, so a JDK
     * that drew its randomness differently fails here, loudly, instead of writing records under a wrong key id.
     */
    public static PublicKey publicOf(PrivateKey key) {
        try {
            byte[] seed = KeyFactory.getInstance("Ed25519").getKeySpec(key, java.security.spec.EdECPrivateKeySpec.class).getBytes();
            java.security.SecureRandom fixed = new java.security.SecureRandom() {
                @Override
                public void nextBytes(byte[] bytes) {
                    System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
                }
            };
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("Ed25519");
            g.initialize(java.security.spec.NamedParameterSpec.ED25519, fixed);
            PublicKey derived = g.generateKeyPair().getPublic();
            String probe = "drp ledger key check";
            if (!verify(derived, probe, sign(key, probe))) throw new IllegalStateException("the derived public key does not verify");
            return derived;
        } catch (GeneralSecurityException | IllegalStateException e) {
            throw new IllegalStateException("cannot derive the public key of the ledger signing key (" + e.getMessage() + ")", e);
        }
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
