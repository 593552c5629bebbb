package io.drp.stack;

import io.drp.config.ConfigException;
import io.drp.config.YamlLimits;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the {@code drp:} keys of a Pulumi.&lt;stack&gt;.yaml, so drp can evaluate the stack without the Pulumi CLI. */
public final class StackConfigFile {

    private StackConfigFile() {}

    public static Map<String, String> read(Path file) {
        String label = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(label, 0, "", "stack config not found; create it (see Pulumi.production.yaml) or pass --stack-config");
        } catch (IOException e) {
            throw new ConfigException(label, 0, "", "cannot be read: " + e.getMessage());
        }
        Object doc;
        try {
            YamlLimits.checkDepth(label, text); // before Load, which recurses once per level
            doc = new Load(YamlLimits.settings(label)).loadFromString(text);
        } catch (MarkedYamlEngineException e) {
            throw new ConfigException(label, e.getProblemMark().map(m -> m.getLine() + 1).orElse(0), "", "malformed YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new ConfigException(label, 0, "", "malformed YAML (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
        }
        if (!(doc instanceof Map<?, ?> root) || !(root.get("config") instanceof Map<?, ?> config)) {
            throw new ConfigException(label, 1, "config", "a Pulumi stack file needs a 'config:' mapping");
        }
        Map<String, String> out = new TreeMap<>();
        config.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (!key.startsWith("drp:")) return;
            String value = v instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList())
                    : v instanceof Map<?, ?> m && m.containsKey("value") ? String.valueOf(m.get("value")) : String.valueOf(v);
            out.put(key.substring(4), value);
        });
        return out;
    }
}
