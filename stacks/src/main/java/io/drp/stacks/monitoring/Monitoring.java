package io.drp.stacks.monitoring;

import com.pulumi.azurenative.insights.ActionGroup;
import com.pulumi.azurenative.insights.ActionGroupArgs;
import com.pulumi.azurenative.insights.Component;
import com.pulumi.azurenative.insights.ComponentArgs;
import com.pulumi.azurenative.insights.MetricAlert;
import com.pulumi.azurenative.insights.MetricAlertArgs;
import com.pulumi.azurenative.insights.WebTest;
import com.pulumi.azurenative.insights.WebTestArgs;
import com.pulumi.azurenative.insights.enums.WebTestKind;
import com.pulumi.azurenative.insights.inputs.EmailReceiverArgs;
import com.pulumi.azurenative.insights.inputs.MetricAlertActionArgs;
import com.pulumi.azurenative.insights.inputs.MetricAlertSingleResourceMultipleMetricCriteriaArgs;
import com.pulumi.azurenative.insights.inputs.MetricCriteriaArgs;
import com.pulumi.azurenative.insights.inputs.WebTestGeolocationArgs;
import com.pulumi.azurenative.insights.inputs.WebTestPropertiesRequestArgs;
import com.pulumi.azurenative.insights.inputs.WebTestPropertiesValidationRulesArgs;
import com.pulumi.azurenative.insights.inputs.WebtestLocationAvailabilityCriteriaArgs;
import com.pulumi.azurenative.operationalinsights.Workspace;
import com.pulumi.azurenative.operationalinsights.WorkspaceArgs;
import com.pulumi.azurenative.operationalinsights.inputs.WorkspaceSkuArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Observability for one environment: Log Analytics, Application Insights, an action group, availability
 * alerts on each storage account, and meta-monitoring: a standard availability test against the
 * observability endpoint itself, alerting the same group when supervision is down (the source plan's
 * "shared monitor whose only job is to alert when the observability solutions are unavailable").
 */
public final class Monitoring extends ComponentResource {

    /** @param storageAccounts account name (for the alert's name) to account resource id */
    public record Args(Output<String> resourceGroupName, String location, String alertEmail, String observabilityUrl,
                       Map<String, Output<String>> storageAccounts, Map<String, String> tags) {
        public Args {
            storageAccounts = new LinkedHashMap<>(storageAccounts);
            tags = Map.copyOf(tags);
        }
    }

    /** Where the availability test probes from: three regions so one region's outage is not an alert storm. */
    static final String[] PROBE_LOCATIONS = {"emea-fr-pra-edge", "emea-nl-ams-azr", "emea-gb-db3-azr"};

    public final Output<String> workspaceId;
    public final Output<String> appInsightsId;
    public final Output<String> actionGroupId;
    public final Output<String> availabilityTestId;

