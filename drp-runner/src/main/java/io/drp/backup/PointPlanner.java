package io.drp.backup;

import io.drp.listing.ListedObject;
import io.drp.listing.MergeJoin;

import java.util.Iterator;
import java.util.Objects;

/**
 * Decides, object by object and in manifest order, what a new point does: keep the previous point's copy,
 * record a deletion, or copy. A merge-join of the previous point's live entries with the production listing,
 * both sorted, so memory stays flat whatever the number of objects.
 */
final class PointPlanner {

    /** Where the decisions go, in order. */
    interface Sink {
        /** An entry that needs no copy: a deletion, or bytes kept from an earlier point. */
        void done(ManifestEntry e);

        /** An object whose bytes must be copied into this point. */
        void copy(ListedObject o);
    }

    private PointPlanner() {}

    static void plan(Iterator<ManifestEntry> previousLive, Iterator<ListedObject> listing, Sink sink) {
        MergeJoin.join(previousLive, ManifestEntry::key, listing, ListedObject::key, new MergeJoin.Visitor<ManifestEntry, ListedObject>() {
            @Override
            public void onlyLeft(ManifestEntry gone) {
                sink.done(PointCopier.deletion(gone));
            }

            @Override
            public void onlyRight(ListedObject added) {
                sink.copy(added);
            }

            @Override
            public void both(ManifestEntry before, ListedObject now) {
                // a point written before attributes were recorded has none to keep: copy once to learn them
                if (Objects.equals(before.etag(), now.etag()) && before.size() == now.size() && before.attributes() != null) {
                    // tags and tier change without moving the ETag: take them from the listing, keep the bytes
                    sink.done(new ManifestEntry(ManifestEntry.Op.KEEP, now.container(), now.name(), now.size(),
                            before.sha256(), before.lastModified(), now.etag(), before.dataSeq(),
                            before.attributes().withTagsAndTier(now.attributes().tags(), now.attributes().tier())));
                } else {
                    sink.copy(now);
                }
            }
        });
    }
}
