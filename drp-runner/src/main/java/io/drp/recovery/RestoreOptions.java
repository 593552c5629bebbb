package io.drp.recovery;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the user asked {@code drp restore} for; null or empty means "not given". */
public record RestoreOptions(Instant at, String pointId, String label, List<String> services, List<String> containers, String prefix,
                             RestoreSpec.Destination destination, Map<String, String> rename, boolean overwrite,
                             Instant incidentStart, String scenario, Path reportDir, Integer parallelism, VerifyMode verify,
                             String resumeId, CopyMode copyMode) {

    public RestoreOptions(Instant at, String pointId, String label, List<String> services, List<String> containers, String prefix,
                          RestoreSpec.Destination destination, Map<String, String> rename, boolean overwrite, Instant incidentStart,
                          String scenario, Path reportDir, Integer parallelism, VerifyMode verify, String resumeId) {
        this(at, pointId, label, services, containers, prefix, destination, rename, overwrite, incidentStart, scenario, reportDir,
                parallelism, verify, resumeId, null);
    }

    public RestoreOptions {
        services = services == null ? List.of() : List.copyOf(services);
        containers = containers == null ? List.of() : List.copyOf(containers);
        rename = rename == null ? Map.of() : Map.copyOf(rename);
        destination = destination == null ? RestoreSpec.Destination.RECOVERY : destination;
    }

    /** Everything, into the recovery account, at the newest point: the default of {@code drp restore}. */
    public static RestoreOptions defaults() {
        return new RestoreOptions(null, null, null, null, null, null, null, null, false, null, null, null, null, null, null, null);
    }
}
