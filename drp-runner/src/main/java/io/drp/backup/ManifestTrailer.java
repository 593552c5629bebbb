package io.drp.backup;

/**
 * Last line of a manifest. Its presence proves the manifest is complete; {@code bodySha256} covers every
 * byte before it, so truncation and edits are both detected.
 */
public record ManifestTrailer(long entries, long liveObjects, long liveBytes, long puts, long putBytes, long deletes, String bodySha256) {}
