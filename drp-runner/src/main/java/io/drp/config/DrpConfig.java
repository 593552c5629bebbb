package io.drp.config;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A loaded and validated {@code drp.yaml}. {@code storage} is empty when the drill runs on the embedded
 * emulator that drp starts itself.
 */
public record DrpConfig(
        Path file,
        String sha256,
        Optional<StorageConfig> storage,
        BackupConfig backup,
        RecoveryConfig recovery,
        List<ServiceConfig> services,
        DrillConfig drill,
        LedgerConfig ledger,
        List<ConfigWarning> warnings,
        WatchConfig watch,
        ServiceHours serviceHours,
        List<RecoveryPlan> plans) {

    public DrpConfig(Path file, String sha256, Optional<StorageConfig> storage, BackupConfig backup, RecoveryConfig recovery,
                     List<ServiceConfig> services, DrillConfig drill, LedgerConfig ledger, List<ConfigWarning> warnings,
                     WatchConfig watch, ServiceHours serviceHours) {
        this(file, sha256, storage, backup, recovery, services, drill, ledger, warnings, watch, serviceHours, List.of());
    }

    public DrpConfig {
        watch = watch == null ? WatchConfig.defaults() : watch;
        serviceHours = serviceHours == null ? ServiceHours.plansDefault() : serviceHours;
        Objects.requireNonNull(storage, "'storage' cannot be null.");
        services = List.copyOf(services);
        warnings = List.copyOf(warnings);
        plans = plans == null ? List.of() : List.copyOf(plans);
    }

    /** The plan that names {@code scenario}, else the built-in one: restore and verify, as before plans existed. */
    public RecoveryPlan planFor(String scenario) {
        return plans.stream().filter(p -> p.scenarios().contains(scenario)).findFirst().orElseGet(RecoveryPlan::builtIn);
    }

    /** Every production container, sorted: the backup walks them in this order so manifests are sorted. */
    public List<String> productionContainers() {
        TreeSet<String> all = new TreeSet<>();
        services.forEach(s -> all.addAll(s.containers()));
        return List.copyOf(all);
    }

    /** The same configuration with another backup policy (the embedded emulator's own signing keys). */
    public DrpConfig withBackup(BackupConfig b) {
        // every field but the backup's, plans included: a copy that dropped one would run another plan than the file's
        return new DrpConfig(file, sha256, storage, b, recovery, services, drill, ledger, warnings, watch, serviceHours, plans);
    }

    public List<String> scenarios() {
        TreeSet<String> all = new TreeSet<>();
        services.forEach(s -> all.addAll(s.objectives().keySet()));
        return List.copyOf(all);
    }

    /**
     * drill.scenario, else the first declared custom scenario (what files written before the built-in levels
     * meant), else level 3: the whole-platform rehearsal, the one the SLA's restore time is about.
     */
    public String defaultScenario() {
        if (drill.scenario() != null) return drill.scenario();
        return scenarios().stream().filter(s -> IncidentLevel.ofScenario(s).isEmpty()).findFirst()
                .orElse(IncidentLevel.LEVEL_3.scenario());
    }

    public Optional<ServiceConfig> serviceOf(String container) {
        return services.stream().filter(s -> s.containers().contains(container))
                .min(Comparator.comparing(ServiceConfig::name));
    }

    /** The service an object ("container/name") belongs to, as reports group it. */
    public String serviceNameOf(String objectPath) {
        int slash = objectPath.indexOf('/');
        return serviceOf(slash < 0 ? objectPath : objectPath.substring(0, slash)).map(ServiceConfig::name).orElse("(undeclared)");
    }
}
