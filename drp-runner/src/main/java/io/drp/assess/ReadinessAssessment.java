package io.drp.assess;

import io.drp.config.DrpConfig;
import io.drp.config.Durations;
import io.drp.config.ScenarioObjectives;
import io.drp.config.ServiceConfig;
import io.drp.model.Finding.Severity;
import io.drp.model.Finding;
import io.drp.stacks.inspect.DeclaredResource;
import io.drp.stacks.inspect.DeclaredStack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Static DR-readiness check of the two declared stacks against the objectives file, before any drill:
 * parity, geo-redundancy, backup frequency vs RPO, retention, protections, monitoring and meta-monitoring.
 * Pure logic over {@link DeclaredStack}s, so every rule is unit-tested.
 */
public final class ReadinessAssessment {

    static final Set<String> GEO_SKUS = Set.of("Standard_RAGZRS", "Standard_RAGRS", "Standard_GZRS", "Standard_GRS");

    private ReadinessAssessment() {}

    public static List<Finding> assess(DrpConfig cfg, DeclaredStack production, DeclaredStack recovery) {
        List<Finding> out = new ArrayList<>();
        parity(cfg, production, recovery, out);
        geoRedundancy(production, recovery, out);
        backupFrequency(cfg, production, out);
        retention(cfg, production, out);
        protections(production, out);
        monitoring(production, "production", out);
        monitoring(recovery, "recovery", out);
        tags(production, out);
        tags(recovery, out);
        signing(cfg, out);
        if (out.stream().noneMatch(f -> f.severity() != Severity.INFO)) {
            out.add(new Finding(Severity.INFO, "READY", "no blocking or warning finding: the stacks match the objectives", null));
        }
        return out;
    }

    /**
     * Unsigned backup points can be forged by anyone who can write the backup container. With no storage named, drp
     * runs on its own emulator and signs with its own key pair ({@link io.drp.backup.BackupKeys}), so only real
     * accounts need keys declared.
     */
    static void signing(DrpConfig cfg, List<Finding> out) {
        var s = cfg.backup().signing();
        if (s.verifies() || cfg.storage().isEmpty()) return;
        if (s.acceptUnsigned()) {
            out.add(new Finding(Severity.WARNING, "BACKUP_NOT_SIGNED", "backup points are accepted unsigned (backup.signing:"
                    + " { unsigned: accept }): anyone who can write the backup container can add a point a restore would apply",
                    "Declare backup.signing.publicKeys and give the backup job the private key in " + io.drp.config.BackupSigning.KEY_FILE_ENV + "."));
        } else {
            out.add(new Finding(Severity.BLOCKING, "BACKUP_NOT_SIGNED", "drp.yaml declares no backup.signing.publicKeys: backup"
                    + " points cannot be authenticated, so a point anyone wrote into the backup container would be restored",
                    "Create a key pair (openssl genpkey -algorithm ed25519 -out backup-key.pem; openssl pkey -in backup-key.pem -pubout"
                            + " -out backup-key.pub.pem), list the public key under backup.signing.publicKeys and export "
                            + io.drp.config.BackupSigning.KEY_FILE_ENV + " for the backup job; or accept unsigned points with"
                            + " backup.signing: { unsigned: accept }."));
        }
    }

    private static void parity(DrpConfig cfg, DeclaredStack p, DeclaredStack r, List<Finding> out) {
        List<String> prod = p.outputList("dataContainers");
        List<String> rec = r.outputList("recoveryDataContainers");
        for (String c : prod) {
            if (!rec.contains(c)) {
                out.add(new Finding(Severity.BLOCKING, "PARITY_MISSING_TWIN", "production container '" + c + "' has no recovery twin",
                        "Add '" + c + "' to drp:dataContainers in Pulumi.recovery.yaml."));
            }
        }
        for (String c : cfg.productionContainers()) {
            if (!prod.contains(c)) {
                out.add(new Finding(Severity.WARNING, "PARITY_UNDECLARED", "drp.yaml backs up container '" + c
                        + "', which the production stack does not declare", "Declare it in drp:dataContainers of Pulumi.production.yaml, or remove it from drp.yaml."));
            }
        }
        String prodRegion = p.outputText("region");
        String recRegion = r.outputText("region");
        if (prodRegion != null && prodRegion.equals(recRegion)) {
            out.add(new Finding(Severity.BLOCKING, "SAME_REGION", "production and recovery are both in " + prodRegion,
                    "Put the recovery stack in the paired region (drp:region of Pulumi.recovery.yaml)."));
        }
    }

