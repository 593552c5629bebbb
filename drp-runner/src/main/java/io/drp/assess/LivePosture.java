package io.drp.assess;

import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.resourcemanager.AzureResourceManager;
import com.azure.resourcemanager.storage.models.ImmutabilityPolicy;
import com.azure.resourcemanager.storage.models.MinimumTlsVersion;
import com.azure.resourcemanager.storage.models.StorageAccount;
import io.drp.model.Finding.Severity;
import io.drp.model.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Checks the deployed accounts through Azure Resource Manager, to catch drift between what the stacks
 * declare and what exists (someone downgraded the backup account's redundancy in the portal, or removed
 * the WORM policy). Read-only: only GETs.
 */
public final class LivePosture {

    static final Set<String> GEO_SKUS = ReadinessAssessment.GEO_SKUS;

    /** What to look at: names as deployed (Pulumi may add suffixes; take them from `pulumi stack output`). */
    public record Target(String resourceGroup, String dataAccount, String backupAccount, String backupContainer, long retentionDaysNeeded) {
        public Target {
            Objects.requireNonNull(resourceGroup, "'resourceGroup' cannot be null.");
            Objects.requireNonNull(backupAccount, "'backupAccount' cannot be null.");
        }
    }

    private LivePosture() {}

    /** Resource Manager for one subscription, as DefaultAzureCredential finds it (CLI login, managed identity...). */
    public static AzureResourceManager connect(String subscription) {
        return AzureResourceManager.authenticate(new DefaultAzureCredentialBuilder().build(), new AzureProfile(AzureEnvironment.AZURE))
                .withSubscription(subscription);
    }

    public static List<Finding> check(AzureResourceManager arm, Target t) {
        List<Finding> out = new ArrayList<>();
        StorageAccount backup = account(arm, t.resourceGroup(), t.backupAccount(), out, "LIVE_BACKUP_ACCOUNT_MISSING");
        if (backup != null) {
            String sku = backup.skuType().name().toString();
            if (!GEO_SKUS.contains(sku)) {
                out.add(new Finding(Severity.BLOCKING, "LIVE_BACKUP_NOT_GEO_REDUNDANT", "deployed backup account " + t.backupAccount()
                        + " is " + sku + ", not geo-redundant (drift from the stack)", "Run `pulumi up --stack production` to restore RA-GZRS."));
            }
            hardening(backup, t.backupAccount(), out);
            try {
                ImmutabilityPolicy worm = arm.storageBlobContainers().getImmutabilityPolicy(t.resourceGroup(), t.backupAccount(), t.backupContainer());
                if (worm == null || worm.immutabilityPeriodSinceCreationInDays() < t.retentionDaysNeeded()) {
                    out.add(new Finding(Severity.BLOCKING, "LIVE_RETENTION_TOO_SHORT", "deployed WORM retention on " + t.backupAccount() + "/"
                            + t.backupContainer() + " is " + (worm == null ? "absent" : worm.immutabilityPeriodSinceCreationInDays() + " days")
                            + ", " + t.retentionDaysNeeded() + " needed", "Raise drp:backupRetentionDays and run `pulumi up`."));
                }
            } catch (ManagementException e) {
                if (status(e) != 404) throw e;
                out.add(new Finding(Severity.BLOCKING, "LIVE_BACKUPS_NOT_IMMUTABLE", "no immutability policy on the deployed container "
                        + t.backupAccount() + "/" + t.backupContainer(), "Run `pulumi up --stack production`."));
            }
        }
        if (t.dataAccount() != null) {
            StorageAccount data = account(arm, t.resourceGroup(), t.dataAccount(), out, "LIVE_DATA_ACCOUNT_MISSING");
            if (data != null) hardening(data, t.dataAccount(), out);
        }
        return out;
    }

    private static StorageAccount account(AzureResourceManager arm, String rg, String name, List<Finding> out, String missingCode) {
        try {
            StorageAccount a = arm.storageAccounts().getByResourceGroup(rg, name);
            if (a == null) throw new IllegalStateException("null account");
            return a;
        } catch (ManagementException e) {
            if (status(e) != 404) throw e;
        } catch (IllegalStateException e) {
            // fall through to the finding
        }
        out.add(new Finding(Severity.BLOCKING, missingCode, "storage account " + name + " does not exist in resource group " + rg,
                "Check the names against `pulumi stack output`, or deploy the stack."));
        return null;
    }

    private static void hardening(StorageAccount a, String name, List<Finding> out) {
        if (!a.isHttpsTrafficOnly()) {
            out.add(new Finding(Severity.WARNING, "LIVE_HTTP_ALLOWED", name + " accepts plain HTTP", "Set enableHttpsTrafficOnly."));
        }
        if (a.isBlobPublicAccessAllowed()) {
            out.add(new Finding(Severity.WARNING, "LIVE_PUBLIC_BLOBS", name + " allows public blob access", "Set allowBlobPublicAccess to false."));
        }
        if (a.minimumTlsVersion() != MinimumTlsVersion.TLS1_2) {
            out.add(new Finding(Severity.WARNING, "LIVE_OLD_TLS", name + " accepts TLS below 1.2", "Set minimumTlsVersion TLS1_2."));
        }
    }

    private static int status(ManagementException e) {
        return e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
    }
}
