package io.drp.stacks;

import com.pulumi.Context;
import com.pulumi.core.Output;
import io.drp.stacks.config.StackRole;
import io.drp.stacks.config.StackSettings;
import io.drp.stacks.production.ProductionEnvironment;
import io.drp.stacks.recovery.RecoveryEnvironment;

/**
 * The program: one of two environments depending on the stack, and the outputs drp reads to run a drill in
 * the cloud. Output names are a contract with drp-runner (see README "Stack outputs").
 */
public final class DrpStacks {

    private DrpStacks() {}

    public static void define(Context ctx, StackSettings s) {
        ctx.export("role", Output.of(s.role().name().toLowerCase()));
        ctx.export("tier", Output.of(s.tier().label()));
        ctx.export("rto", Output.of(s.tier().rto));
        ctx.export("rpo", Output.of(s.tier().rpo));
        ctx.export("region", Output.of(s.region()));
        if (s.role() == StackRole.PRODUCTION) {
            ProductionEnvironment p = new ProductionEnvironment("production", s, null);
            ctx.export("recoveryRegion", Output.of(s.pairedRegion()));
            ctx.export("resourceGroupName", p.resourceGroupName);
            ctx.export("dataAccountName", p.data.accountName);
            ctx.export("dataBlobEndpoint", p.data.blobEndpoint);
            ctx.export("dataContainers", p.data.containerNames);
            ctx.export("backupAccountName", p.backups.accountName);
            ctx.export("backupAccountId", p.backups.accountId);
            ctx.export("backupBlobEndpoint", p.backups.blobEndpoint);
            ctx.export("backupSecondaryBlobEndpoint", p.backups.secondaryBlobEndpoint);
            ctx.export("backupContainer", p.backups.containerName);
            ctx.export("backupRetentionDays", Output.of(s.backupRetentionDays()));
            ctx.export("backupEveryMinutes", Output.of(s.backupEveryMinutes()));
            ctx.export("actionGroupId", p.monitoring.actionGroupId);
            ctx.export("availabilityTestId", p.monitoring.availabilityTestId);
            ctx.export("appName", p.app.appName);
            ctx.export("appHostName", p.app.defaultHostName);
        } else {
            RecoveryEnvironment r = new RecoveryEnvironment("recovery", s, null);
            ctx.export("productionRegion", r.productionRegion);
            ctx.export("recoveryResourceGroupName", r.resourceGroupName);
            ctx.export("recoveryStorageAccountName", r.data.accountName);
            ctx.export("recoveryBlobEndpoint", r.data.blobEndpoint);
            ctx.export("recoveryDataContainers", r.data.containerNames);
            ctx.export("backupAccountName", r.backupAccountName);
            ctx.export("backupBlobEndpoint", r.backupBlobEndpoint);
            ctx.export("backupContainer", r.backupContainer);
            ctx.export("recoveryAppName", r.app.appName);
            ctx.export("recoveryAppHostName", r.app.defaultHostName);
        }
    }
}
