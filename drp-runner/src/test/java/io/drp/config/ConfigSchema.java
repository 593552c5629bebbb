package io.drp.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/** The shipped editor schema, and drp.yaml text turned into the JSON an editor's YAML language server checks. */
final class ConfigSchema {

    static final String RESOURCE = "/schema/drp-config.schema.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = load();

    private ConfigSchema() {}

    private static JsonSchema load() {
        try (InputStream in = ConfigSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is not on the classpath");
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** YAML 1.2 core-schema typing, as yaml-language-server reads the file. */
    static JsonNode toJson(String yaml) {
        Object doc = new Load(LoadSettings.builder().build()).loadFromString(yaml);
        return JSON.valueToTree(doc);
    }

    static Set<ValidationMessage> validate(String yaml) {
        return SCHEMA.validate(toJson(yaml));
    }
}
