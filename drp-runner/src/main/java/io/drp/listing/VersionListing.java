package io.drp.listing;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.drp.storage.BlobAttributes;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageError;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Production as it was at a watermark, on an account with blob versioning: for each name, the version that was
 * current then. A version id is the instant the version was created, so that version is the newest one created
 * at or before the watermark; a name whose versions all came later did not exist yet. Objects keep their
 * {@link ListedObject#versionId()}, and a backup copies exactly that version even while production is written.
 *
 * <p>One case the listing cannot settle: a name with no current version (deleted) whose newest version came
 * before the watermark may have been deleted before it or after it. It is taken as deleted, as a listing of
 * current objects would have it, so a point never brings back an object that was deleted.
 */
public final class VersionListing {

    private static final int PAGE = 1000;

    private VersionListing() {}

    public static Stream<ListedObject> at(StorageAccount account, List<String> containers, Instant watermark) {
        return Containers.oneAfterAnother(containers, c -> container(account, c, watermark));
    }

    private static Stream<ListedObject> container(StorageAccount account, String name, Instant watermark) {
        BlobContainerClient client = account.container(name);
        ListBlobsOptions options = new ListBlobsOptions().setMaxResultsPerPage(PAGE).setDetails(new BlobListDetails()
                .setRetrieveVersions(true).setRetrieveMetadata(true).setRetrieveTags(true));
        Iterator<BlobItem> items = client.listBlobs(options, null).stream().filter(b -> b.getSnapshot() == null).iterator();
        Iterator<ListedObject> chosen = new Iterator<>() {
            BlobItem pending = items.hasNext() ? items.next() : null;
            ListedObject next = advance();

            /** Reads one name's versions (listed together) and keeps the one current at the watermark. */
            private ListedObject advance() {
                while (pending != null) {
                    String blob = pending.getName();
                    BlobItem best = null;
                    Instant bestCreated = null;
                    boolean hasCurrent = false, newestIsBest = true;
                    while (pending != null && pending.getName().equals(blob)) {
                        hasCurrent |= Boolean.TRUE.equals(pending.isCurrentVersion());
                        Instant created = versionInstant(account, name, pending);
                        if (!created.isAfter(watermark)) {
                            if (best == null || created.isAfter(bestCreated)) {
                                best = pending;
                                bestCreated = created;
                            }
                        } else {
                            newestIsBest = false;
                        }
                        pending = items.hasNext() ? items.next() : null;
                        if (pending != null && pending.getName().compareTo(blob) < 0) {
                            throw new StorageError("container " + name + " in " + account.endpoint() + " listed '" + pending.getName()
                                    + "' after '" + blob + "'; drp needs the service's sorted listing");
                        }
                    }
                    if (best == null || !hasCurrent && newestIsBest) continue; // created after the watermark, or deleted
                    var p = best.getProperties();
                    return new ListedObject(name, blob, p.getContentLength(), p.getETag(),
                            p.getLastModified() == null ? null : p.getLastModified().toInstant(), best.getMetadata(),
                            BlobAttributes.of(p, best.getMetadata(), best.getTags()), best.getVersionId());
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public ListedObject next() {
                if (next == null) throw new NoSuchElementException();
                ListedObject o = next;
                next = advance();
                return o;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(chosen, Spliterator.ORDERED), false);
    }

    private static Instant versionInstant(StorageAccount account, String container, BlobItem b) {
        if (b.getVersionId() == null) {
            throw new StorageError("container " + container + " in " + account.endpoint() + " listed '" + b.getName()
                    + "' without a version id; the account does not keep versions, so use backup.consistency: snapshot");
        }
        try {
            return Instant.parse(b.getVersionId());
        } catch (DateTimeParseException e) {
            throw new StorageError("container " + container + " listed version '" + b.getVersionId() + "' of '" + b.getName()
                    + "', which is not an instant; drp cannot tell which version was current at the watermark");
        }
    }
}
