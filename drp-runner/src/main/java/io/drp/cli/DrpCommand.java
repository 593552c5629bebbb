package io.drp.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ScopeType;

@Command(name = "drp",
        // INHERIT gives every subcommand -h/--help, -V/--version and the exit-code list below unless it declares its own
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        header = "Disaster-recovery drills for Azure: restore, verify, and measure RTO/RPO against objectives.",
        subcommands = {
                DemoCommand.class,
                ValidateCommand.class,
                BackupCommand.class,
                DrillCommand.class,
                RestoreCommand.class,
                CleanCommand.class,
                StatusCommand.class,
                WatchCommand.class,
                PlanCommand.class,
                ApproveCommand.class,
                AssessCommand.class,
                ReportCommand.class,
                HistoryCommand.class,
                VerifyLedgerCommand.class,
                VersionCommand.class,
                HelpCommand.class,
                CompletionCommand.class,
        },
        footerHeading = "%nExample:%n",
        footer = {"  drp validate -c drp.yaml && drp drill -c drp.yaml --report-dir drill-reports",
                "  drp help drill          the options of one command (also: drp drill --help)"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every objective met / command succeeded",
                "1:drill completed but an objective was missed (assess: blocking finding; verify-ledger: chain broken)",
                "2:invalid usage or configuration",
                "3:drill aborted (infrastructure, storage or backup error)"})
public final class DrpCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
