package io.drp.model;

import java.util.List;

/**
 * Integrity evidence. {@code mismatches} counts objects whose restored bytes did not match the manifest
 * hash (always a failure); {@code objectsLost} counts objects that existed in production at the disaster
 * instant but are not in the recovered data (judged against the integrity tolerance, with {@code revertedDeletions}:
 * objects production had deleted that the recovery brought back, and {@code unrestorableObjects}: objects of the
 * point whose backup copy was corrupt or missing, also counted in {@code mismatches}).
 * The name lists are capped samples of bare {@code container/name}; the counts are exact. {@code mismatchReasons}
 * gives, for the same sample, why each object is not exact (hash, attribute, missing). {@code lossUnknownBecause} is set when production
 * could not be read (a real region loss): the loss counts are then zero because they are unknown, not because nothing was lost.
 */
public record Integrity(
        long objectsExpected,
        long objectsRestored,
        long bytesRestored,
        long mismatches,
        List<String> mismatchedObjects,
        long objectsLost,
        long bytesLost,
        List<String> lostObjects,
        long objectsWrittenAfterDisaster,
        String lossUnknownBecause,
        long revertedDeletions,
        List<String> revertedDeletionSample,
        long unrestorableObjects,
        List<Mismatch> mismatchReasons) {

    public Integrity {
        mismatchedObjects = mismatchedObjects == null ? List.of() : List.copyOf(mismatchedObjects);
        lostObjects = lostObjects == null ? List.of() : List.copyOf(lostObjects);
        revertedDeletionSample = revertedDeletionSample == null ? List.of() : List.copyOf(revertedDeletionSample);
        mismatchReasons = mismatchReasons == null ? List.of() : List.copyOf(mismatchReasons);
    }

    public static Integrity empty() {
        return new Integrity(0, 0, 0, 0, List.of(), 0, 0, List.of(), 0, null, 0, List.of(), 0, List.of());
    }
}