    private static void geoRedundancy(DeclaredStack p, DeclaredStack r, List<Finding> out) {
        String sku = accountSku(p, "backups");
        if (sku == null) {
            out.add(new Finding(Severity.BLOCKING, "NO_BACKUP_ACCOUNT", "the production stack declares no backup account", "Use the BackupVault component."));
        } else if (!GEO_SKUS.contains(sku)) {
            out.add(new Finding(Severity.BLOCKING, "BACKUP_NOT_GEO_REDUNDANT", "the backup account is " + sku
                    + ": a regional outage would take the backups with production", "Use Standard_RAGZRS (or RA-GRS) for the backup account."));
        } else if (!sku.startsWith("Standard_RA")) {
            out.add(new Finding(Severity.WARNING, "BACKUP_SECONDARY_NOT_READABLE", "the backup account is " + sku
                    + ": its secondary copy is not readable until Microsoft fails the account over", "Use the read-access variant (RA-GZRS or RA-GRS)."));
        }
    }

    private static void backupFrequency(DrpConfig cfg, DeclaredStack p, List<Finding> out) {
        Duration every = cfg.backup().pointInterval();
        for (ServiceConfig s : cfg.services()) {
            for (ScenarioObjectives o : s.objectives().values()) {
                if (every.compareTo(o.rpo()) > 0) {
                    out.add(new Finding(Severity.BLOCKING, "BACKUP_TOO_RARE", s.name() + "/" + o.scenario() + ": a backup every "
                            + Durations.format(every) + " cannot meet an RPO of " + Durations.format(o.rpo()),
                            "Set backup.incrementalEvery in drp.yaml (and the backup schedule) to " + Durations.format(o.rpo()) + " or less."));
                }
            }
        }
        Object stackEvery = p.outputs().get("backupEveryMinutes");
        if (stackEvery instanceof Number n && Duration.ofMinutes(n.longValue()).compareTo(every) != 0) {
            out.add(new Finding(Severity.WARNING, "SCHEDULE_DRIFT", "the production stack schedules backups every " + n + " min but drp.yaml says "
                    + Durations.format(every), "Make drp:backupEvery and backup.incrementalEvery agree."));
        }
    }

    private static void retention(DrpConfig cfg, DeclaredStack p, List<Finding> out) {
        long neededDays = cfg.backup().fullEvery().multipliedBy(cfg.backup().retainChains()).toDays();
        List<DeclaredResource> worm = p.ofType("BlobContainerImmutabilityPolicy");
        if (worm.isEmpty()) {
            out.add(new Finding(Severity.BLOCKING, "BACKUPS_NOT_IMMUTABLE", "the backup container has no immutability (WORM) policy: ransomware or a mistake can delete backups",
                    "Use the BackupVault component, which sets a time-based retention policy."));
        } else {
            int days = ((Number) worm.get(0).get("immutabilityPeriodSinceCreationInDays")).intValue();
            if (days < neededDays) {
                out.add(new Finding(Severity.BLOCKING, "RETENTION_TOO_SHORT", "backups are immutable for " + days + " days but drp.yaml keeps "
                        + cfg.backup().retainChains() + " chains of " + Durations.format(cfg.backup().fullEvery()) + " (" + neededDays + " days)",
                        "Raise drp:backupRetentionDays to at least " + neededDays + "."));
            }
        }
        if (p.ofType("ManagementPolicy").isEmpty()) {
            out.add(new Finding(Severity.WARNING, "NO_LIFECYCLE", "no lifecycle rules: old backups stay in the hot tier forever",
                    "Use the BackupVault component's lifecycle rules."));
        }
    }

