package io.drp.recovery;

import io.drp.config.DrpConfig;
import io.drp.config.IncidentLevel;
import io.drp.config.ServiceConfig;
import io.drp.failure.UsageFailure;
import io.drp.model.RunRecord;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;

/**
 * The one place where a run's inputs are resolved: command-line values over drp.yaml defaults, the resume
 * record over both, and "now" from the injected clock. Every usage problem is found here, before anything
 * connects, and reported as a {@link UsageFailure} (exit 2).
 */
public final class RequestResolver {

    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'-'HHmmss").withZone(ZoneOffset.UTC);

    private final DrpConfig config;
    private final Clock clock;
    private final Path workDir;

    public RequestResolver(DrpConfig config, Clock clock, Path workDir) {
        this.config = config;
        this.clock = clock;
        this.workDir = workDir;
    }

    public RecoveryRequest drill(DrillOptions o) {
        int parallelism = parallelism(o.parallelism());
        VerifyMode verify = o.verify() != null ? o.verify() : config.drill().fullVerify() ? VerifyMode.FULL : VerifyMode.METADATA;
        Path reportDir = o.reportDir() != null ? o.reportDir() : config.drill().reportDir();
        TeardownPolicy teardown = o.keep() ? TeardownPolicy.KEEP : TeardownPolicy.AFTER_COMPLETION;
        if (o.resumeId() != null) {
            if (o.disasterAt() != null) throw new UsageFailure("--disaster-at cannot be changed when resuming; the first run's T0 stands");
            if (o.scenario() != null) throw new UsageFailure("--scenario cannot be changed when resuming; the first run's scenario stands");
            ResumeRecord rec = ResumeRecord.load(workDir, o.resumeId()).orElseThrow(() -> new UsageFailure("no drill " + o.resumeId()
                    + " to resume under " + workDir.resolve("drills") + "; check the id printed by the aborted drill")).requireAborted("drill");
            // The disaster happened when the first run said it did: resuming must not reset the RTO clock.
            if (!o.services().isEmpty()) throw new UsageFailure("--service cannot be changed when resuming; the first run's services stand");
            return new RecoveryRequest(RunKind.DRILL, rec.drillId(), rec.disasterAt(), rec.scenario(), reportDir, parallelism,
                    verify, teardown, true, rec.runs(), null, rec.drillScope(), o.copyMode());
        }
        Instant now = clock.instant();
        Instant t0 = o.disasterAt() != null ? o.disasterAt() : now;
        if (t0.isAfter(now)) {
            throw new UsageFailure("--disaster-at " + t0 + " is in the future; a drill can only declare a disaster now or in the past");
        }
        String scenario = scenario(o.scenario());
        return new RecoveryRequest(RunKind.DRILL, newRunId("d", now), t0, scenario, reportDir, parallelism, verify,
                teardown, false, List.<RunRecord>of(), null, drillScope(scenario, o.services()), o.copyMode());
    }

    /**
     * Level 2 is one failed service: its application tier and its containers. Which one is never guessed, except
     * when drp.yaml declares a single service; level 3 is every service by definition.
     */
    private Scope drillScope(String scenario, List<String> services) {
        var level = IncidentLevel.ofScenario(scenario);
        if (level.isPresent() && level.get() == IncidentLevel.LEVEL_3 && !services.isEmpty()) {
            throw new UsageFailure("--service: a level-3 drill rebuilds and restores every service; drop --service, or drill level-2");
        }
        List<String> named = services;
        if (named.isEmpty() && level.isPresent() && level.get() == IncidentLevel.LEVEL_2) {
            if (config.services().size() != 1) {
                throw new UsageFailure("a level-2 drill rebuilds the failed service only: name it with --service (declared: "
                        + config.services().stream().map(ServiceConfig::name).toList() + ")");
            }
            named = List.of(config.services().get(0).name());
        }
        return named.isEmpty() ? Scope.ALL : new Scope(containersOf(named), "", java.util.Map.of());
    }

    /** The production containers of the named services; an unknown name is a usage error naming {@code --service}. */
    java.util.Set<String> containersOf(List<String> services) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (String s : services) {
            ServiceConfig svc = config.services().stream().filter(x -> x.name().equals(s)).findFirst().orElseThrow(() ->
                    new UsageFailure("--service '" + s + "' is not declared in " + config.file() + "; declared: "
                            + config.services().stream().map(ServiceConfig::name).toList()));
            out.addAll(svc.containers());
        }
        return out;
    }

    String scenario(String asked) {
        String sc = asked != null ? asked : config.defaultScenario();
        if (!config.scenarios().contains(sc)) {
            throw new UsageFailure("scenario '" + sc + "' is not declared in " + config.file() + "; declared: " + config.scenarios());
        }
        return sc;
    }

    int parallelism(Integer asked) {
        int p = asked != null ? asked : config.drill().parallelism();
        if (p < 1 || p > RecoveryRequest.MAX_PARALLELISM) {
            throw new UsageFailure("--parallelism must be between 1 and " + RecoveryRequest.MAX_PARALLELISM + ", not " + p);
        }
        return p;
    }

    /** A sortable, collision-resistant id: kind letter, UTC second, and 16 random bits. */
    public static String newRunId(String kind, Instant at) {
        byte[] r = new byte[2];
        new SecureRandom().nextBytes(r);
        return kind + ID.format(at) + "-" + HexFormat.of().formatHex(r);
    }
}
