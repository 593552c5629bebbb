package io.drp.recovery;

import io.drp.backup.ManifestEntry;
import io.drp.listing.ContainerListing;
import io.drp.listing.ListedObject;
import io.drp.listing.MergeJoin;
import io.drp.listing.ObjectKey;
import io.drp.model.Mismatch;
import io.drp.storage.BlobAttributes;
import io.drp.storage.StorageAccount;
import io.drp.storage.VerifiedCopier;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The verifier: merge-joins what a container must hold (manifest entries, sorted) against what one listing of it
 * says it holds, then compares sizes, hashes (one GET each, in full mode) and attributes. The restored containers
 * ({@link VerifyStep}) and the planted negative controls ({@link ControlsStep}) go through this one class, so a
 * control it catches proves that the very code that passed the restored data can fail.
 * <p>
 * One instance accumulates over several containers; the caller awaits {@code checks} before reading the results.
 */
final class ContainerVerifier {

    /**
     * The two comparisons whose blindness no test of restored data could notice: equal content and equal attributes.
     * {@link #EXACT} is the only one drp ships; tests hand the engine a blind one to prove the controls catch it.
     */
    interface Comparison {
        boolean sameContent(ManifestEntry want, long size, String sha256);

        List<String> attributeDifferences(BlobAttributes want, BlobAttributes got);

        Comparison EXACT = new Comparison() {
            @Override
            public boolean sameContent(ManifestEntry want, long size, String sha256) {
                return size == want.size() && sha256.equals(want.sha256());
            }

            @Override
            public List<String> attributeDifferences(BlobAttributes want, BlobAttributes got) {
                return want.differences(got);
            }
        };
    }

    /**
     * @param hash          re-read and hash every present object (full mode); otherwise compare size and ETag
     * @param extrasAllowed objects outside the expected set are counted as untouched (a real recovery) instead of mismatches
     * @param committedEtag metadata mode: the ETag drp committed for an entry (null when it committed none)
     */
    record Mode(boolean hash, boolean extrasAllowed, Function<ManifestEntry, String> committedEtag) {}

    /** Told each present object: how many so far, and their bytes. */
    interface Tick {
        void present(long count, long bytes);
    }

    private final StorageAccount account;
    private final Comparison comparison;
    private final BoundedTasks checks;
    private final Mode mode;
    private final Tick tick;

    final AtomicLong expected = new AtomicLong(), present = new AtomicLong(), bytes = new AtomicLong();
    final AtomicLong attributesBad = new AtomicLong(), untouched = new AtomicLong();
    /** Missing, extra, or (metadata mode) not the object committed; written by the joining thread only. */
    final Map<String, Mismatch> structural = new TreeMap<>();
    /** Wrong bytes or attributes; written by the hashing tasks too. */
    final Queue<Mismatch> content = new ConcurrentLinkedQueue<>();
    /** Present objects not restored exactly, once each even when wrong in bytes and in attributes. */
    final Set<String> wrong = ConcurrentHashMap.newKeySet();

    ContainerVerifier(StorageAccount account, Comparison comparison, BoundedTasks checks, Mode mode, Tick tick) {
        this.account = account;
        this.comparison = comparison;
        this.checks = checks;
        this.mode = mode;
        this.tick = tick;
    }

    /**
     * @param container the container the entries name (their key); {@code listed} is the container actually listed, which a
     *                  rename or a control makes different. A rename can change how target containers sort, never how
     *                  names sort within one, hence one join per container.
     */
    void verify(String container, String listed, Iterator<ManifestEntry> entries) {
        try (var listing = ContainerListing.of(account, List.of(listed), true, false)) {
            MergeJoin.join(entries, ManifestEntry::key, listing.iterator(), o -> new ObjectKey(container, o.name()),
                    new MergeJoin.Visitor<ManifestEntry, ListedObject>() {
                        @Override
                        public void onlyLeft(ManifestEntry want) {
                            expected.incrementAndGet();
                            structural.put(want.path(), new Mismatch(want.path(), "missing after restore"));
                        }

                        @Override
                        public void onlyRight(ListedObject extra) {
                            // a real recovery leaves objects outside the point alone; a drill's target must hold nothing else
                            if (mode.extrasAllowed()) {
                                untouched.incrementAndGet();
                            } else {
                                structural.put(extra.path(), new Mismatch(extra.path(), "present after restore but not in the recovery point"));
                            }
                        }

                        @Override
                        public void both(ManifestEntry want, ListedObject got) {
                            expected.incrementAndGet();
                            tick.present(present.incrementAndGet(), bytes.addAndGet(got.size()));
                            compare(want, got);
                        }
                    });
        }
    }

    private void compare(ManifestEntry want, ListedObject got) {
        if (mode.hash()) {
            checks.submit(() -> {
                var h = VerifiedCopier.hash(account.container(got.container()).getBlobClient(got.name()));
                if (!comparison.sameContent(want, h.size(), h.sha256())) {
                    content.add(new Mismatch(want.path(), "restored content differs from the manifest (size "
                            + h.size() + " vs " + want.size() + ")"));
                }
            });
        } else if (got.size() != want.size() || !got.etag().equals(mode.committedEtag().apply(want))) {
            // metadata mode trusts the hash checked at restore, for the object drp committed then
            wrong.add(want.path());
            structural.put(want.path(), new Mismatch(want.path(),
                    "restored object's size differs from the manifest, or it is not the object drp committed"));
        }
        List<String> diff = want.attributes() == null || got.attributes() == null ? List.of()
                : comparison.attributeDifferences(want.attributes(), got.attributes());
        if (!diff.isEmpty()) {
            attributesBad.incrementAndGet();
            content.add(new Mismatch(want.path(), "restored attributes differ: " + String.join(", ", diff)));
        }
    }

    /** Every mismatch, one per object with the most specific reason (content over structural). Call after the checks. */
    Map<String, Mismatch> byObject() {
        Map<String, Mismatch> out = new TreeMap<>(structural);
        for (Mismatch m : content) out.put(m.object(), m);
        return out;
    }
}
