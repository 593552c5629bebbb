package io.drp.cli;

import io.drp.cleanup.RecoveryCleanup;
import io.drp.config.ConfigLoader;
import io.drp.config.DrpConfig;
import io.drp.recovery.LockedRun;
import io.drp.storage.LeaseLock;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.List;

@Command(name = "clean", header = "Remove drill leftovers and restore sandboxes that drp created in the recovery account.",
        description = {"Lists the recovery account's containers that carry drp's mark: those of drills kept with --keep or stopped before "
                + "their teardown, and (with --restores) the sandboxes drp restore created there. A container drp did not create is "
                + "never listed, so it is never deleted. Without --yes, only lists. Holds the drill lock while deleting, so a running "
                + "drill or restore is never cleaned from under it."},
        exitCodeList = {
                "0:listed, or deleted what was listed",
                "2:invalid usage or configuration; nothing was deleted",
                "3:aborted: the recovery account could not be read, or a drill or restore holds it"},
        footer = {"  drp clean -c drp.yaml                      # what would be removed",
                "  drp clean -c drp.yaml --yes",
                "  drp clean -c drp.yaml --restores --yes     # restore sandboxes too, once those recoveries are over"})
public final class CleanCommand extends DrpCommandBase {

    @Mixin
    ConfigOptions options;

    @Option(names = "--yes", description = "Delete what is listed (without it, nothing is deleted).")
    boolean yes;

    @Option(names = "--restores", description = "Include the containers drp restore created in the recovery account (they may be a live recovery).")
    boolean restores;

    @Override
    protected ExitCode execute() {
        DrpConfig cfg = new ConfigLoader().load(options.config);
        cfg.warnings().forEach(w -> err().println("warning: " + w));
        try (StorageSession session = StorageSession.open(cfg, options.workDir)) {
            redactor = session.redactor();
            StorageAccount recovery = session.connector().open("recovery", session.accounts().recovery());
            String runId = "clean-" + Long.toString(System.currentTimeMillis(), 36);
            // the drill lock: a drill or restore at work in this account keeps its containers
            try (LeaseLock lock = LeaseLock.acquire(recovery, LockedRun.LOCK, "clean", runId, false, Clock.systemUTC())) {
                List<RecoveryCleanup.Candidate> found = RecoveryCleanup.find(recovery);
                if (found.isEmpty()) {
                    out().println("nothing to clean in " + recovery.endpoint() + ": no container there carries drp's mark");
                    return ExitCode.OK;
                }
                out().println("containers drp created in " + recovery.endpoint() + ":");
                for (RecoveryCleanup.Candidate c : found) {
                    out().printf("  %-8s %-40s by %s%s%n", c.kind().name().toLowerCase(java.util.Locale.ROOT), c.container(), c.runId(),
                            c.kind() == RecoveryCleanup.Kind.RESTORE && !restores ? " (kept: pass --restores to include restore sandboxes)" : "");
                }
                if (!yes) {
                    out().println("nothing deleted; run again with --yes to delete " + (restores ? "them" : "the drill leftovers"));
                    return ExitCode.OK;
                }
                RecoveryCleanup.Outcome done = RecoveryCleanup.delete(recovery, found, restores);
                done.deleted().forEach(c -> out().println("deleted " + c.container()));
                out().println(done.deleted().size() + " container(s) deleted, " + done.kept().size() + " kept");
                return ExitCode.OK;
            }
        }
    }
}
