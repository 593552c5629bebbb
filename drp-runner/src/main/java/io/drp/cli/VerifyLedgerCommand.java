package io.drp.cli;

import io.drp.ledger.DrillLedger;
import io.drp.ledger.LedgerVerification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Optional;

@Command(name = "verify-ledger", header = "Check the drill history's hash chain; exit 1 on a break.",
        description = "Recomputes every record's SHA-256 and its link to the previous record, and names the first broken record.")
public final class VerifyLedgerCommand extends DrpCommandBase {

    @Mixin
    LedgerOptions options;

    @Override
    protected ExitCode execute() {
        DrillLedger ledger = new DrillLedger(options.dir(), Optional.empty());
        LedgerVerification v = ledger.verify();
        if (v.intact()) {
            out().println("ledger intact: " + v.records() + " record(s) in " + ledger.file());
            return ExitCode.OK;
        }
        err().println("ledger BROKEN at " + ledger.file() + ":" + v.brokenAt()
                + (v.brokenDrillId() == null ? "" : " (drill " + v.brokenDrillId() + ")") + ": " + v.reason());
        return ExitCode.OBJECTIVE_MISSED;
    }
}
