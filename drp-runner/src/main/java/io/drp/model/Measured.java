package io.drp.model;

import java.time.Instant;

/**
 * What the drill measured. RPO = disasterAt - recoveryPointWatermark; RTO = verifiedAt - disasterAt.
 * Either may be null when the drill aborted before it could be measured.
 */
public record Measured(
        Instant disasterAt,
        String recoveryPoint,
        Instant recoveryPointWatermark,
        Instant verifiedAt,
        Double rtoSeconds,
        Double rpoSeconds) {}
