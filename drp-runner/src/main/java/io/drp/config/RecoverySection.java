package io.drp.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** The {@code recovery:} section of drp.yaml: what rebuilds the recovery environment, and how. */
final class RecoverySection {

    private RecoverySection() {}

    static RecoveryConfig parse(YamlTree node, Path file) {
        Map<String, YamlTree> m = node.mapping(Set.of("target", "stack", "pulumiWorkDir", "stackConfig", "rebuild"));
        RecoveryConfig.Kind kind = RecoveryConfig.Kind.LOCAL;
        if (m.containsKey("target")) {
            String t = m.get("target").nonBlank();
            kind = switch (t) {
                case "local" -> RecoveryConfig.Kind.LOCAL;
                case "pulumi" -> RecoveryConfig.Kind.PULUMI;
                default -> throw m.get("target").error("'" + t + "' is not a target; use local or pulumi");
            };
        }
        String stack = m.containsKey("stack") ? m.get("stack").nonBlank() : "recovery";
        String workDir = m.containsKey("pulumiWorkDir") ? m.get("pulumiWorkDir").nonBlank() : null;
        Path stackConfig = null;
        if (m.containsKey("stackConfig")) {
            Path p = Path.of(m.get("stackConfig").nonBlank());
            Path base = file == null || file.toAbsolutePath().getParent() == null ? Path.of("") : file.toAbsolutePath().getParent();
            stackConfig = p.isAbsolute() ? p : base.resolve(p);
        }
        RecoveryConfig.Rebuild rebuild = null;
        if (m.containsKey("rebuild")) {
            String r = m.get("rebuild").nonBlank();
            rebuild = switch (r) {
                case "ephemeral" -> RecoveryConfig.Rebuild.EPHEMERAL;
                case "standing" -> RecoveryConfig.Rebuild.STANDING;
                default -> throw m.get("rebuild").error("'" + r + "' is not a rebuild mode; use ephemeral or standing");
            };
            if (kind != RecoveryConfig.Kind.PULUMI) {
                throw m.get("rebuild").error("applies to target: pulumi only; the local target always uses the recovery account");
            }
        }
        return new RecoveryConfig(kind, stack, workDir, stackConfig, rebuild);
    }
}