    private static void protections(DeclaredStack p, List<Finding> out) {
        for (DeclaredResource svc : p.ofType("BlobServiceProperties")) {
            if (!Boolean.TRUE.equals(svc.get("isVersioningEnabled"))) {
                out.add(new Finding(Severity.BLOCKING, "NO_VERSIONING", svc.name() + ": blob versioning is off", "Enable isVersioningEnabled."));
            }
            if (!Boolean.TRUE.equals(svc.get("deleteRetentionPolicy.enabled"))) {
                out.add(new Finding(Severity.BLOCKING, "NO_SOFT_DELETE", svc.name() + ": blob soft delete is off", "Enable deleteRetentionPolicy."));
            }
            if (!Boolean.TRUE.equals(svc.get("containerDeleteRetentionPolicy.enabled"))) {
                out.add(new Finding(Severity.WARNING, "NO_CONTAINER_SOFT_DELETE", svc.name() + ": container soft delete is off", "Enable containerDeleteRetentionPolicy."));
            }
        }
    }

    private static void monitoring(DeclaredStack s, String label, List<Finding> out) {
        if (s.ofType("Workspace").isEmpty() || s.ofType("Component").isEmpty()) {
            out.add(new Finding(Severity.BLOCKING, "NO_MONITORING", label + ": no Log Analytics workspace or Application Insights",
                    "Use the Monitoring component."));
        }
        if (s.ofType("ActionGroup").isEmpty()) {
            out.add(new Finding(Severity.BLOCKING, "NO_ALERT_RECEIVER", label + ": no action group: alerts would reach nobody", "Set drp:alertEmail."));
        }
        long storageAlerts = s.ofType("MetricAlert").stream().filter(a -> "Availability".equals(metricName(a))).count();
        long accounts = s.ofType("StorageAccount").size();
        if (storageAlerts < accounts) {
            out.add(new Finding(Severity.BLOCKING, "STORAGE_NOT_ALERTED", label + ": " + (accounts - storageAlerts)
                    + " storage account(s) without an availability alert", "Pass every account to the Monitoring component."));
        }
        boolean probe = !s.ofType("WebTest").isEmpty();
        boolean probeAlert = s.ofType("MetricAlert").stream().anyMatch(a -> String.valueOf(a.get("criteria")).contains("WebtestLocationAvailabilityCriteria"));
        if (!probe || !probeAlert) {
            out.add(new Finding(Severity.BLOCKING, "NO_META_MONITORING", label + ": nothing alerts when the observability stack itself is down",
                    "Keep the Monitoring component's availability test on drp:observabilityUrl and its alert."));
        }
    }

    private static void tags(DeclaredStack s, List<Finding> out) {
        for (DeclaredResource r : s.resources()) {
            if (!r.type().startsWith("azure-native:") || r.inputs().get("tags") == null && !taggable(r.type())) continue;
            if (!r.tags().keySet().containsAll(Set.of("drp:role", "drp:tier", "drp:rto", "drp:rpo"))) {
                out.add(new Finding(Severity.WARNING, "MISSING_TAGS", s.stack() + ": " + r.name() + " lacks drp:role/tier/rto/rpo tags",
                        "Pass StackSettings.tags(...) to the resource."));
            }
        }
    }

    private static boolean taggable(String type) {
        return !(type.endsWith(":BlobServiceProperties") || type.endsWith(":BlobContainer")
                || type.endsWith(":BlobContainerImmutabilityPolicy") || type.endsWith(":ManagementPolicy"));
    }

    private static String accountSku(DeclaredStack s, String fragment) {
        return s.ofType("StorageAccount").stream().filter(a -> a.name().contains(fragment)).map(a -> a.text("sku.name")).findFirst().orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static String metricName(DeclaredResource alert) {
        Object allOf = alert.get("criteria.allOf");
        if (allOf instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof java.util.Map<?, ?> m) {
            return String.valueOf(m.get("metricName"));
        }
        return null;
    }
}
