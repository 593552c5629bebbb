package io.drp.backup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which points of one chain can be restored together: the full snapshot, then each incremental that links
 * to the head so far by number and by manifest hash. Separate from {@link BackupCatalog} so the rules run
 * over local manifests in tests (including 1,000,000-entry ones under a heap cap) without storage.
 */
final class ChainPlanner {

    /** Gives one validated manifest, or throws {@link BackupError} saying why it cannot be used. */
    @FunctionalInterface
    interface Manifests {
        ManifestFile get(String chainId, int seq);
    }

    private final Manifests manifests;

    ChainPlanner(Manifests manifests) {
        this.manifests = manifests;
    }

    /**
     * @param problems   what is wrong with points newer than the last usable one: the plan fell back past them
     * @param skippedOut what is wrong with points that a later usable point links past (crashed or broken history)
     */
    Optional<List<ManifestFile>> restorablePoints(BackupCatalog.ChainListing chain, Instant notAfter, List<String> problems,
                                                         List<String> skippedOut) {
        String fullId = BackupLayout.pointId(chain.chainId(), 0);
        if (!chain.complete().contains(0)) {
            if (!chain.complete().isEmpty()) {
                problems.add("chain " + chain.chainId() + " has no full snapshot (point " + fullId
                        + " is missing or incomplete); its " + chain.complete().size() + " incremental(s) cannot be restored");
            }
            return Optional.empty();
        }
        List<ManifestFile> out = new ArrayList<>();
        ManifestFile full;
        try {
            full = manifests.get(chain.chainId(), 0);
        } catch (UntrustedPointError e) {
            throw e; // not a broken point to fall back past: someone else wrote it, and the run stops
        } catch (BackupError e) {
            problems.add(e.getMessage());
            return Optional.empty();
        }
        if (full.header().kind() != PointKind.FULL) {
            problems.add("point " + fullId + " should be a full snapshot but is " + full.header().kind());
            return Optional.empty();
        }
        if (full.header().watermark().isAfter(notAfter)) {
            return Optional.empty();
        }
        out.add(full);
        ManifestFile head = full;
        List<String> pending = new ArrayList<>(); // problems with points newer than the head so far
        for (int seq : chain.complete().tailSet(1)) {
            String id = BackupLayout.pointId(chain.chainId(), seq);
            ManifestFile m;
            try {
                m = manifests.get(chain.chainId(), seq);
            } catch (UntrustedPointError e) {
                throw e;
            } catch (BackupError e) {
                pending.add(e.getMessage());
                continue;
            }
            if (m.header().watermark().isAfter(notAfter)) break;
            int follows = m.header().follows();
            if (m.header().kind() != PointKind.INCREMENTAL) {
                pending.add("point " + id + " should be incremental but is " + m.header().kind());
            } else if (follows != head.header().seq()) {
                String missed = BackupLayout.pointId(chain.chainId(), follows);
                pending.add(chain.complete().contains(follows)
                        ? "point " + id + " follows " + missed + ", which cannot be used; " + id + " cannot be restored"
                        : "point " + missed + " is missing from chain " + chain.chainId() + " (a gap); point " + id + " cannot be used");
            } else if (!head.sha256().equals(m.header().previousManifestSha256())) {
                pending.add("point " + id + " does not follow " + head.pointId()
                        + " (its recorded predecessor hash differs); the chain was altered");
            } else {
                // a later good point that links past broken ones: those are history, not a reason to fall back
                skippedOut.addAll(pending);
                pending.clear();
                out.add(m);
                head = m;
            }
        }
        problems.addAll(pending);
        return Optional.of(out);
    }
}
