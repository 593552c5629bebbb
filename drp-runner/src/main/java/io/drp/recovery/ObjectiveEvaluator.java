package io.drp.recovery;

import io.drp.config.Durations;
import io.drp.config.ScenarioObjectives;
import io.drp.config.ServiceConfig;
import io.drp.model.ObjectiveResult;
import io.drp.model.Objectives;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Judges measured figures against the declared objectives, per service, for one scenario. Pure logic,
 * so the verdict rules are unit-tested apart from storage.
 */
public final class ObjectiveEvaluator {

    private ObjectiveEvaluator() {}

    /** Per-service integrity figures: objects lost and objects restored wrong. */
    /** {@code lossUnknownBecause} non-null: production could not be read, so only the restore's exactness is judged. */
    public record ServiceIntegrity(long lost, long mismatches, String lossUnknownBecause) {
        public ServiceIntegrity(long lost, long mismatches) {
            this(lost, mismatches, null);
        }
    }

    /**
     * @param rto null when the drill aborted before verification finished
     * @param rpo null when no recovery point was found
     * @param integrity null when verification did not run
     */
    public static List<ObjectiveResult> evaluate(List<ServiceConfig> services, String scenario,
                                                 Duration rto, Duration rpo, Map<String, ServiceIntegrity> integrity) {
        List<ObjectiveResult> out = new ArrayList<>();
        for (ServiceConfig s : services) {
            ScenarioObjectives o = s.objectives().get(scenario);
            if (o == null) continue;
            out.add(timeResult(s.name(), scenario, ObjectiveResult.Kind.RTO, o.rto(), rto));
            out.add(timeResult(s.name(), scenario, ObjectiveResult.Kind.RPO, o.rpo(), rpo));
            ServiceIntegrity si = integrity == null ? null : integrity.getOrDefault(s.name(), new ServiceIntegrity(0, 0));
            if (si == null) {
                out.add(new ObjectiveResult(s.name(), scenario, ObjectiveResult.Kind.INTEGRITY, o.maxLostObjects(), null,
                        "objects", false, "not measured: the drill did not reach verification"));
            } else if (si.lossUnknownBecause() != null) {
                out.add(new ObjectiveResult(s.name(), scenario, ObjectiveResult.Kind.INTEGRITY, o.maxLostObjects(), null, "objects",
                        si.mismatches() == 0, (si.mismatches() == 0 ? "restored exactly; " : si.mismatches() + " object(s) restored wrong; ")
                        + "lost objects unknown: " + si.lossUnknownBecause()));
            } else {
                boolean met = si.mismatches() == 0 && si.lost() <= o.maxLostObjects();
                String detail = si.mismatches() > 0
                        ? si.mismatches() + " object(s) restored with wrong content or missing; a restore must be exact"
                        : si.lost() + " object(s) lost, tolerance " + o.maxLostObjects();
                out.add(new ObjectiveResult(s.name(), scenario, ObjectiveResult.Kind.INTEGRITY, o.maxLostObjects(),
                        (double) si.lost(), "objects", met, detail));
            }
        }
        return out;
    }

    private static ObjectiveResult timeResult(String service, String scenario, ObjectiveResult.Kind kind, Duration target, Duration measured) {
        if (measured == null) {
            return new ObjectiveResult(service, scenario, kind, target.toMillis() / 1000.0, null, "seconds", false,
                    "not measured: the drill did not get that far");
        }
        boolean met = measured.compareTo(target) <= 0;
        return new ObjectiveResult(service, scenario, kind, target.toMillis() / 1000.0, seconds(measured), "seconds", met,
                Durations.format(truncate(measured)) + (met ? " within " : " exceeds ") + Durations.format(target));
    }

    /** The strictest objectives among the services, for the report's headline. */
    public static Objectives headline(List<ServiceConfig> services, String scenario) {
        double rto = Double.MAX_VALUE, rpo = Double.MAX_VALUE;
        long lost = Long.MAX_VALUE;
        double slo = 0;
        for (ServiceConfig s : services) {
            ScenarioObjectives o = s.objectives().get(scenario);
            if (o == null) continue;
            slo = Math.max(slo, s.sloPercent());
            rto = Math.min(rto, o.rto().toMillis() / 1000.0);
            rpo = Math.min(rpo, o.rpo().toMillis() / 1000.0);
            lost = Math.min(lost, o.maxLostObjects());
        }
        var level = io.drp.config.IncidentLevel.ofScenario(scenario);
        return new Objectives(rto, rpo, lost == Long.MAX_VALUE ? 0 : lost, scenario, slo == 0 ? ServiceConfig.DEFAULT_SLO : slo,
                level.map(io.drp.config.IncidentLevel::number).orElse(null), level.map(io.drp.config.IncidentLevel::description).orElse(null));
    }

    static double seconds(Duration d) {
        return Math.round(d.toNanos() / 1_000_000.0) / 1000.0;
    }

    private static Duration truncate(Duration d) {
        return Duration.ofSeconds(d.toSeconds());
    }
}
