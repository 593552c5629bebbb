package io.drp.status;

import io.drp.backup.BackupCatalog;
import io.drp.backup.RestorePlan;
import io.drp.backup.UntrustedPointError;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads {@link BackupFacts} from the backup container through the same catalog a drill plans with. Read-only. */
public final class BackupFactsReader {

    private BackupFactsReader() {}

    public static BackupFacts read(BackupCatalog catalog, Instant now) {
        List<BackupCatalog.ChainListing> chains = catalog.chains();
        List<String> problems = new ArrayList<>();
        Optional<RestorePlan> plan;
        try {
            plan = catalog.plan(now, problems);
        } catch (UntrustedPointError e) {
            problems.add(e.getMessage()); // a drill would refuse the chain: so does status
            plan = Optional.empty();
        }
        BackupFacts.Signing signing = new BackupFacts.Signing(catalog.trust().verifies(), catalog.trust().acceptUnsigned(),
                plan.map(p -> p.points().stream().map(m -> m.trailer().keyId()).filter(java.util.Objects::nonNull).distinct().sorted().toList())
                        .orElse(List.of()));
        List<String> incomplete = new ArrayList<>();
        if (!chains.isEmpty()) {
            BackupCatalog.ChainListing newest = chains.get(chains.size() - 1);
            int lastComplete = newest.complete().isEmpty() ? -1 : newest.complete().last();
            newest.incomplete().tailSet(lastComplete + 1).forEach(seq -> incomplete.add(io.drp.backup.BackupLayout.pointId(newest.chainId(), seq)));
        }
        if (plan.isEmpty()) {
            return new BackupFacts(null, null, false, problems, List.of(), incomplete, signing);
        }
        RestorePlan p = plan.get();
        return new BackupFacts(p.recoveryPoint().pointId(), p.recoveryPoint().header().watermark(), true, p.problems(), p.skipped(), incomplete,
                signing);
    }
}
