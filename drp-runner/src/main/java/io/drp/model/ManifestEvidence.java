package io.drp.model;

import java.time.Instant;

/**
 * A backup point the drill used, identified by the SHA-256 of its manifest as stored. {@code consistency} is how
 * its copies were taken (snapshot, version or fuzzy), null for a point written before drp recorded it.
 */
public record ManifestEvidence(
        String pointId,
        String kind,
        Instant watermark,
        long objects,
        long bytes,
        long deletions,
        String manifestSha256,
        String consistency) {}
