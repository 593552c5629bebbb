package io.drp.stacks.app;

import com.pulumi.azurenative.web.AppServicePlan;
import com.pulumi.azurenative.web.AppServicePlanArgs;
import com.pulumi.azurenative.web.WebApp;
import com.pulumi.azurenative.web.WebAppArgs;
import com.pulumi.azurenative.web.inputs.NameValuePairArgs;
import com.pulumi.azurenative.web.inputs.SiteConfigArgs;
import com.pulumi.azurenative.web.inputs.SkuDescriptionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The application tier a level-2 incident (a virtual machine lost) rebuilds: a Linux App Service plan sized by
 * the tier and a web app running the configured container image, its settings pointing at this side's data
 * account. The same component in both stacks, so the recovery side runs what production runs.
 */
public final class AppTier extends ComponentResource {

    /** @param sku the plan's size (P1v3, S1, B1 by tier) */
    public record Args(Output<String> resourceGroupName, String location, String appName, String image, String sku,
                       Output<String> dataAccountName, Output<String> dataBlobEndpoint, Map<String, String> tags) {
        public Args {
            Objects.requireNonNull(resourceGroupName, "'resourceGroupName' cannot be null.");
            Objects.requireNonNull(image, "'image' cannot be null.");
            tags = Map.copyOf(tags);
        }
    }

    public final Output<String> planId;
    public final Output<String> appName;
    public final Output<String> defaultHostName;

    public AppTier(String name, Args args, ComponentResourceOptions options) {
        super("drp:app:AppTier", name, options);
        CustomResourceOptions child = CustomResourceOptions.builder().parent(this).build();
        AppServicePlan plan = new AppServicePlan(name + "-plan", AppServicePlanArgs.builder()
                .resourceGroupName(args.resourceGroupName())
                .location(args.location())
                .kind("linux")
                .reserved(true) // Linux: Azure's name for it
                .sku(SkuDescriptionArgs.builder().name(args.sku()).capacity(1).build())
                .tags(args.tags())
                .build(), child);
        WebApp app = new WebApp(name + "-app", WebAppArgs.builder()
                .resourceGroupName(args.resourceGroupName())
                .location(args.location())
                .name(args.appName())
                .kind("app,linux,container")
                .serverFarmId(plan.id())
                .httpsOnly(true)
                .siteConfig(SiteConfigArgs.builder()
                        .linuxFxVersion("DOCKER|" + args.image())
                        .alwaysOn(!args.sku().startsWith("F"))
                        .ftpsState("Disabled")
                        .minTlsVersion("1.2")
                        .appSettings(List.of(
                                setting("DRP_DATA_ACCOUNT", args.dataAccountName()),
                                setting("DRP_DATA_BLOB_ENDPOINT", args.dataBlobEndpoint()),
                                setting("WEBSITES_ENABLE_APP_SERVICE_STORAGE", Output.of("false"))))
                        .build())
                .tags(args.tags())
                .build(), child);
        this.planId = plan.id();
        this.appName = app.name();
        this.defaultHostName = app.defaultHostName();
        this.registerOutputs(Map.of("planId", planId, "appName", appName, "defaultHostName", defaultHostName));
    }

    private static NameValuePairArgs setting(String name, Output<String> value) {
        return NameValuePairArgs.builder().name(name).value(value).build();
    }
}
