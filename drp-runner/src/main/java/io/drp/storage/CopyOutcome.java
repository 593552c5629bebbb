package io.drp.storage;

/**
 * Result of one verified copy. {@code committed} is false when the bytes did not match the expected hash:
 * the destination was then left untouched, so a corrupt object never becomes visible.
 */
public record CopyOutcome(long size, String sha256, boolean committed) {}
