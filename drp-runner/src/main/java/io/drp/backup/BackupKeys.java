package io.drp.backup;

import io.drp.config.BackupSigning;
import io.drp.config.DrpConfig;
import io.drp.failure.UsageFailure;
import io.drp.signing.Ed25519Keys;

import java.nio.file.Files;
import java.nio.file.Path;

/** Which key a backup signs with, and the embedded emulator's own key pair. */
public final class BackupKeys {

    /** Under the work dir: {@code keys/backup-signing.pem} and {@code keys/backup-signing.pub.pem}. */
    public static final String DIR = "keys";
    static final String PRIVATE = "backup-signing.pem";
    static final String PUBLIC = "backup-signing.pub.pem";

    private BackupKeys() {}

    /**
     * The key a backup signs with; refuses to write a point drills would refuse: keys declared but no private key,
     * or a private key whose public half is not declared.
     */
    static Ed25519Keys.SigningKey signer(BackupSigning signing) {
        Ed25519Keys.SigningKey key = signing.signer().orElse(null);
        if (signing.verifies() && key == null) {
            throw new UsageFailure("backup.signing.publicKeys is set, so every point must be signed: export " + BackupSigning.KEY_FILE_ENV
                    + " naming the backup job's Ed25519 private key (PKCS#8 PEM); nothing was written");
        }
        if (signing.verifies() && !signing.publicKeys().containsKey(key.keyId())) {
            throw new UsageFailure("the key in " + BackupSigning.KEY_FILE_ENV + " (key id " + key.keyId() + ") is not in"
                    + " backup.signing.publicKeys (" + String.join(", ", signing.publicKeys().keySet()) + "); drills would refuse its"
                    + " points: add its public key to publicKeys; nothing was written");
        }
        return key;
    }

    /**
     * When drp.yaml names no storage, drp runs on its own emulator under the work dir, and keeps its own key pair
     * there, made on first use: signing is on from the first run, with nothing to set up. The pair is trusted in
     * addition to any declared key and signs unless {@value BackupSigning#KEY_FILE_ENV} names another. A
     * configuration naming real accounts is returned unchanged: its keys are the operator's to declare.
     */
    public static DrpConfig withWorkDirKeys(DrpConfig cfg, Path workDir) {
        if (cfg.storage().isPresent() || cfg.backup().signing().acceptUnsigned()) return cfg;
        Path dir = workDir.resolve(DIR);
        Path priv = dir.resolve(PRIVATE), pub = dir.resolve(PUBLIC);
        if (!Files.isRegularFile(priv)) Ed25519Keys.generate(priv, pub);
        Ed25519Keys.SigningKey key = Ed25519Keys.signingKey(priv);
        // trusted by the private key's own public half: a lost or edited .pub.pem cannot lock drp out of its points
        return cfg.withBackup(cfg.backup().withSigning(cfg.backup().signing().withKeyPair(Ed25519Keys.publicOf(key.key()), key)));
    }
}
