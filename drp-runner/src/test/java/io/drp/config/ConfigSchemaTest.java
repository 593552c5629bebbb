package io.drp.config;

import io.drp.testing.RepoRoot;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The editor schema describes every shipped example, and each example points its editor at it. */
class ConfigSchemaTest {

    private static final Pattern MODELINE = Pattern.compile("^# yaml-language-server: \\$schema=(\\S+)$", Pattern.MULTILINE);

    static List<Path> examples() {
        Path root = RepoRoot.get();
        return List.of(root.resolve("examples/drp.yaml"), root.resolve("drp-runner/src/main/resources/demo/drp.yaml"));
    }

    @Test
    void everyExampleValidatesAgainstTheSchemaAndLoads() throws Exception {
        for (Path example : examples()) {
            String yaml = Files.readString(example);
            assertEquals(Set.of(), ConfigSchema.validate(yaml), example.toString());
            ConfigLoader.withoutSecrets(k -> null).parse(example.toString(), example, yaml, "0".repeat(64));
        }
    }

    @Test
    void everyExampleNamesTheShippedSchemaForItsEditor() throws Exception {
        Path shipped = RepoRoot.get().resolve("drp-runner/src/main/resources" + ConfigSchema.RESOURCE);
        for (Path example : examples()) {
            Matcher m = MODELINE.matcher(Files.readString(example));
            assertTrue(m.find(), example + " has no yaml-language-server modeline");
            Path target = example.getParent().resolve(m.group(1)).normalize();
            assertTrue(Files.isSameFile(shipped, target), example + " points at " + target);
        }
    }

    @Test
    void theSchemaRejectsWhatTheLoaderRejectsInTheExample() throws Exception {
        String yaml = Files.readString(examples().get(0));
        assertFalse(ConfigSchema.validate(yaml.replace("retainChains: 7", "retainChains: 7\n  colour: blue")).isEmpty(), "unknown field");
        assertFalse(ConfigSchema.validate(yaml.replace("rto: 20m", "rto: 0s")).isEmpty(), "zero duration");
        assertFalse(ConfigSchema.validate(yaml.replace("${env:DRP_RECOVERY_SAS}", "sv=2024&sig=abc")).isEmpty(), "literal secret");
        assertFalse(ConfigSchema.validate(yaml.replace("verify: full", "verify: fast")).isEmpty(), "verify mode");
    }
}
