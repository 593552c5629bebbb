package io.drp.stack;

import io.drp.config.ConfigException;
import io.drp.stacks.config.StackConfigException;
import io.drp.stacks.inspect.DeclaredStack;
import io.drp.stacks.inspect.StackInspector;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Evaluates the repository's stacks from their Pulumi.&lt;stack&gt;.yaml files, turning config errors into ConfigExceptions. */
public final class Stacks {

    private Stacks() {}

    public static DeclaredStack production(Path file) {
        Map<String, String> cfg = StackConfigFile.read(file);
        try {
            return StackInspector.inspect("production", cfg, Map.of());
        } catch (StackConfigException e) {
            throw new ConfigException(file.toString(), 0, "drp:" + e.key(), e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        }
    }

    /** The recovery stack sees production's outputs through its StackReference, when the production file exists. */
    public static DeclaredStack recovery(Path file, Path productionFile) {
        Map<String, Object> prodOutputs = productionFile != null && Files.isRegularFile(productionFile)
                ? production(productionFile).outputs()
                : Map.of("backupAccountName", "(production stack not evaluated)", "backupBlobEndpoint", "(unknown)",
                        "backupContainer", "(unknown)", "region", "(unknown)");
        Map<String, String> cfg = StackConfigFile.read(file);
        try {
            return StackInspector.inspect("recovery", cfg, prodOutputs);
        } catch (StackConfigException e) {
            throw new ConfigException(file.toString(), 0, "drp:" + e.key(), e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        }
    }
}
