package io.drp.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code services:} section: containers, availability objective and objectives per scenario. Every
 * service carries the built-in incident levels; a {@code level-N} entry overrides only the fields it names,
 * while a custom scenario must say its RTO and RPO (there is no plan default to fall back on).
 */
final class ServicesSection {

    private ServicesSection() {}

    static List<ServiceConfig> parse(YamlTree node, BackupConfig backup, List<ConfigWarning> warnings) {
        Map<String, YamlTree> named = node.namedMapping();
        if (named.isEmpty()) {
            throw node.error("declare at least one service with its containers (objectives default to the incident levels)");
        }
        List<ServiceConfig> out = new ArrayList<>();
        Map<String, String> owner = new LinkedHashMap<>();
        for (Map.Entry<String, YamlTree> e : named.entrySet()) {
            String name = e.getKey();
            YamlTree svc = e.getValue();
            if (!ConfigLoader.NAME.matcher(name).matches()) {
                throw svc.error("service names use letters, digits, '-', '_' or '.'");
            }
            Map<String, YamlTree> m = svc.mapping(Set.of("containers", "objectives", "slo"));
            double slo = slo(m);
            List<String> containers = new ArrayList<>();
            for (YamlTree c : ConfigLoader.require(svc, m, "containers").sequence()) {
                String cn = ConfigLoader.containerName(c);
                String prev = owner.putIfAbsent(cn, name);
                if (prev != null) {
                    throw c.error("container '" + cn + "' already belongs to service " + prev + "; a container belongs to one service");
                }
                containers.add(cn);
            }
            if (containers.isEmpty()) {
                throw m.get("containers").error("list at least one production container");
            }
            Map<String, ScenarioObjectives> objectives = new LinkedHashMap<>();
            if (m.containsKey("objectives")) {
                for (Map.Entry<String, YamlTree> o : m.get("objectives").namedMapping().entrySet()) {
                    ScenarioObjectives so = objectives(o.getKey(), o.getValue(), backup);
                    if (so.rpo().compareTo(backup.pointInterval()) < 0) {
                        YamlTree rpoNode = o.getValue().mapping(null).get("rpo");
                        warnings.add(new ConfigWarning(rpoNode.file(), rpoNode.line(), rpoNode.path(),
                                "an RPO of " + Durations.format(so.rpo()) + " cannot be met with a backup every "
                                        + Durations.format(backup.pointInterval()) + "; back up more often or relax the objective"));
                    }
                    objectives.put(o.getKey(), so);
                }
            }
            for (IncidentLevel level : IncidentLevel.values()) {
                objectives.putIfAbsent(level.scenario(), builtIn(level, backup));
            }
            out.add(new ServiceConfig(name, containers, objectives, slo));
        }
        return out;
    }

    /** A level nobody overrode: the plan's RTO, the backup interval as RPO, no loss. Line 0: not in the file. */
    static ScenarioObjectives builtIn(IncidentLevel level, BackupConfig backup) {
        return new ScenarioObjectives(level.scenario(), level.defaultRto(), backup.pointInterval(), 0, 0);
    }

    private static double slo(Map<String, YamlTree> m) {
        if (!m.containsKey("slo")) return ServiceConfig.DEFAULT_SLO;
        String raw = m.get("slo").nonBlank().replace("%", "");
        double slo;
        try {
            slo = Double.parseDouble(raw);
        } catch (NumberFormatException notANumber) {
            throw m.get("slo").error("'" + raw + "' is not a percentage; write e.g. 99.9");
        }
        if (!(slo > 0 && slo < 100)) {
            throw m.get("slo").error(raw + " is not a percentage between 0 and 100 (exclusive); write e.g. 99.9");
        }
        return slo;
    }

    private static ScenarioObjectives objectives(String scenario, YamlTree node, BackupConfig backup) {
        if (!ConfigLoader.NAME.matcher(scenario).matches()) {
            throw node.error("scenario names use letters, digits, '-', '_' or '.'");
        }
        Map<String, YamlTree> m = node.mapping(Set.of("rto", "rpo", "maxLostObjects"));
        Optional<IncidentLevel> level = IncidentLevel.ofScenario(scenario);
        Duration rto = level.isPresent() && !m.containsKey("rto") ? level.get().defaultRto()
                : ConfigLoader.require(node, m, "rto").convert(Durations::parsePositive);
        Duration rpo = level.isPresent() && !m.containsKey("rpo") ? backup.pointInterval()
                : ConfigLoader.require(node, m, "rpo").convert(Durations::parsePositive);
        long lost = m.containsKey("maxLostObjects") ? m.get("maxLostObjects").longValue(0, Long.MAX_VALUE) : 0;
        return new ScenarioObjectives(scenario, rto, rpo, lost, node.line());
    }
}