    public Monitoring(String name, Args args, ComponentResourceOptions options) {
        super("drp:monitoring:Monitoring", name, options);
        CustomResourceOptions child = CustomResourceOptions.builder().parent(this).build();
        Workspace workspace = new Workspace(name + "-logs", WorkspaceArgs.builder()
                .resourceGroupName(args.resourceGroupName())
                .location(args.location())
                .sku(WorkspaceSkuArgs.builder().name("PerGB2018").build())
                .retentionInDays(30)
                .tags(args.tags())
                .build(), child);
        Component insights = new Component(name + "-appinsights", ComponentArgs.builder()
                .resourceGroupName(args.resourceGroupName())
                .location(args.location())
                .kind("web")
                .applicationType("web")
                .workspaceResourceId(workspace.id())
                .tags(args.tags())
                .build(), child);
        ActionGroup group = new ActionGroup(name + "-oncall", ActionGroupArgs.builder()
                .resourceGroupName(args.resourceGroupName())
                .location("global")
                .groupShortName("drp-oncall")
                .enabled(true)
                .emailReceivers(EmailReceiverArgs.builder().name("oncall").emailAddress(args.alertEmail()).useCommonAlertSchema(true).build())
                .tags(args.tags())
                .build(), child);
        Output<MetricAlertActionArgs> action = group.id().applyValue(id -> MetricAlertActionArgs.builder().actionGroupId(id).build());
        args.storageAccounts().forEach((label, id) -> new MetricAlert(name + "-availability-" + label, MetricAlertArgs.builder()
                .resourceGroupName(args.resourceGroupName())
                .location("global")
                .description("Storage availability below 99.9% for " + label)
                .severity(1)
                .enabled(true)
                .scopes(id.applyValue(java.util.List::of))
                .evaluationFrequency("PT5M")
                .windowSize("PT15M")
                .criteria(MetricAlertSingleResourceMultipleMetricCriteriaArgs.builder()
                        .odataType("Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria")
                        .allOf(MetricCriteriaArgs.builder()
                                .criterionType("StaticThresholdCriterion")
                                .name("availability")
                                .metricNamespace("Microsoft.Storage/storageAccounts")
                                .metricName("Availability")
                                .operator("LessThan")
                                .threshold(99.9)
                                .timeAggregation("Average")
                                .build())
                        .build())
                .actions(action.applyValue(java.util.List::of))
                .tags(args.tags())
                .build(), child));
        // The availability test must be linked to its Application Insights resource through this hidden tag.
        Output<Map<String, String>> testTags = insights.id().applyValue(id -> {
            Map<String, String> t = new HashMap<>(args.tags());
            t.put("hidden-link:" + id, "Resource");
            return t;
        });
        String testName = name + "-observability-probe";
        WebTest probe = new WebTest(testName, WebTestArgs.builder()
                .resourceGroupName(args.resourceGroupName())
                .location(args.location())
                .webTestName(testName)
                .syntheticMonitorId(testName)
                .kind(WebTestKind.Standard)
                .webTestKind(WebTestKind.Standard)
                .enabled(true)
                .frequency(300)
                .timeout(30)
                .retryEnabled(true)
                .locations(java.util.Arrays.stream(PROBE_LOCATIONS).map(l -> WebTestGeolocationArgs.builder().location(l).build()).toList())
                .request(WebTestPropertiesRequestArgs.builder().requestUrl(args.observabilityUrl()).httpVerb("GET").followRedirects(true).build())
                .validationRules(WebTestPropertiesValidationRulesArgs.builder().expectedHttpStatusCode(200).sSLCheck(true)
                        .sSLCertRemainingLifetimeCheck(7).build())
                .tags(testTags)
                .build(), child);
        new MetricAlert(name + "-observability-down", MetricAlertArgs.builder()
                .resourceGroupName(args.resourceGroupName())
                .location("global")
                .description("Meta-monitoring: the observability endpoint " + args.observabilityUrl() + " is unreachable from 2+ locations")
                .severity(0)
                .enabled(true)
                .scopes(Output.all(insights.id(), probe.id()))
                .evaluationFrequency("PT1M")
                .windowSize("PT5M")
                .criteria(Output.tuple(insights.id(), probe.id()).<Object>applyValue(t -> WebtestLocationAvailabilityCriteriaArgs.builder()
                        .odataType("Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria")
                        .componentId(t.t1)
                        .webTestId(t.t2)
                        .failedLocationCount(2.0)
                        .build()))
                .actions(action.applyValue(java.util.List::of))
                .tags(args.tags())
                .build(), child);
        this.workspaceId = workspace.id();
        this.appInsightsId = insights.id();
        this.actionGroupId = group.id();
        this.availabilityTestId = probe.id();
        this.registerOutputs(Map.of("workspaceId", workspaceId, "appInsightsId", appInsightsId, "actionGroupId", actionGroupId,
                "availabilityTestId", availabilityTestId));
    }
}
