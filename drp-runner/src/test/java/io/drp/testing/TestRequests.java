package io.drp.testing;

import io.drp.model.RunRecord;
import io.drp.recovery.RecoveryRequest;
import io.drp.recovery.RequestResolver;
import io.drp.recovery.RunKind;
import io.drp.recovery.TeardownPolicy;
import io.drp.recovery.VerifyMode;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Drill requests with a chosen id, for tests that need to know it before the run (resume, locks). */
public final class TestRequests {

    private TestRequests() {}

    /** @param id null for a fresh id; @param t0 null for now */
    public static RecoveryRequest drill(String id, Instant t0, String scenario, boolean keep, Path reportDir, int parallelism,
                                        boolean fullVerify) {
        Instant now = Instant.now();
        return new RecoveryRequest(RunKind.DRILL, id != null ? id : RequestResolver.newRunId("d", now), t0 != null ? t0 : now,
                scenario, reportDir, parallelism, fullVerify ? VerifyMode.FULL : VerifyMode.METADATA,
                keep ? TeardownPolicy.KEEP : TeardownPolicy.AFTER_COMPLETION, false, List.<RunRecord>of());
    }
}
