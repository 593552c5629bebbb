package io.drp.cli;

import io.drp.backup.BackupJob;
import io.drp.backup.BackupPoint;
import io.drp.backup.BackupResult;
import io.drp.config.ConfigLoader;
import io.drp.config.DrpConfig;
import io.drp.progress.Bytes;
import io.drp.progress.ConsoleProgress;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;

@Command(name = "backup", header = "Write a backup point of the production containers.",
        description = {"The production side's scheduled job. By default takes a full snapshot when the current chain is older than backup.fullEvery (or none exists), otherwise an incremental. Production is only read."},
        exitCodeList = {
                "0:the backup point was written",
                "2:invalid usage or configuration; nothing ran",
                "3:aborted: storage or backup error (the point is not committed)"},
        footer = {"  drp backup -c drp.yaml              # from cron, e.g. hourly",
                "  drp backup -c drp.yaml --full       # start a new chain now"})
public final class BackupCommand extends DrpCommandBase {

    @Mixin
    ConfigOptions options;

    static final class ModeGroup {
        @Option(names = "--full", description = "Start a new chain with a full snapshot.")
        boolean full;
        @Option(names = "--incremental", description = "Add an incremental to the current chain.")
        boolean incremental;
    }

    @ArgGroup(exclusive = true)
    ModeGroup mode;

    @Override
    protected ExitCode execute() {
        DrpConfig cfg = new ConfigLoader().load(options.config);
        BackupJob.Mode m = mode == null ? BackupJob.Mode.AUTO : mode.full ? BackupJob.Mode.FULL : BackupJob.Mode.INCREMENTAL;
        try (StorageSession session = StorageSession.open(cfg, options.workDir)) {
            redactor = session.redactor();
            StorageAccount prod = session.connector().openReadOnly("production", session.accounts().production());
            StorageAccount backup = session.connector().open("backup", session.accounts().backup());
            BackupResult r = new BackupJob(prod, backup, cfg.backup(), cfg.productionContainers(), Clock.systemUTC(),
                    options.workDir.resolve("cache").resolve("manifests"), new ConsoleProgress(System.err, System.console() != null)).run(m);
            BackupPoint p = r.point();
            out().printf("backup point %s (%s) watermark %s%n", p.pointId(), p.kind(), p.watermark());
            out().printf("  %d objects, %s in the point; %d copied (%s), %d deletion(s) recorded; %.1f s; %d transient retr%s%n",
                    p.objects(), Bytes.human(p.bytes()), p.puts(), Bytes.human(p.putBytes()), p.deletes(),
                    r.elapsed().toMillis() / 1000.0, session.connector().retryCounter().count(),
                    session.connector().retryCounter().count() == 1 ? "y" : "ies");
            out().println("  manifest sha256 " + p.manifestSha256());
            r.prunedChains().forEach(c -> out().println("  pruned chain " + c + " (retention: " + cfg.backup().retainChains() + " chains)"));
            r.notes().forEach(n -> err().println("note: " + redactor.redact(n)));
            return ExitCode.OK;
        }
    }
}
