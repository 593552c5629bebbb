package io.drp.recovery;

import io.drp.backup.RestorePlan;
import io.drp.model.Finding;
import io.drp.model.Mismatch;
import io.drp.recovery.rebuild.RecoveryEnvironment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the steps of one run learn, in order: the plan, the rebuilt environment, the verification and the
 * loss. A field stays null until its step has succeeded, which is how the report tells how far a run got.
 */
final class RecoveryState {

    final RecoveryRequest request;
    /** Says stop when the run may no longer write (its lock was lost). */
    final io.drp.pipeline.RunGuard guard;
    volatile RestorePlan plan;
    volatile RecoveryEnvironment environment;
    volatile Verification verification;
    volatile Loss loss;
    /** A real recovery with --overwrite: objects the target already held under a name the point restores. */
    volatile Replaced replaced = new Replaced(0, java.util.List.of());
    /** How restore and replay copy, decided by the first of them once the target is known. */
    volatile CopyChoice copy;
    /** Copies refused at restore because the backup's bytes did not match the manifest. */
    final Queue<Mismatch> copyMismatches = new ConcurrentLinkedQueue<>();
    final List<Finding> findings = Collections.synchronizedList(new ArrayList<>());
    /** What the scenario's recovery plan did; null until the service step has run (or when it was skipped). */
    volatile io.drp.model.PlanRecord planRecord;
    /** The negative controls as planted and judged; null until the controls step has run. */
    volatile io.drp.model.Controls controls;
    /** The controls' scratch container while it may exist; cleared once it is deleted. */
    volatile ControlPlot controlPlot;
    /** Set by teardown when it could not prove the rebuilt environment gone; the report carries it afterwards. */
    volatile Finding teardownFinding;

    RecoveryState(RecoveryRequest request) {
        this(request, io.drp.pipeline.RunGuard.NONE);
    }

    RecoveryState(RecoveryRequest request, io.drp.pipeline.RunGuard guard) {
        this.request = request;
        this.guard = guard;
    }

    /** What verification proved, and when: the RTO clock stops at {@code verifiedAt}. */
    record Verification(Instant verifiedAt, long expected, long restored, long restoredBytes, List<Mismatch> mismatches) {
        Verification {
            mismatches = List.copyOf(mismatches);
        }
    }

    record Replaced(long count, List<String> sample) {
        Replaced {
            sample = List.copyOf(sample);
        }
    }

    List<Finding> findings() {
        synchronized (findings) {
            return List.copyOf(findings);
        }
    }
}
