package io.drp.config;

import io.drp.signing.Ed25519Keys;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code backup.signing}: who may write backup points. {@code publicKeys} are the keys a manifest's signature must
 * verify with, by key id; a drill or restore refuses any point not signed by one of them. {@code acceptUnsigned} is
 * the explicit, named opt-out ({@code unsigned: accept}) for a chain drp cannot authenticate; without keys and without
 * it, every run reports the unsigned chain as a blocking finding. {@code signer} is the private key the backup job
 * holds (the file named by {@value #KEY_FILE_ENV}); only the backup uses it.
 */
public record BackupSigning(List<Path> publicKeyFiles, Map<String, PublicKey> publicKeys, boolean acceptUnsigned,
                            Optional<Ed25519Keys.SigningKey> signer) {

    /** Names the backup job's private key (PKCS#8 PEM), alongside the ledger's DRP_LEDGER_SIGNING_KEY_FILE. */
    public static final String KEY_FILE_ENV = "DRP_BACKUP_SIGNING_KEY_FILE";

    /** No keys, no opt-out, no signer: what a drp.yaml without {@code backup.signing} means. */
    public static final BackupSigning NONE = new BackupSigning(List.of(), Map.of(), false, Optional.empty());

    public BackupSigning {
        publicKeyFiles = List.copyOf(publicKeyFiles);
        publicKeys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(publicKeys));
        if (acceptUnsigned && !publicKeys.isEmpty()) {
            throw new IllegalArgumentException("unsigned: accept and publicKeys exclude each other");
        }
    }

    /** True when points must carry a signature by one of {@link #publicKeys}. */
    public boolean verifies() {
        return !publicKeys.isEmpty();
    }

    /** The same policy with one more trusted key and a signer (the embedded emulator's own pair). */
    public BackupSigning withKeyPair(PublicKey publicKey, Ed25519Keys.SigningKey key) {
        Map<String, PublicKey> keys = new LinkedHashMap<>(publicKeys);
        keys.put(Ed25519Keys.keyId(publicKey), publicKey);
        return new BackupSigning(publicKeyFiles, keys, false, signer.isPresent() ? signer : Optional.of(key));
    }
}
