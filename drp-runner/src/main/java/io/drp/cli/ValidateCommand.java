package io.drp.cli;

import io.drp.config.ConfigException;
import io.drp.config.ConfigLoader;
import io.drp.config.ConfigWarning;
import io.drp.config.DrpConfig;
import io.drp.config.Durations;
import io.drp.config.ServiceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "validate", header = "Check drp.yaml: every error with file, line and field.",
        description = {"Parses and validates the objectives file without touching any storage and without reading secrets. Warnings are printed on stderr."},
        exitCodeList = {
                "0:the file is valid (warnings are printed)",
                "2:the file is invalid: one line with file, line and field",
                "3:aborted: an unexpected error"},
        footer = {"  drp validate -c drp.yaml",
                "  drp validate -c drp.yaml --format json"})
public final class ValidateCommand extends DrpCommandBase {

    @Mixin
    ConfigOptions options;

    @Mixin
    FormatOptions format;

    @Override
    protected ExitCode execute() {
        DrpConfig cfg;
        try {
            cfg = ConfigLoader.withoutSecrets().load(options.config);
        } catch (ConfigException e) {
            if (format.json()) JsonDocuments.print(out(), JsonDocuments.Validation.of(e));
            throw e;
        }
        if (format.json()) {
            JsonDocuments.print(out(), JsonDocuments.Validation.of(cfg));
            return ExitCode.OK;
        }
        for (ConfigWarning w : cfg.warnings()) {
            err().println("warning: " + w);
        }
        out().printf("%s is valid: %d service(s), %d container(s), scenarios %s%n", options.config,
                cfg.services().size(), cfg.productionContainers().size(), cfg.scenarios());
        out().printf("  backups: container %s, full every %s%s, keep %d chain(s)%n", cfg.backup().container(),
                Durations.format(cfg.backup().fullEvery()),
                cfg.backup().incrementalEvery() == null ? "" : ", incremental every " + Durations.format(cfg.backup().incrementalEvery()),
                cfg.backup().retainChains());
        for (ServiceConfig s : cfg.services()) {
            s.objectives().values().stream().sorted((a, b) -> a.scenario().compareTo(b.scenario())).forEach(o ->
                    out().printf("  %-12s %-16s RTO %-6s RPO %-6s max lost %d%s%n", s.name(), o.scenario(),
                            Durations.format(o.rto()), Durations.format(o.rpo()), o.maxLostObjects(), o.line() == 0 ? "  (built-in default)" : ""));
        }
        out().println("  storage: " + (cfg.storage().isPresent() ? "configured accounts" : "embedded emulator (started by drp)"));
        return ExitCode.OK;
    }
}
