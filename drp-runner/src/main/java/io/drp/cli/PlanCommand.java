package io.drp.cli;

import io.drp.failure.UsageFailure;
import io.drp.stack.Stacks;
import io.drp.stacks.inspect.DeclaredResource;
import io.drp.stacks.inspect.DeclaredStack;
import io.drp.stacks.inspect.RecordingMocks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "plan", header = "List what a stack declares, evaluated in-process on Pulumi's mock engine.",
        description = {"No Pulumi CLI and no cloud: the stack program runs against Pulumi's mock engine with the drp: config of Pulumi.<stack>.yaml, and every declared resource is listed with its type, name and key properties."},
        exitCodeList = {
                "0:the stack was evaluated and listed",
                "2:invalid usage, or a stack config that does not evaluate",
                "3:aborted: an unexpected error"},
        footer = {"  drp plan --stack production",
                "  drp plan --stack recovery --format json"})
public final class PlanCommand extends DrpCommandBase {

    @Option(names = "--stack", required = true, description = "production or recovery.")
    String stack;

    @Option(names = "--stack-config", paramLabel = "FILE", description = "Stack config (default: Pulumi.<stack>.yaml).")
    Path stackConfig;

    @Option(names = "--production-config", paramLabel = "FILE", defaultValue = "Pulumi.production.yaml",
            description = "For the recovery stack: production's config, whose outputs its StackReference reads (default: ${DEFAULT-VALUE}).")
    Path productionConfig;

    @picocli.CommandLine.Mixin
    FormatOptions format;

    /** Properties worth a column: what a reviewer checks first. */
    static final List<String> KEY_PROPERTIES = List.of("location", "accountName", "sku.name", "kind", "containerName",
            "isVersioningEnabled", "deleteRetentionPolicy.days", "immutabilityPeriodSinceCreationInDays", "retentionInDays",
            "requestUrl", "request.requestUrl", "severity", "name");

    @Override
    protected ExitCode execute() {
        if (!stack.equals("production") && !stack.equals("recovery")) {
            throw new UsageFailure("--stack must be production or recovery");
        }
        Path file = stackConfig != null ? stackConfig : Path.of("Pulumi." + stack + ".yaml");
        DeclaredStack s = stack.equals("production") ? Stacks.production(file) : Stacks.recovery(file, productionConfig);
        if (format.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("schemaVersion", JsonDocuments.SCHEMA_VERSION);
            doc.put("stack", s.stack());
            doc.put("stackConfig", file.toString());
            doc.put("resources", s.resources());
            doc.put("outputs", s.outputs());
            JsonDocuments.print(out(), doc);
            return ExitCode.OK;
        }
        out().println("stack " + s.stack() + " (" + file + "), evaluated on Pulumi's mock engine: " + s.resources().stream()
                .filter(r -> !RecordingMocks.COMPONENT_TYPES.contains(r.type())).count() + " resources");
        for (DeclaredResource r : s.resources()) {
            boolean component = RecordingMocks.COMPONENT_TYPES.contains(r.type());
            StringBuilder props = new StringBuilder();
            for (String k : KEY_PROPERTIES) {
                Object v = r.get(k);
                if (v != null && !(v instanceof Map) && !(v instanceof List)) props.append(' ').append(k).append('=').append(v);
            }
            if (!r.tags().isEmpty()) props.append(" tags=").append(r.tags().size());
            out().printf("  %s%-50s %-45s%s%n", component ? "" : "  ", r.type(), r.name(), props);
        }
        out().println("outputs:");
        s.outputs().forEach((k, v) -> out().printf("  %-28s %s%n", k, v));
        return ExitCode.OK;
    }
}
