package io.drp.ledger;

import io.drp.signing.Ed25519Keys;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Optional;
import java.util.function.Function;

/**
 * Ed25519 signatures over each ledger record's canonical form. The hash chain alone has no key: whoever can
 * write the file can recompute every hash. A signature needs the private key, which the drill host holds
 * and the file does not. The key handling is the backup points' ({@link Ed25519Keys}): one scheme, one key-id rule.
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
        return Ed25519Keys.readPrivate(pem);
    }

    public static PublicKey readPublic(Path pem) {
        return Ed25519Keys.readPublic(pem);
    }

    public static String sign(PrivateKey key, String canonical) {
        return Ed25519Keys.sign(key, canonical);
    }

    public static boolean verify(PublicKey key, String canonical, String signature) {
        return Ed25519Keys.verify(key, canonical, signature);
    }

    /** The first 16 hex digits of the SHA-256 of the public key's DER: {@code openssl pkey -pubin -in key.pub.pem -outform DER | sha256sum}. */
    public static String keyId(PublicKey key) {
        return Ed25519Keys.keyId(key);
    }

    /** The public half of an Ed25519 private key (derived from its seed, then checked by a signature). */
    public static PublicKey publicOf(PrivateKey key) {
        return Ed25519Keys.publicOf(key);
    }
}
