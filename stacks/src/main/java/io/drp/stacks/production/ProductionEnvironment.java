package io.drp.stacks.production;

import com.pulumi.azurenative.resources.ResourceGroup;
import com.pulumi.azurenative.resources.ResourceGroupArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import io.drp.stacks.app.AppTier;
import io.drp.stacks.config.StackSettings;
import io.drp.stacks.monitoring.Monitoring;
import io.drp.stacks.storage.BackupVault;
import io.drp.stacks.storage.DataStore;

import java.util.LinkedHashMap;
import java.util.Map;

/** The production side: application data, the backup vault, and monitoring with meta-monitoring. */
public final class ProductionEnvironment extends ComponentResource {

    public final Output<String> resourceGroupName;
    public final DataStore data;
    public final BackupVault backups;
    public final Monitoring monitoring;
    public final AppTier app;

    public ProductionEnvironment(String name, StackSettings s, ComponentResourceOptions options) {
        super("drp:stack:ProductionEnvironment", name, options);
        ComponentResourceOptions child = ComponentResourceOptions.builder().parent(this).build();
        var rgOptions = com.pulumi.resources.CustomResourceOptions.builder().parent(this).build();
        ResourceGroup rg = new ResourceGroup(name + "-rg", ResourceGroupArgs.builder()
                .location(s.region())
                .tags(s.tags("production"))
                .build(), rgOptions);
        this.resourceGroupName = rg.name();
        this.data = new DataStore(name + "-data", new DataStore.Args(rg.name(), s.region(), s.accountName("data"), "Standard_ZRS",
                s.dataContainers(), s.softDeleteDays(), s.tags("production-data")), child);
        this.backups = new BackupVault(name + "-backups", new BackupVault.Args(rg.name(), s.region(), s.accountName("bkp"),
                s.backupContainer(), s.backupRetentionDays(), s.softDeleteDays(), s.tags("backup")), child);
        Map<String, Output<String>> accounts = new LinkedHashMap<>();
        accounts.put("data", data.accountId);
        accounts.put("backups", backups.accountId);
        this.monitoring = new Monitoring(name + "-monitoring", new Monitoring.Args(rg.name(), s.region(), s.alertEmail(),
                s.observabilityUrl() == null ? "https://api.loganalytics.io/" : s.observabilityUrl(), accounts, s.tags("monitoring")), child);
        this.app = new AppTier(name + "-app", new AppTier.Args(rg.name(), s.region(), s.appName(), s.appImage(), s.tier().appSku,
                data.accountName, data.blobEndpoint, s.tags("production-app")), child);
        this.registerOutputs(Map.of("resourceGroupName", resourceGroupName));
    }
}
