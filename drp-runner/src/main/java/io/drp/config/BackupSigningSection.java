package io.drp.config;

import io.drp.failure.UsageFailure;
import io.drp.signing.Ed25519Keys;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Parses {@code backup.signing}:
 * <pre>
 * signing:
 *   publicKeys: [keys/backup-2026.pub.pem]   # relative to drp.yaml; every point must be signed by one of them
 * # or, to run on a chain drp cannot authenticate, say so by name:
 * signing: { unsigned: accept }
 * </pre>
 * Keys are read now, so a missing or malformed key stops every command before anything runs (exit 2).
 */
final class BackupSigningSection {

    private BackupSigningSection() {}

    static BackupSigning parse(YamlTree node, Path configFile, Function<String, String> env, boolean readSigner) {
        Optional<Ed25519Keys.SigningKey> signer = readSigner ? signer(env) : Optional.empty();
        if (node == null) return new BackupSigning(List.of(), Map.of(), false, signer);
        Map<String, YamlTree> m = node.mapping(Set.of("publicKeys", "unsigned"));
        List<Path> files = new ArrayList<>();
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        if (m.containsKey("publicKeys")) {
            List<YamlTree> items = m.get("publicKeys").sequence();
            if (items.isEmpty()) throw m.get("publicKeys").error("list at least one public key file, or remove publicKeys");
            Path base = configFile == null || configFile.toAbsolutePath().getParent() == null ? Path.of("")
                    : configFile.toAbsolutePath().getParent();
            for (YamlTree item : items) {
                Path file = base.resolve(item.nonBlank());
                PublicKey key;
                try {
                    key = Ed25519Keys.readPublic(file);
                } catch (UsageFailure e) {
                    throw item.error(e.getMessage());
                }
                if (keys.put(Ed25519Keys.keyId(key), key) != null) throw item.error("lists the same key twice; keep one");
                files.add(file);
            }
        }
        boolean accept = false;
        if (m.containsKey("unsigned")) {
            String v = m.get("unsigned").nonBlank();
            if (!v.equals("accept")) {
                throw m.get("unsigned").error("'" + v + "' is not allowed; the only value is 'accept' (run on backup points drp cannot"
                        + " authenticate), or remove the field and declare publicKeys");
            }
            if (!keys.isEmpty()) throw m.get("unsigned").error("cannot go with publicKeys: points are either verified or not; remove one");
            accept = true;
        }
        if (keys.isEmpty() && !accept) {
            throw node.error("declare publicKeys (the backup job's public keys) or 'unsigned: accept'");
        }
        return new BackupSigning(files, keys, accept, signer);
    }

    private static Optional<Ed25519Keys.SigningKey> signer(Function<String, String> env) {
        String file = env.apply(BackupSigning.KEY_FILE_ENV);
        if (file == null || file.isBlank()) return Optional.empty();
        try {
            return Optional.of(Ed25519Keys.signingKey(Path.of(file)));
        } catch (UsageFailure e) {
            throw new UsageFailure(BackupSigning.KEY_FILE_ENV + ": " + e.getMessage());
        }
    }
}
