package io.drp.recovery;

import io.drp.backup.ManifestEntry;
import io.drp.listing.ContainerListing;
import io.drp.listing.ListedObject;
import io.drp.storage.StorageAccount;

import java.util.Iterator;
import java.util.List;

/**
 * The ETag each journalled object has in the target now, for a resumed run to skip what an earlier run verified
 * and nobody replaced since. Read from the target's sorted listing by a forward-only cursor, in plan order (one
 * List Blobs per 1,000 objects) instead of one Get Properties per object. A container is listed only once its
 * first journalled object comes up, so a run with nothing journalled lists nothing. Not thread-safe: it is asked
 * from the thread that walks the plan, like the journal.
 */
final class TargetEtags {

    private final StorageAccount target;
    private final Scope scope;
    private String container;
    private Iterator<ListedObject> cursor;
    private ListedObject head;

    TargetEtags(StorageAccount target, Scope scope) {
        this.target = target;
        this.scope = scope;
    }

    /** Null when the target holds no object of that name. Entries must come in manifest order. */
    String of(ManifestEntry e) {
        if (!e.container().equals(container)) {
            // one cursor per source container: a rename can change how target containers sort, never how names do
            container = e.container();
            cursor = ContainerListing.of(target, List.of(scope.target(container)), false, true).iterator();
            head = next();
        }
        while (head != null && head.name().compareTo(e.name()) < 0) head = next();
        return head != null && head.name().equals(e.name()) ? head.etag() : null;
    }

    private ListedObject next() {
        return cursor.hasNext() ? cursor.next() : null;
    }
}
