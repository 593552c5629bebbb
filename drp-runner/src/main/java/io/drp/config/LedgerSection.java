package io.drp.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code ledger:} section of drp.yaml. Public key paths are relative to drp.yaml, as stackConfig is. */
final class LedgerSection {

    private LedgerSection() {}

    static LedgerConfig parse(YamlTree node, Path file) {
        LedgerConfig d = LedgerConfig.defaults();
        Map<String, YamlTree> l = node.mapping(Set.of("dir", "container", "retentionDays", "publicKeys"));
        List<Path> keys = new ArrayList<>();
        if (l.containsKey("publicKeys")) {
            Path base = file == null || file.toAbsolutePath().getParent() == null ? Path.of("") : file.toAbsolutePath().getParent();
            for (YamlTree k : l.get("publicKeys").sequence()) {
                Path p = Path.of(k.nonBlank());
                Path resolved = p.isAbsolute() ? p : base.resolve(p);
                // checked here so a typo is exit 2 with the line, not a ledger that silently goes unchecked
                if (!Files.isRegularFile(resolved)) {
                    throw k.error("public key file " + resolved + " not found; give the PEM of the ledger's signing key "
                            + "('openssl pkey -in ledger-key.pem -pubout -out ledger-key.pub.pem')");
                }
                keys.add(resolved);
            }
        }
        return new LedgerConfig(
                l.containsKey("dir") ? Path.of(l.get("dir").nonBlank()) : d.dir(),
                l.containsKey("container") ? ConfigLoader.containerName(l.get("container")) : null,
                l.containsKey("retentionDays") ? (int) l.get("retentionDays").longValue(1, 36_500) : d.retentionDays(),
                keys);
    }
}
