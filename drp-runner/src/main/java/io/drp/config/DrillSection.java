package io.drp.config;

import io.drp.model.Verdict;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The {@code drill:} section of drp.yaml: the defaults every {@code drp drill} starts from. */
final class DrillSection {

    private DrillSection() {}

    static DrillConfig parse(YamlTree node, List<ServiceConfig> services, Function<YamlTree, Secret> secret) {
        Map<String, YamlTree> m = node.mapping(Set.of("scenario", "parallelism", "reportDir", "verify", "notify", "maxAge"));
        String scenario = null;
        if (m.containsKey("scenario")) {
            scenario = m.get("scenario").nonBlank();
            String s = scenario;
            if (services.stream().noneMatch(svc -> svc.objectives().containsKey(s))) {
                throw m.get("scenario").error("no service declares objectives for scenario '" + s + "'");
            }
        }
        int par = m.containsKey("parallelism") ? (int) m.get("parallelism").longValue(1, 256) : 8;
        Path reportDir = m.containsKey("reportDir") ? Path.of(m.get("reportDir").nonBlank()) : Path.of("drill-reports");
        boolean full = true;
        if (m.containsKey("verify")) {
            String v = m.get("verify").nonBlank();
            full = switch (v) {
                case "full" -> true;
                case "metadata" -> false;
                default -> throw m.get("verify").error("'" + v + "' is not a verify mode; use full (re-read every byte) or metadata");
            };
        }
        DrillConfig.Notify notify = null;
        if (m.containsKey("notify")) {
            YamlTree n = m.get("notify");
            Map<String, YamlTree> nm = n.mapping(Set.of("webhook", "on"));
            Webhook webhook = WebhookSection.parse(ConfigLoader.require(n, nm, "webhook"), secret);
            Set<Verdict> on = EnumSet.allOf(Verdict.class);
            if (nm.containsKey("on")) {
                on = EnumSet.noneOf(Verdict.class);
                for (YamlTree v : nm.get("on").sequence()) {
                    String raw = v.nonBlank();
                    try {
                        on.add(Verdict.valueOf(raw.toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        throw v.error("'" + raw + "' is not a verdict; use PASSED, FAILED or ABORTED");
                    }
                }
            }
            notify = new DrillConfig.Notify(webhook, on);
        }
        java.time.Duration maxAge = m.containsKey("maxAge") ? m.get("maxAge").convert(Durations::parsePositive) : DrillConfig.DEFAULT_MAX_AGE;
        return new DrillConfig(scenario, par, reportDir, full, notify, maxAge);
    }
}
