package io.drp.recovery;

import io.drp.config.DrpConfig;
import io.drp.progress.Progress;
import io.drp.recovery.rebuild.RecoveryTarget;
import io.drp.report.DrpVersion;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageSession;

import java.nio.file.Path;
import java.time.Clock;

/** What a drill and a real recovery are both run with; builds the engine the same way for both. */
public record RunSetup(DrpConfig config, StorageSession session, Path workDir, Clock clock, Progress progress,
                       RecoveryEngine.ReportSink sink) {

    /** An account of the session, opened read-only (a read+list SAS where the credential allows it). */
    public StorageAccount readOnly(String role) {
        return session.connector().openReadOnly(role, switch (role) {
            case "production" -> session.accounts().production();
            case "backup" -> session.accounts().backup();
            default -> session.accounts().recovery();
        });
    }

    public RecoveryEngine engine(StorageAccount production, StorageAccount backup, RecoveryTarget target, Isolation isolation) {
        return new RecoveryEngine(config, production, backup, target, isolation, clock, progress, workDir,
                session.connector().retryCounter()::count, session.redactor(), sink, DrpVersion.current());
    }
}
