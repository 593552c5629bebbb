package io.drp.watch;

import io.drp.config.IncidentLevel;
import io.drp.config.WatchConfig;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The drp command an incident calls for, as arguments: what {@code drp watch} prints for a person to run, and
 * exactly what it runs itself with {@code --auto}. It is the ordinary {@code drp restore} (or {@code drp drill}),
 * so the response takes the target's lease, writes its report and ledger record like any run, and can be
 * resumed with {@code --resume} like any run.
 */
public record ResponsePlan(boolean automatic, List<String> args) {

    public ResponsePlan {
        args = List.copyOf(args);
    }

    /**
     * @param automatic whether this plan will be run by drp (response restore/drill with --auto); otherwise it is
     *                  printed. Only an automatic plan configured for production carries --yes: a printed
     *                  production command leaves the confirmation to the person who runs it.
     */
    public static ResponsePlan of(WatchConfig w, boolean automatic, Path config, Path workDir, Instant incidentStart, int level) {
        return of(w, automatic, config, workDir, incidentStart, level, java.util.Set.of());
    }

    /**
     * @param services the services behind the failing probes; a level-1 or level-2 response restores only them
     *                 (level 3 is every service, and so is an empty set)
     */
    public static ResponsePlan of(WatchConfig w, boolean automatic, Path config, Path workDir, Instant incidentStart, int level,
                                  java.util.Set<String> services) {
        String scenario = IncidentLevel.ofNumber(level).scenario();
        List<String> a = new ArrayList<>();
        if (automatic && w.response() == WatchConfig.Response.DRILL) {
            a.addAll(List.of("drill", "-c", config.toString(), "--work-dir", workDir.toString(), "--disaster-at", incidentStart.toString(),
                    "--scenario", scenario));
            // a level-2 drill with no service named is refused unless drp.yaml declares a single service (see RequestResolver)
            if (level < 3) new java.util.TreeSet<>(services).forEach(svc -> a.addAll(List.of("--service", svc)));
            return new ResponsePlan(true, a);
        }
        a.addAll(List.of("restore", "-c", config.toString(), "--work-dir", workDir.toString()));
        boolean production = automatic ? w.restoreTarget() == WatchConfig.RestoreTarget.PRODUCTION : level == 1;
        if (production) {
            // level 1 is restored in place, at a point before the failure began
            a.addAll(List.of("--target", "production", "--at", incidentStart.toString()));
        } else {
            a.addAll(List.of("--target", "recovery"));
        }
        a.addAll(List.of("--incident-start", incidentStart.toString(), "--scenario", scenario));
        if (level < 3) new java.util.TreeSet<>(services).forEach(svc -> a.addAll(List.of("--service", svc)));
        if (production && automatic) a.addAll(List.of("--overwrite", "--yes"));
        return new ResponsePlan(automatic, a);
    }

    public String commandLine() {
        return "drp " + String.join(" ", args.stream().map(ResponsePlan::quote).toList());
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9_./:=+@-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
