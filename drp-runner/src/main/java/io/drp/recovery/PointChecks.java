package io.drp.recovery;

import io.drp.backup.BackupError;
import io.drp.backup.ManifestEntry;
import io.drp.backup.ManifestFile;
import io.drp.backup.PointTrust;
import io.drp.backup.RestorePlan;
import io.drp.config.DrpConfig;
import io.drp.model.Finding;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the plan step checks of the recovery point before anything is written: that it writes only containers
 * drp.yaml declares (whatever its signature says), and whether its chain is authenticated.
 */
final class PointChecks {

    private PointChecks() {}

    /**
     * Refuses a point that would write a container its own header does not list, or one no service in drp.yaml
     * declares. The header's list alone is not enough: the entries are what a restore acts on, so they are read too
     * (a local file, read once; a manifest cached by an older drp was never checked entry by entry).
     *
     * @throws BackupError naming the point and the container; nothing has been written yet
     */
    static void scope(ManifestFile point, DrpConfig config, Scope scope) {
        Set<String> configured = Set.copyOf(config.productionContainers());
        Set<String> listed = Set.copyOf(point.header().containers());
        for (String c : point.header().containers()) {
            if (scope.includesContainer(c) && !configured.contains(c)) {
                throw new BackupError(point.pointId(), "lists container '" + c + "', which no service in " + config.file()
                        + " declares; drp restores only the containers drp.yaml names, so the point is refused and nothing was written."
                        + " Declare the container in a service, or restore a point taken with the current drp.yaml");
            }
        }
        try (Stream<ManifestEntry> entries = point.entries()) {
            for (Iterator<ManifestEntry> it = entries.filter(ManifestEntry::live).iterator(); it.hasNext(); ) {
                ManifestEntry e = it.next();
                if (!listed.contains(e.container())) {
                    throw new BackupError(point.pointId(), "object " + e.path() + " is in container '" + e.container()
                            + "', which the point's header does not list; the point is refused and nothing was written");
                }
            }
        }
    }

    /** The plan's signing facts for the step's details, and the finding an unauthenticated chain gives. */
    static void signing(RestorePlan plan, PointTrust trust, List<Finding> findings, Map<String, Object> details) {
        details.put("signed", trust.verifies());
        details.put("keyIds", plan.points().stream().map(m -> m.trailer().keyId()).filter(java.util.Objects::nonNull).distinct().sorted().toList());
        if (trust.verifies()) return;
        String points = plan.points().size() == 1 ? "point " + plan.recoveryPoint().pointId()
                : "points " + plan.full().pointId() + " to " + plan.recoveryPoint().pointId();
        if (trust.acceptUnsigned()) {
            findings.add(new Finding(Finding.Severity.WARNING, "UNSIGNED_BACKUP", points + " were restored without authentication"
                    + " (backup.signing: { unsigned: accept }): anyone who can write the backup container could have written them",
                    "Sign the backups: declare backup.signing.publicKeys and give the backup job the private key in "
                            + io.drp.config.BackupSigning.KEY_FILE_ENV + "."));
        } else {
            findings.add(new Finding(Finding.Severity.BLOCKING, "UNSIGNED_BACKUP", points + " cannot be authenticated: drp.yaml"
                    + " declares no backup.signing.publicKeys, so a point anyone wrote into the backup container would be restored",
                    "Declare backup.signing.publicKeys and give the backup job the private key in " + io.drp.config.BackupSigning.KEY_FILE_ENV
                            + ", or accept unsigned points by name with backup.signing: { unsigned: accept }."));
        }
    }
}
