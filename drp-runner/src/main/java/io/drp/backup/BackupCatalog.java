package io.drp.backup;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.drp.storage.StorageError;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the backup container: which chains and points exist, which are complete, and which point a drill
 * should restore. Manifests are validated before use and kept in a local cache ({@link ManifestCache}), so each
 * is downloaded once; nothing here writes to the backup account.
 */
public final class BackupCatalog {

    private final BlobContainerClient container;
    private final ManifestCache cache;
    private final ChainPlanner planner = new ChainPlanner(this::manifest);
    /** Manifest ETags seen by the last listing, by point id: what tells a cached manifest is still current. */
    private final Map<String, String> manifestEtags = new ConcurrentHashMap<>();

    private final PointTrust trust;

    /** Checks structure only ({@link PointTrust#UNCHECKED}): for listing points, not for restoring them. */
    public BackupCatalog(BlobContainerClient container, Path cacheDir) {
        this(container, cacheDir, PointTrust.UNCHECKED);
    }

    /** @param trust every manifest this catalog gives out has passed it (see {@link PointTrust#check}) */
    public BackupCatalog(BlobContainerClient container, Path cacheDir, PointTrust trust) {
        this.container = container;
        this.cache = new ManifestCache(cacheDir);
        this.trust = trust;
    }

    public PointTrust trust() {
        return trust;
    }

    /** Every chain's point numbers, split into complete (manifest present) and incomplete (data only). */
    public record ChainListing(String chainId, TreeSet<Integer> complete, TreeSet<Integer> incomplete) {}

    /**
     * The chains as listed by the last {@link #chains()} of this catalog, listing them if none was yet. Listing
     * costs a request per point, so callers that act on the state a plan just saw reuse it; only code that must
     * see its own writes (retention, after a point was committed) lists again.
     */
    public List<ChainListing> lastListing() {
        List<ChainListing> l = lastListing;
        return l != null ? l : chains();
    }

    private volatile List<ChainListing> lastListing;
    /** Prefixes under {@code chains/} the last listing ignored because drp did not name them; for warnings. */
    private volatile List<String> ignored = List.of();

    /**
     * What the last listing left out: prefixes under {@code chains/} that are not drp chain ids, and point prefixes
     * that are not point numbers. They are never planned, restored, counted toward retention, deleted or cached.
     */
    public List<String> ignoredPrefixes() {
        return ignored;
    }

    public List<ChainListing> chains() {
        List<ChainListing> listed = listChains();
        lastListing = listed;
        return listed;
    }

    private List<ChainListing> listChains() {
        TreeMap<String, ChainListing> chains = new TreeMap<>();
        List<String> foreign = new ArrayList<>();
        try {
            if (!container.exists()) {
                return List.of();
            }
            // One flat listing of manifests would miss incomplete points, so list point prefixes too.
            for (BlobItem chain : container.listBlobsByHierarchy("/", new ListBlobsOptions().setPrefix(BackupLayout.CHAINS), null)) {
                if (!Boolean.TRUE.equals(chain.isPrefix())) continue;
                String chainId = chain.getName().substring(BackupLayout.CHAINS.length(), chain.getName().length() - 1);
                if (!BackupLayout.isChainId(chainId)) { // e.g. "chains/../" or a prefix someone else wrote
                    foreign.add(chain.getName());
                    continue;
                }
                ChainListing listing = new ChainListing(chainId, new TreeSet<>(), new TreeSet<>());
                for (BlobItem point : container.listBlobsByHierarchy("/", new ListBlobsOptions().setPrefix(chain.getName()), null)) {
                    String rest = point.getName().substring(chain.getName().length());
                    int seq = Boolean.TRUE.equals(point.isPrefix()) ? BackupLayout.parseSeq(rest.substring(0, rest.length() - 1)) : -1;
                    if (seq < 0) { // "+1/", "-1/", "1/" or a blob: not a point drp wrote
                        foreign.add(point.getName());
                        continue;
                    }
                    // listing the point (one request, like the existence probe it replaces) also gives the manifest's ETag
                    String etag = manifestEtag(point.getName());
                    if (etag != null) manifestEtags.put(BackupLayout.pointId(chainId, seq), etag);
                    (etag != null ? listing.complete() : listing.incomplete()).add(seq);
                }
                chains.put(chainId, listing);
            }
        } catch (BlobStorageException e) {
            throw new StorageError("cannot list backups in container " + container.getBlobContainerName() + " ("
                    + e.getStatusCode() + " " + e.getErrorCode() + ")", e);
        }
        ignored = List.copyOf(foreign);
        return new ArrayList<>(chains.values());
    }

    private String manifestEtag(String pointPrefix) {
        String manifest = pointPrefix + BackupLayout.MANIFEST;
        for (BlobItem b : container.listBlobsByHierarchy("/", new ListBlobsOptions().setPrefix(pointPrefix), null)) {
            if (!Boolean.TRUE.equals(b.isPrefix()) && b.getName().equals(manifest)) return unquoted(b.getProperties().getETag());
        }
        return null;
    }

    /** The listing gives ETags bare and the response headers quoted; the cache compares them as one. */
    private static String unquoted(String etag) {
        return etag == null ? null : etag.replace("\"", "");
    }

    /**
     * One validated manifest: from the local cache when the blob is the version cached, else downloaded and
     * validated once, then cached.
     */
    public ManifestFile manifest(String chainId, int seq) {
        String pointId = BackupLayout.pointId(chainId, seq);
        BlobClient blob = container.getBlobClient(BackupLayout.manifestBlob(chainId, seq));
        try {
            // a point written after the last listing (the backup's own read-back) costs one Get Properties
            String etag = manifestEtags.computeIfAbsent(pointId, id -> unquoted(blob.getProperties().getETag()));
            ManifestFile m = cache.get(chainId, seq, etag, file -> unquoted(blob.downloadToFile(file.toString(), true).getETag()));
            trust.check(m); // on every use, cached or not: the cache proves a file unchanged, not who wrote it
            return m;
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                throw new BackupError(pointId, "manifest is missing");
            }
            throw new StorageError("cannot read the manifest of " + pointId + " (" + e.getStatusCode() + " " + e.getErrorCode() + ")", e);
        }
    }

    /** Forgets the cached manifests of a chain that retention removed. */
    void forgetCached(String chainId) {
        cache.forget(chainId);
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
            Optional<List<ManifestFile>> points = planner.restorablePoints(chain, notAfter, problems, skipped);
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
        List<ManifestFile> points = planner.restorablePoints(chain.get(), Instant.MAX, problems, skipped).orElse(List.of());
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
            } catch (UntrustedPointError e) {
                throw e;
            } catch (BackupError e) {
                problemsOut.add(e.getMessage());
            }
        }
        problemsOut.add("no retained full snapshot carries the label '" + label + "' (see 'drp backup --list')");
        return Optional.empty();
    }

    /** The highest point number a chain has used, manifest or not; -1 for an unknown chain. */
    public int highestSeq(String chainId) {
        for (ChainListing c : lastListing()) {
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
}
