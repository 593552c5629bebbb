package io.drp.backup;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.drp.storage.StorageError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the backup container: which chains and points exist, which are complete, and which point a drill
 * should restore. Manifests are downloaded to a local cache directory and validated before use; nothing
 * here writes to the backup account.
 */
public final class BackupCatalog {

    private final BlobContainerClient container;
    private final Path cacheDir;

    public BackupCatalog(BlobContainerClient container, Path cacheDir) {
        this.container = container;
        this.cacheDir = cacheDir;
    }

    /** Every chain's point numbers, split into complete (manifest present) and incomplete (data only). */
    public record ChainListing(String chainId, TreeSet<Integer> complete, TreeSet<Integer> incomplete) {}

    public List<ChainListing> chains() {
        TreeMap<String, ChainListing> chains = new TreeMap<>();
        try {
            if (!container.exists()) {
                return List.of();
            }
            // One flat listing of manifests would miss incomplete points, so list point prefixes too.
            for (BlobItem chain : container.listBlobsByHierarchy("/", new ListBlobsOptions().setPrefix(BackupLayout.CHAINS), null)) {
                if (!Boolean.TRUE.equals(chain.isPrefix())) continue;
                String chainId = chain.getName().substring(BackupLayout.CHAINS.length()).replace("/", "");
                ChainListing listing = new ChainListing(chainId, new TreeSet<>(), new TreeSet<>());
                for (BlobItem point : container.listBlobsByHierarchy("/", new ListBlobsOptions().setPrefix(chain.getName()), null)) {
                    String rest = point.getName().substring(chain.getName().length()).replace("/", "");
                    int seq;
                    try {
                        seq = Integer.parseInt(rest);
                    } catch (NumberFormatException notAPoint) {
                        continue;
                    }
                    boolean hasManifest = container.getBlobClient(BackupLayout.manifestBlob(chainId, seq)).exists();
                    (hasManifest ? listing.complete() : listing.incomplete()).add(seq);
                }
                chains.put(chainId, listing);
            }
        } catch (BlobStorageException e) {
            throw new StorageError("cannot list backups in container " + container.getBlobContainerName() + " ("
                    + e.getStatusCode() + " " + e.getErrorCode() + ")", e);
        }
        return new ArrayList<>(chains.values());
    }

    /** Downloads and validates one manifest. */
    public ManifestFile manifest(String chainId, int seq) {
        String pointId = BackupLayout.pointId(chainId, seq);
        Path local = cacheDir.resolve(chainId).resolve(BackupLayout.seqText(seq) + ".jsonl");
        try {
            Files.createDirectories(local.getParent());
            Path tmp = Files.createTempFile(local.getParent(), ".manifest", ".tmp");
            container.getBlobClient(BackupLayout.manifestBlob(chainId, seq)).downloadToFile(tmp.toString(), true);
            Files.move(tmp, local, StandardCopyOption.REPLACE_EXISTING);
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                throw new BackupError(pointId, "manifest is missing");
            }
            throw new StorageError("cannot read the manifest of " + pointId + " (" + e.getStatusCode() + " " + e.getErrorCode() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ManifestFile.open(local, pointId);
    }

    /**
     * The newest restorable point at or before {@code notAfter}: the newest chain with a valid full snapshot,
     * followed by its contiguous, correctly linked incrementals. Broken newer backups are skipped and
     * reported in {@link RestorePlan#problems()}; they do not stop a restore from older good ones.
     *
     * @return empty when no chain can be restored at all
     */
    public Optional<RestorePlan> plan(Instant notAfter, List<String> problemsOut) {
        List<ChainListing> chains = chains();
        List<String> problems = new ArrayList<>();
        for (int c = chains.size() - 1; c >= 0; c--) {
            ChainListing chain = chains.get(c);
            List<String> skipped = new ArrayList<>();
            Optional<List<ManifestFile>> points = restorablePoints(chain, notAfter, problems, skipped);
            if (points.isPresent()) {
                return Optional.of(new RestorePlan(points.get(), problems, skipped));
            }
        }
        problemsOut.addAll(problems);
        return Optional.empty();
    }

    /**
     * The plan that ends exactly at point {@code chainId/seq}: its full snapshot and every incremental up to it,
     * all validated. Empty (with the reason in {@code problemsOut}) when that point cannot be restored.
     */
    public Optional<RestorePlan> planPoint(String chainId, int seq, List<String> problemsOut) {
        Optional<ChainListing> chain = chains().stream().filter(c -> c.chainId().equals(chainId)).findFirst();
        if (chain.isEmpty() || !chain.get().complete().contains(seq)) {
            problemsOut.add("point " + BackupLayout.pointId(chainId, seq) + " does not exist or has no complete manifest");
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<ManifestFile> points = restorablePoints(chain.get(), Instant.MAX, problems, skipped).orElse(List.of());
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).header().seq() == seq) return Optional.of(new RestorePlan(points.subList(0, i + 1), List.of(), skipped));
        }
        problemsOut.add("point " + BackupLayout.pointId(chainId, seq) + " cannot be restored: " + String.join("; ", problems));
        return Optional.empty();
    }

    /** The newest full snapshot carrying {@code label}, as a plan; empty (with why) when none can be restored. */
    public Optional<RestorePlan> planLabelled(String label, List<String> problemsOut) {
        List<ChainListing> chains = chains();
        for (int c = chains.size() - 1; c >= 0; c--) {
            ChainListing chain = chains.get(c);
            if (!chain.complete().contains(0)) continue;
            try {
                if (label.equals(manifest(chain.chainId(), 0).header().label())) return planPoint(chain.chainId(), 0, problemsOut);
            } catch (BackupError e) {
                problemsOut.add(e.getMessage());
            }
        }
        problemsOut.add("no retained full snapshot carries the label '" + label + "' (see 'drp backup --list')");
        return Optional.empty();
    }

    /** The highest point number a chain has used, manifest or not; -1 for an unknown chain. */
    public int highestSeq(String chainId) {
        for (ChainListing c : chains()) {
            if (!c.chainId().equals(chainId)) continue;
            int a = c.complete().isEmpty() ? -1 : c.complete().last();
            int b = c.incomplete().isEmpty() ? -1 : c.incomplete().last();
            return Math.max(a, b);
        }
        return -1;
    }

    /** One retained point, as {@code drp backup --list} shows it. */
    public record PointSummary(String pointId, PointKind kind, Instant watermark, long objects, long bytes, String label, String problem) {}

    /** Every point with a complete manifest, oldest first; a point that cannot be read says why. */
    public List<PointSummary> points() {
        List<PointSummary> out = new ArrayList<>();
        for (ChainListing chain : chains()) {
            for (int seq : chain.complete()) {
                try {
                    ManifestFile m = manifest(chain.chainId(), seq);
                    out.add(new PointSummary(m.pointId(), m.header().kind(), m.header().watermark(), m.trailer().liveObjects(),
                            m.trailer().liveBytes(), m.header().label(), null));
                } catch (BackupError e) {
                    out.add(new PointSummary(BackupLayout.pointId(chain.chainId(), seq), null, null, 0, 0, null, e.getMessage()));
                }
            }
        }
        return out;
    }

    /**
     * @param problems   what is wrong with points newer than the last usable one: the plan fell back past them
     * @param skippedOut what is wrong with points that a later usable point links past (crashed or broken history)
     */
    private Optional<List<ManifestFile>> restorablePoints(ChainListing chain, Instant notAfter, List<String> problems,
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
            full = manifest(chain.chainId(), 0);
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
                m = manifest(chain.chainId(), seq);
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
