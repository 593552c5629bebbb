package io.drp.stacks.recovery;

import com.pulumi.azurenative.resources.ResourceGroup;
import com.pulumi.azurenative.resources.ResourceGroupArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.StackReference;
import io.drp.stacks.app.AppTier;
import io.drp.stacks.config.StackSettings;
import io.drp.stacks.monitoring.Monitoring;
import io.drp.stacks.storage.DataStore;

import java.util.Map;

/**
 * The recovery side, in the paired region: the same application containers (a twin for every production
 * data container), sized by the tier, and a StackReference to production for the backup account the
 * drill restores from. Nothing here writes to production.
 */
public final class RecoveryEnvironment extends ComponentResource {

    public final Output<String> resourceGroupName;
    public final DataStore data;
    public final Monitoring monitoring;
    public final AppTier app;
    public final Output<String> backupAccountName;
    public final Output<String> backupBlobEndpoint;
    public final Output<String> backupContainer;
    public final Output<String> productionRegion;

    public RecoveryEnvironment(String name, StackSettings s, ComponentResourceOptions options) {
        super("drp:stack:RecoveryEnvironment", name, options);
        ComponentResourceOptions child = ComponentResourceOptions.builder().parent(this).build();
        CustomResourceOptions customChild = CustomResourceOptions.builder().parent(this).build();
        StackReference production = new StackReference(s.productionStack(), com.pulumi.resources.StackReferenceArgs.builder()
                .name(s.productionStack()).build(), customChild);
        this.backupAccountName = production.requireOutput("backupAccountName").applyValue(String::valueOf);
        this.backupBlobEndpoint = production.requireOutput("backupBlobEndpoint").applyValue(String::valueOf);
        this.backupContainer = production.requireOutput("backupContainer").applyValue(String::valueOf);
        this.productionRegion = production.requireOutput("region").applyValue(String::valueOf);
        ResourceGroup rg = new ResourceGroup(name + "-rg", ResourceGroupArgs.builder()
                .location(s.region())
                .tags(s.tags("recovery"))
                .build(), customChild);
        this.resourceGroupName = rg.name();
        this.data = new DataStore(name + "-data", new DataStore.Args(rg.name(), s.region(), s.accountName("data"), s.recoverySku(),
                s.dataContainers(), s.softDeleteDays(), s.tags("recovery-data")), child);
        // without drp:drillPrincipalId the drill's identity must be granted by hand (see README)
        if (s.drillPrincipalId() != null) {
            DrillAccess.grant(name + "-drill-blob-contributor", data.accountId, s.drillPrincipalId(), s.drillPrincipalType(), customChild);
        }
        this.monitoring = new Monitoring(name + "-monitoring", new Monitoring.Args(rg.name(), s.region(), s.alertEmail(),
                s.observabilityUrl() == null ? "https://api.loganalytics.io/" : s.observabilityUrl(),
                Map.of("data", data.accountId), s.tags("monitoring")), child);
        this.app = new AppTier(name + "-app", new AppTier.Args(rg.name(), s.region(), s.appName(), s.appImage(), s.tier().appSku,
                data.accountName, data.blobEndpoint, s.tags("recovery-app")), child);
        this.registerOutputs(Map.of("resourceGroupName", resourceGroupName, "backupAccountName", backupAccountName));
    }
}
