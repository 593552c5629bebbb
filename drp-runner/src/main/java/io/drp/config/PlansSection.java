package io.drp.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code plans:} section. Every rule that would make a plan unrunnable or unmeasurable is an error here, before
 * anything runs: a group naming an unknown service, a service in two groups (it would be restored twice), a scenario
 * in two plans, and an action whose timeout is longer than the RTO it is judged against (it could never pass in time).
 */
final class PlansSection {

    private PlansSection() {}

    static List<RecoveryPlan> parse(YamlTree node, List<ServiceConfig> services, Path configDir, Function<YamlTree, Secret> secret) {
        List<RecoveryPlan> plans = new ArrayList<>();
        Map<String, String> planOfScenario = new HashMap<>();
        for (Map.Entry<String, YamlTree> e : node.namedMapping().entrySet()) {
            String name = e.getKey();
            YamlTree p = e.getValue();
            if (!ConfigLoader.NAME.matcher(name).matches() || name.equals(RecoveryPlan.DEFAULT)) {
                throw p.error("plan names use letters, digits, '-', '_' or '.', and 'default' is the built-in plan");
            }
            Map<String, YamlTree> m = p.mapping(Set.of("scenarios", "groups"));
            List<String> scenarios = new ArrayList<>();
            for (YamlTree s : ConfigLoader.require(p, m, "scenarios").sequence()) {
                String sc = s.nonBlank();
                if (services.stream().noneMatch(svc -> svc.objectives().containsKey(sc))) {
                    throw s.error("no service declares objectives for scenario '" + sc + "'; name a declared scenario or a level-N");
                }
                String prev = planOfScenario.putIfAbsent(sc, name);
                if (prev != null) throw s.error("scenario '" + sc + "' is already run by plan " + prev + "; a scenario has one plan");
                scenarios.add(sc);
            }
            List<PlanGroup> groups = groups(ConfigLoader.require(p, m, "groups"), services, configDir, secret, scenarios);
            plans.add(new RecoveryPlan(name, scenarios, groups, p.line()));
        }
        return plans;
    }

    private static List<PlanGroup> groups(YamlTree node, List<ServiceConfig> services, Path configDir, Function<YamlTree, Secret> secret,
                                          List<String> scenarios) {
        List<PlanGroup> out = new ArrayList<>();
        Map<String, String> groupOf = new HashMap<>();
        Set<String> groupNames = new HashSet<>();
        Set<String> actionNames = new HashSet<>();
        List<YamlTree> items = node.sequence();
        if (items.isEmpty()) throw node.error("list at least one group");
        for (YamlTree g : items) {
            Map<String, YamlTree> m = g.mapping(Set.of("name", "services", "rto", "before", "after"));
            String name = ConfigLoader.require(g, m, "name").nonBlank();
            if (!ConfigLoader.NAME.matcher(name).matches()) throw m.get("name").error("group names use letters, digits, '-', '_' or '.'");
            if (!groupNames.add(name)) throw m.get("name").error("group " + name + " is declared twice in this plan");
            List<String> members = new ArrayList<>();
            for (YamlTree s : ConfigLoader.require(g, m, "services").sequence()) {
                String svc = s.nonBlank();
                if (services.stream().noneMatch(x -> x.name().equals(svc))) {
                    throw s.error("no service is named '" + svc + "'; name one declared under services:");
                }
                String prev = groupOf.putIfAbsent(svc, name);
                if (prev != null) throw s.error("service " + svc + " is already in group " + prev + "; a service is restored by one group");
                members.add(svc);
            }
            Duration rto = m.containsKey("rto") ? m.get("rto").convert(Durations::parsePositive) : null;
            Duration limit = limit(members, services, scenarios, rto);
            List<PlanAction> before = actions(m.get("before"), name, "before", configDir, secret, actionNames, limit);
            List<PlanAction> after = actions(m.get("after"), name, "after", configDir, secret, actionNames, limit);
            out.add(new PlanGroup(name, members, rto, before, after));
        }
        return out;
    }

    /** The longest an action of this group may take: its own rto, else the loosest RTO of its services in the plan's scenarios. */
    private static Duration limit(List<String> members, List<ServiceConfig> services, List<String> scenarios, Duration groupRto) {
        if (groupRto != null) return groupRto;
        Duration max = null;
        for (ServiceConfig s : services) {
            if (!members.contains(s.name())) continue;
            for (String sc : scenarios) {
                ScenarioObjectives o = s.objectives().get(sc);
                if (o != null && (max == null || o.rto().compareTo(max) > 0)) max = o.rto();
            }
        }
        return max;
    }

    private static List<PlanAction> actions(YamlTree node, String group, String phase, Path configDir, Function<YamlTree, Secret> secret,
                                            Set<String> names, Duration limit) {
        if (node == null || node.isNull()) return List.of();
        List<PlanAction> out = new ArrayList<>();
        List<YamlTree> items = node.sequence();
        for (int i = 0; i < items.size(); i++) {
            PlanAction a = PlanActionParser.parse(items.get(i), group + "." + phase + "." + (i + 1), configDir, secret);
            if (!names.add(a.name())) throw items.get(i).error("action name '" + a.name() + "' is used twice in this plan; names must be unique");
            if (limit != null && a.timeout().compareTo(limit) > 0) {
                throw items.get(i).error("timeout " + Durations.format(a.timeout()) + " is longer than the RTO this group is judged against ("
                        + Durations.format(limit) + "); the action could never finish in time: shorten its timeout");
            }
            out.add(a);
        }
        return out;
    }
}
