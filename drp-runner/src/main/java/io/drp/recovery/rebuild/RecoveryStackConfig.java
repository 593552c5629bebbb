package io.drp.recovery.rebuild;

import com.pulumi.automation.ConfigValue;
import org.snakeyaml.engine.v2.api.Load;
import io.drp.config.YamlLimits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recovery stack's configuration, read from its {@code Pulumi.<stack>.yaml}. The inline program runs
 * in a workspace of its own, so this configuration is copied onto the stack before every update: onto the
 * standing stack as it is, onto a drill's stack with its own name prefix.
 */
public final class RecoveryStackConfig {

    private RecoveryStackConfig() {}

    public static Map<String, ConfigValue> read(Path file) {
        Object doc;
        try {
            String text = Files.readString(file);
            YamlLimits.checkDepth(file.toString(), text); // before Load, which recurses once per level
            doc = new Load(YamlLimits.settings(file.toString())).loadFromString(text);
        } catch (IOException e) {
            throw new RebuildFailure("cannot read the recovery stack's configuration " + file + " (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            throw new RebuildFailure("the recovery stack's configuration " + file + " is not YAML (" + e.getMessage() + ")", e);
        }
        Map<String, ConfigValue> out = new TreeMap<>();
        if (!(doc instanceof Map<?, ?> top) || !(top.get("config") instanceof Map<?, ?> config)) return out;
        for (Map.Entry<?, ?> e : config.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (e.getValue() instanceof Map<?, ?> m && m.containsKey("secure")) {
                // ciphertext is bound to the stack that encrypted it; another stack cannot decrypt it
                throw new RebuildFailure("recovery stack config " + key + " in " + file + " is a secret; a drill stack cannot "
                        + "decrypt another stack's secrets. Provide it through the environment or Pulumi ESC instead");
            }
            out.put(key, new ConfigValue(String.valueOf(e.getValue())));
        }
        return out;
    }
}
