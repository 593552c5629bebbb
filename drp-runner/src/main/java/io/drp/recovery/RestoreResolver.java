package io.drp.recovery;

import io.drp.config.DrpConfig;
import io.drp.failure.UsageFailure;
import io.drp.model.RunRecord;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Resolves {@code drp restore}'s options once, before anything connects: the point, the scope, the renames,
 * the incident start and the objectives. Every problem is a {@link UsageFailure} (exit 2), naming the option.
 */
public final class RestoreResolver {

    private static final Pattern POINT = Pattern.compile("[A-Za-z0-9_.-]+/\\d{6}");
    private static final Pattern CONTAINER = Pattern.compile("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]");

    private final DrpConfig config;
    private final Clock clock;
    private final Path workDir;
    private final RequestResolver common;

    public RestoreResolver(DrpConfig config, Clock clock, Path workDir) {
        this.config = config;
        this.clock = clock;
        this.workDir = workDir;
        this.common = new RequestResolver(config, clock, workDir);
    }

    public RecoveryRequest resolve(RestoreOptions o) {
        int parallelism = common.parallelism(o.parallelism());
        VerifyMode verify = o.verify() != null ? o.verify() : config.drill().fullVerify() ? VerifyMode.FULL : VerifyMode.METADATA;
        Path reportDir = o.reportDir() != null ? o.reportDir() : config.drill().reportDir();
        if (o.resumeId() != null) {
            ResumeRecord rec = ResumeRecord.load(workDir, o.resumeId()).filter(r -> r.restore() != null).orElseThrow(() -> new UsageFailure(
                    "no restore " + o.resumeId() + " to resume under " + workDir.resolve("drills") + "; check the id printed by the aborted restore"))
                    .requireAborted("restore");
            // the target is checked again as for a fresh run: what is there and was not written by this run needs --overwrite now
            RestoreSpec s = rec.restore();
            boolean overwrite = s.overwrite() || o.overwrite();
            if (overwrite && o.copyMode() == CopyMode.SERVER) {
                throw new UsageFailure("--copy-mode server cannot go with --overwrite: a server-side copy replaces the existing object before"
                        + " it is verified; use --copy-mode stream (auto streams with --overwrite)");
            }
            RestoreSpec spec = new RestoreSpec(s.at(), s.pointId(), s.label(), s.scope(), s.destination(), overwrite, s.judged());
            return new RecoveryRequest(RunKind.RESTORE, rec.drillId(), rec.disasterAt(), rec.scenario(), reportDir, parallelism, verify,
                    TeardownPolicy.NEVER, true, rec.runs(), spec, null, o.copyMode());
        }
        Instant now = clock.instant();
        Instant incident = o.incidentStart() != null ? o.incidentStart() : now;
        if (incident.isAfter(now)) throw new UsageFailure("--incident-start " + incident + " is in the future");
        if ((o.at() != null ? 1 : 0) + (o.pointId() != null ? 1 : 0) + (o.label() != null ? 1 : 0) > 1) {
            throw new UsageFailure("--at, --point and --label each select the point; give one of them");
        }
        if (o.label() != null && !io.drp.backup.ManifestHeader.LABEL.matcher(o.label()).matches()) {
            throw new UsageFailure("--label '" + o.label() + "' is not a label (1-64 letters, digits, '.', '_' or '-')");
        }
        if (o.at() != null && o.at().isAfter(now)) throw new UsageFailure("--at " + o.at() + " is in the future; no backup can hold it yet");
        if (o.pointId() != null && !POINT.matcher(o.pointId()).matches()) {
            throw new UsageFailure("--point '" + o.pointId() + "' is not a point id such as c20261124T020000000Z/000002 (see 'drp backup --list')");
        }
        if (o.overwrite() && o.copyMode() == CopyMode.SERVER) {
            throw new UsageFailure("--copy-mode server cannot go with --overwrite: a server-side copy replaces the existing object before"
                    + " it is verified; use --copy-mode stream (auto streams with --overwrite)");
        }
        Scope scope = new Scope(containers(o), o.prefix(), renames(o));
        boolean judged = o.scenario() != null;
        String scenario = common.scenario(o.scenario());
        RestoreSpec spec = new RestoreSpec(o.at() != null ? o.at() : incident, o.pointId(), o.label(), scope, o.destination(), o.overwrite(), judged);
        return new RecoveryRequest(RunKind.RESTORE, RequestResolver.newRunId("r", now), incident, scenario, reportDir, parallelism,
                verify, TeardownPolicy.NEVER, false, List.<RunRecord>of(), spec, null, o.copyMode());
    }

    private Set<String> containers(RestoreOptions o) {
        Set<String> out = new TreeSet<>(common.containersOf(o.services()));
        for (String c : o.containers()) {
            if (!config.productionContainers().contains(c)) {
                throw new UsageFailure("--container '" + c + "' is not a container of any service in " + config.file()
                        + "; declared: " + config.productionContainers());
            }
            out.add(c);
        }
        return out;
    }

    private Map<String, String> renames(RestoreOptions o) {
        Map<String, String> byTarget = new HashMap<>();
        for (Map.Entry<String, String> r : o.rename().entrySet()) {
            if (!config.productionContainers().contains(r.getKey())) {
                throw new UsageFailure("--rename-container " + r.getKey() + "=" + r.getValue() + ": '" + r.getKey()
                        + "' is not a container of any service; declared: " + config.productionContainers());
            }
            if (!CONTAINER.matcher(r.getValue()).matches()) {
                throw new UsageFailure("--rename-container " + r.getKey() + "=" + r.getValue() + ": '" + r.getValue()
                        + "' is not a valid container name; use 3-63 lowercase letters, digits and single hyphens");
            }
            String clash = byTarget.put(r.getValue(), r.getKey());
            if (clash != null) throw new UsageFailure("--rename-container sends both " + clash + " and " + r.getKey() + " to " + r.getValue());
        }
        for (String target : byTarget.keySet()) {
            if (config.productionContainers().contains(target) && !o.rename().containsKey(target)) {
                throw new UsageFailure("--rename-container: '" + target + "' is also restored under its own name; pick another target");
            }
        }
        return o.rename();
    }
}
