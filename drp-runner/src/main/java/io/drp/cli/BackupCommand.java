package io.drp.cli;

import io.drp.backup.BackupJob;
import io.drp.backup.BackupPoint;
import io.drp.backup.BackupResult;
import io.drp.config.ConfigLoader;
import io.drp.config.DrpConfig;
import io.drp.progress.Bytes;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import io.drp.backup.BackupCatalog;
import io.drp.backup.ManifestHeader;
import io.drp.failure.UsageFailure;
import io.drp.pipeline.RunGuard;
import io.drp.pipeline.SignalGuard;

import java.time.Clock;
import java.time.Duration;

@Command(name = "backup", header = "Write a backup point of the production containers.",
        description = {"The production side's scheduled job. By default takes a full snapshot when the current chain is older than backup.fullEvery (or none exists), otherwise an incremental. Production is only read."},
        exitCodeList = {
                "0:the backup point was written",
                "2:invalid usage or configuration; nothing ran",
                "3:aborted: storage or backup error (the point is not committed)",
                "130/143:stopped by Ctrl-C/SIGTERM (set by the JVM): the point is not committed and the lock is released"},
        footer = {"  drp backup -c drp.yaml              # from cron, e.g. hourly",
                "  drp backup -c drp.yaml --full       # start a new chain now"})
public final class BackupCommand extends DrpCommandBase {

    @Mixin
    ConfigOptions options;

    @Mixin
    RunOutputOptions output;

    static final class ModeGroup {
        @Option(names = "--full", description = "Start a new chain with a full snapshot.")
        boolean full;
        @Option(names = "--incremental", description = "Add an incremental to the current chain.")
        boolean incremental;
    }

    @ArgGroup(exclusive = true)
    ModeGroup mode;

    @Option(names = "--label", paramLabel = "NAME", description = "With --full: name the point (e.g. before-release-4.2) for 'drp restore --label'.")
    String label;

    @Option(names = "--keep-labelled", paramLabel = "DAYS", defaultValue = "90",
            description = "Labelled chains are exempt from count-based retention for this many days (default: ${DEFAULT-VALUE}).")
    int keepLabelledDays;

    @Option(names = "--list", description = "List the retained points (watermark, objects, label) and write nothing.")
    boolean list;

    @Override
    protected ExitCode execute() {
        DrpConfig cfg = io.drp.backup.BackupKeys.withWorkDirKeys(new ConfigLoader().load(options.config), options.workDir);
        BackupJob.Mode m = mode == null ? BackupJob.Mode.AUTO : mode.full ? BackupJob.Mode.FULL : BackupJob.Mode.INCREMENTAL;
        if (label != null && m != BackupJob.Mode.FULL) throw new UsageFailure("--label needs --full: only a full snapshot carries a label");
        if (label != null && !ManifestHeader.LABEL.matcher(label).matches()) {
            throw new UsageFailure("--label '" + label + "' must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (keepLabelledDays < 1) throw new UsageFailure("--keep-labelled must be at least 1 day");
        try (StorageSession session = StorageSession.open(cfg, options.workDir)) {
            redactor = session.redactor();
            StorageAccount prod = session.connector().openForSnapshots("production", session.accounts().production());
            if (list) return list(session.connector().openReadOnly("backup", session.accounts().backup()), cfg);
            StorageAccount backup = session.connector().open("backup", session.accounts().backup());
            BackupResult r;
            // Ctrl-C or SIGTERM: no manifest is committed, the lease is released, and the line below says so
            try (SignalGuard stop = SignalGuard.onSignal("backup")) {
                try {
                    r = new BackupJob(prod, backup, cfg.backup(), cfg.productionContainers(), ServiceClocks.of(session),
                            options.workDir.resolve("cache").resolve("manifests"), progress())
                            .run(m, label, Duration.ofDays(keepLabelledDays), stop);
                } catch (RunGuard.Stopped e) {
                    String why = "aborted: " + e.getMessage() + "; no point was committed and the lock is released;"
                            + " the next backup takes the next unused number";
                    err().println(why);
                    failureDocument(why, ExitCode.ABORTED);
                    return ExitCode.ABORTED;
                }
            }
            BackupPoint p = r.point();
            out().printf("backup point %s (%s) watermark %s%s%n", p.pointId(), p.kind(), p.watermark(), label == null ? "" : " label " + label);
            out().printf("  %d objects, %s in the point; %d copied (%s), %d deletion(s) recorded; %.1f s; %d transient retr%s%n",
                    p.objects(), Bytes.human(p.bytes()), p.puts(), Bytes.human(p.putBytes()), p.deletes(),
                    r.elapsed().toMillis() / 1000.0, session.connector().retryCounter().count(),
                    session.connector().retryCounter().count() == 1 ? "y" : "ies");
            out().println("  manifest sha256 " + p.manifestSha256());
            r.prunedChains().forEach(c -> out().println("  pruned chain " + c + " (retention: " + cfg.backup().retainChains() + " chains)"));
            r.notes().forEach(n -> err().println("note: " + redactor.redact(n)));
            return finish(BackupDocuments.backup(r, label, session.connector().retryCounter().count()), ExitCode.OK);
        }
    }

    private ExitCode list(StorageAccount backup, DrpConfig cfg) {
        var points = new BackupCatalog(backup.container(cfg.backup().container()), options.workDir.resolve("cache").resolve("manifests")).points();
        out().printf("%-34s %-12s %-24s %9s %10s  %s%n", "point", "kind", "watermark (UTC)", "objects", "size", "label");
        for (var p : points) {
            if (p.problem() != null) {
                out().printf("%-34s %-12s %s%n", p.pointId(), "UNREADABLE", p.problem());
                continue;
            }
            out().printf("%-34s %-12s %-24s %9d %10s  %s%n", p.pointId(), p.kind(), p.watermark(), p.objects(), Bytes.human(p.bytes()),
                    p.label() == null ? "" : p.label());
        }
        out().printf("%d point(s) in %s of %s%n", points.size(), cfg.backup().container(), backup.endpoint());
        return finish(BackupDocuments.points(points, cfg.backup().container(), backup.endpoint()), ExitCode.OK);
    }
}
