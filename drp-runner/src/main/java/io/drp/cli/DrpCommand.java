package io.drp.cli;

import picocli.CommandLine.Command;

@Command(name = "drp",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        header = "Disaster-recovery drills for Azure: restore, verify, and measure RTO/RPO against objectives.",
        subcommands = {
                DemoCommand.class,
                ValidateCommand.class,
                BackupCommand.class,
                DrillCommand.class,
                RestoreCommand.class,
                PlanCommand.class,
                AssessCommand.class,
                ReportCommand.class,
                HistoryCommand.class,
                VerifyLedgerCommand.class,
        },
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
