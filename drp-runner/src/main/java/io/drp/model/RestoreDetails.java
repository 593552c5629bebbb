package io.drp.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a real recovery restored and where: the auditor's answer to "what did this run write". Absent from
 * drill reports. {@code replacedObjects} counts objects that already existed in the target and were
 * overwritten ({@code --overwrite}); the name list is a capped sample. Objects outside the point are never deleted.
 */
public record RestoreDetails(
        String destination,
        String account,
        Instant incidentStart,
        Instant pointAt,
        String requestedPoint,
        List<String> containers,
        String prefix,
        Map<String, String> renamed,
        boolean overwrite,
        long replacedObjects,
        List<String> replaced) {

    public RestoreDetails {
        containers = containers == null ? List.of() : List.copyOf(containers);
        renamed = renamed == null ? Map.of() : Map.copyOf(renamed);
        replaced = replaced == null ? List.of() : List.copyOf(replaced);
    }
}
