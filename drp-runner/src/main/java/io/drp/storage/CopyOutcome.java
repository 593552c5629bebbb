package io.drp.storage;

import java.time.Instant;

/**
 * Result of one verified copy. {@code committed} is false when the bytes did not match the expected hash:
 * the destination was then left untouched, so a corrupt object never becomes visible. The source's attributes,
 * ETag and Last-Modified come from the download response itself, so they describe exactly the bytes copied.
 * {@code destinationEtag} identifies what drp committed, for resume and metadata verification.
 */
public record CopyOutcome(long size, String sha256, boolean committed, BlobAttributes sourceAttributes, String sourceEtag,
                          Instant sourceLastModified, String destinationEtag) {

    /** A read that wrote nothing (verification). */
    public static CopyOutcome read(long size, String sha256) {
        return new CopyOutcome(size, sha256, false, null, null, null, null);
    }
}
