package io.drp.cli;

import io.drp.assess.LivePosture;
import io.drp.assess.ReadinessAssessment;
import io.drp.config.ConfigLoader;
import io.drp.config.DrpConfig;
import io.drp.failure.UsageFailure;
import io.drp.model.Finding;
import io.drp.stack.Stacks;
import io.drp.stacks.inspect.DeclaredStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

@Command(name = "assess", header = "Static DR-readiness check of both stacks against the objectives. Exit 1 on a blocking finding.",
        description = {"Evaluates Pulumi.production.yaml and Pulumi.recovery.yaml on Pulumi's mock engine and checks them against drp.yaml: data-store parity, geo-redundancy, backup frequency against the RPO, retention, protections, monitoring and meta-monitoring.",
                "Needs no credentials: secrets in drp.yaml are only read with --live."},
        exitCodeList = {
                "0:ready: no blocking finding",
                "1:not ready: at least one blocking finding",
                "2:invalid usage or configuration; nothing ran",
                "3:aborted: --live could not reach Azure Resource Manager, or an unexpected error"},
        footer = {"  drp assess -c drp.yaml --format json",
                "  drp assess -c drp.yaml --live --subscription 0000-... --resource-group rg-drp-prod"})
public final class AssessCommand extends DrpCommandBase {

    @Mixin
    ConfigOptions options;

    @Option(names = "--production-config", paramLabel = "FILE", defaultValue = "Pulumi.production.yaml", description = "Default: ${DEFAULT-VALUE}.")
    Path production;

    @Option(names = "--recovery-config", paramLabel = "FILE", defaultValue = "Pulumi.recovery.yaml", description = "Default: ${DEFAULT-VALUE}.")
    Path recovery;

    @Mixin
    FormatOptions format;

    @Option(names = "--live", description = "Also check the deployed accounts through Azure Resource Manager (DefaultAzureCredential; read-only).")
    boolean live;

    @Option(names = "--subscription", paramLabel = "ID", description = "With --live: the subscription of the production stack.")
    String subscription;

    @Option(names = "--resource-group", paramLabel = "NAME", description = "With --live: the deployed production resource group (see `pulumi stack output resourceGroupName`).")
    String resourceGroup;

    @Override
    protected ExitCode execute() {
        // static by default: only --live connects, so only --live needs the secrets drp.yaml references
        DrpConfig cfg = (live ? new ConfigLoader() : ConfigLoader.withoutSecrets()).load(options.config);
        DeclaredStack prod = Stacks.production(production);
        DeclaredStack rec = Stacks.recovery(recovery, production);
        List<Finding> all = new java.util.ArrayList<>(ReadinessAssessment.assess(cfg, prod, rec));
        if (live) {
            if (subscription == null || resourceGroup == null) {
                throw new UsageFailure("--live needs --subscription and --resource-group");
            }
            long needed = cfg.backup().fullEvery().multipliedBy(cfg.backup().retainChains()).toDays();
            all.addAll(LivePosture.check(LivePosture.connect(subscription), new LivePosture.Target(resourceGroup,
                    prod.outputText("dataAccountName"), prod.outputText("backupAccountName"), prod.outputText("backupContainer"), needed)));
        }
        List<Finding> findings = all.stream()
                .sorted(Comparator.comparing((Finding f) -> -f.severity().ordinal()).thenComparing(Finding::code)).toList();
        boolean blocking = findings.stream().anyMatch(f -> f.severity() == Finding.Severity.BLOCKING);
        if (format.json()) {
            JsonDocuments.print(out(), new JsonDocuments.Assessment(JsonDocuments.SCHEMA_VERSION, !blocking, options.config.toString(),
                    production.toString(), recovery.toString(), findings));
        } else {
            out().printf("assessed %s and %s against %s%n", production, recovery, options.config);
            for (Finding f : findings) {
                out().printf("  %-8s %-28s %s%n", f.severity(), f.code(), f.message());
                if (f.fix() != null) out().printf("  %-8s %-28s fix: %s%n", "", "", f.fix());
            }
            out().println(blocking ? "NOT READY: blocking findings" : "ready");
        }
        return blocking ? ExitCode.OBJECTIVE_MISSED : ExitCode.OK;
    }
}
