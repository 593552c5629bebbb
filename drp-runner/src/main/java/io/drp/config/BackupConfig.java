package io.drp.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The backup policy. The source plan asks for a daily backup by default, more often when operations need
 * it, so a chain starts with a full snapshot every {@code fullEvery} and adds incrementals every
 * {@code incrementalEvery} in between.
 */
public record BackupConfig(
        String container,
        Duration fullEvery,
        Duration incrementalEvery,
        int retainChains,
        int parallelism,
        Consistency consistency,
        BackupSigning signing) {

    public static final Duration DEFAULT_FULL_EVERY = Duration.ofDays(1);

    /** How a point is kept consistent while production is being written. */
    public enum Consistency {
        /** Copy, for each object, the version current at the watermark (production keeps blob versions). */
        VERSION,
        /** Snapshot every object to copy first, then copy the snapshots; fuzzy where snapshots are not allowed. */
        SNAPSHOT,
        /** Copy each object as it is when the copy reaches it: a point smeared across the job. */
        FUZZY
    }

    public BackupConfig(String container, Duration fullEvery, Duration incrementalEvery, int retainChains, int parallelism) {
        this(container, fullEvery, incrementalEvery, retainChains, parallelism, Consistency.SNAPSHOT);
    }

    /** Without {@code signing}: no keys and no opt-out, so the points are unsigned and every run says so. */
    public BackupConfig(String container, Duration fullEvery, Duration incrementalEvery, int retainChains, int parallelism,
                        Consistency consistency) {
        this(container, fullEvery, incrementalEvery, retainChains, parallelism, consistency, BackupSigning.NONE);
    }

    public BackupConfig withSigning(BackupSigning s) {
        return new BackupConfig(container, fullEvery, incrementalEvery, retainChains, parallelism, consistency, s);
    }

    public BackupConfig {
        Objects.requireNonNull(container, "'container' cannot be null.");
        Objects.requireNonNull(fullEvery, "'fullEvery' cannot be null.");
        if (retainChains < 1) throw new IllegalArgumentException("retainChains must be at least 1");
        if (parallelism < 1) throw new IllegalArgumentException("parallelism must be at least 1");
        Objects.requireNonNull(consistency, "'consistency' cannot be null.");
        signing = signing == null ? BackupSigning.NONE : signing;
    }

    /** The interval between two consecutive backup points: the floor under any achievable RPO. */
    public Duration pointInterval() {
        return incrementalEvery == null || incrementalEvery.compareTo(fullEvery) > 0 ? fullEvery : incrementalEvery;
    }
}
