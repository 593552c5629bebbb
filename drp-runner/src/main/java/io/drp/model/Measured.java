package io.drp.model;

import java.time.Instant;

/**
 * What the drill measured. RPO = disasterAt - recoveryPointWatermark; RTO = serviceRestoredAt - disasterAt when a recovery
 * plan ran actions (the service answered), else verifiedAt - disasterAt (the data was verified); both instants are kept.
 * Either may be null when the drill aborted before it could be measured. {@code serviceWindow}: whether
 * disasterAt fell inside the SLA's guaranteed windows (null in reports written before windows existed).
 */
public record Measured(
        Instant disasterAt,
        String recoveryPoint,
        Instant recoveryPointWatermark,
        Instant verifiedAt,
        Double rtoSeconds,
        Double rpoSeconds,
        ServiceWindow serviceWindow,
        Instant serviceRestoredAt) {

    public Measured(Instant disasterAt, String recoveryPoint, Instant recoveryPointWatermark, Instant verifiedAt, Double rtoSeconds,
                    Double rpoSeconds, ServiceWindow serviceWindow) {
        this(disasterAt, recoveryPoint, recoveryPointWatermark, verifiedAt, rtoSeconds, rpoSeconds, serviceWindow, null);
    }

    public Measured(Instant disasterAt, String recoveryPoint, Instant recoveryPointWatermark, Instant verifiedAt, Double rtoSeconds,
                    Double rpoSeconds) {
        this(disasterAt, recoveryPoint, recoveryPointWatermark, verifiedAt, rtoSeconds, rpoSeconds, null);
    }
}
