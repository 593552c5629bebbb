package io.drp.storage;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.util.Context;
import com.azure.storage.blob.models.AccessTier;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.CopyStatusType;
import com.azure.storage.blob.options.BlobBeginCopyOptions;
import com.azure.storage.blob.options.BlobCopyFromUrlOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Copies one blob inside Azure Storage: the destination's service reads the source through a short-lived
 * read SAS, so no byte passes through this process on the way in. Up to {@link #COPY_FROM_URL_LIMIT} that is
 * one synchronous Copy Blob From URL (the service's own cap); above it an asynchronous Copy Blob, polled.
 * Then the copy is read once: it counts only when its SHA-256 is the manifest's, and a copy that is not is
 * deleted, because unlike a streamed copy it is already visible. What the copy request cannot carry (the
 * content headers come from the source blob) is set afterwards, conditionally on the ETag that was verified.
 */
public final class ServerCopier {

    /** Copy Blob From URL accepts sources up to this size. */
    public static final long COPY_FROM_URL_LIMIT = 256L * 1024 * 1024;
    /** A synchronous copy finishes within its request; the SAS need only outlive it with a margin. */
    static final Duration SYNC_GRANT = Duration.ofMinutes(15);
    /** An asynchronous copy reads the source until it finishes: the SAS must outlive the longest wait. */
    static final Duration ASYNC_GRANT = Duration.ofHours(12);

    /** Waits between polls of an asynchronous copy; tests pass one that returns at once, or steps a clock. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration d) throws InterruptedException;
    }

    private final long syncLimit;
    private final Duration pollInterval;
    private final Duration timeout;
    private final Clock clock;
    private final Pause pause;

    /**
     * @param syncLimit largest object copied with Copy Blob From URL; tests lower it to reach the asynchronous path
     * @param timeout   how long an asynchronous copy may stay pending before it is aborted
     */
    public ServerCopier(long syncLimit, Duration pollInterval, Duration timeout, Clock clock, Pause pause) {
        this.syncLimit = Math.min(syncLimit, COPY_FROM_URL_LIMIT);
        this.pollInterval = pollInterval;
        this.timeout = timeout;
        this.clock = clock;
        this.pause = pause;
    }

    public static ServerCopier standard() {
        return new ServerCopier(COPY_FROM_URL_LIMIT, Duration.ofSeconds(2), ASYNC_GRANT, Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis()));
    }

    /**
     * @param grant      mints the read SAS on the source account
     * @param size       the object's size from the manifest: it picks the copy operation
     * @param attributes what the object must carry; null for none
     * @return committed when the copy is in place and verified; otherwise it was deleted
     */
    public CopyOutcome copy(ReadGrant grant, String sourceContainer, String sourceBlob, BlockBlobClient dest, String expectedSha256,
                            long size, BlobAttributes attributes) {
        BlobAttributes want = attributes == null ? BlobAttributes.NONE : attributes;
        Map<String, String> tags = want.tags().isEmpty() ? null : want.tags();
        // an archived copy could not be read back to verify it: it is archived only once verified
        AccessTier tier = want.archived() ? null : want.accessTier();
        String etag;
        if (size <= syncLimit) {
            String url = grant.readUrl(sourceContainer, sourceBlob, SYNC_GRANT);
            etag = dest.copyFromUrlWithResponse(new BlobCopyFromUrlOptions(url).setMetadata(want.metadata()).setTags(tags).setTier(tier),
                    null, Context.NONE).getHeaders().getValue(HttpHeaderName.ETAG);
        } else {
            String url = grant.readUrl(sourceContainer, sourceBlob, ASYNC_GRANT);
            dest.beginCopy(new BlobBeginCopyOptions(url).setMetadata(want.metadata()).setTags(tags).setTier(tier).setPollInterval(pollInterval));
            etag = awaitCopy(dest);
        }
        VerifiedCopier.ReadBack got = VerifiedCopier.read(dest, etag);
        if (got.size() != size || !got.sha256().equals(expectedSha256)) {
            dest.deleteWithResponse(null, new BlobRequestConditions().setIfMatch(got.etag()), null, Context.NONE);
            return new CopyOutcome(got.size(), got.sha256(), false, null, null, null, null);
        }
        etag = setWhatTheCopyCouldNotCarry(dest, want, got);
        return new CopyOutcome(got.size(), got.sha256(), true, null, null, null, etag);
    }

    /** True when a copy failed because its source is not there: the service says so through the destination. */
    public static boolean sourceMissing(BlobStorageException e) {
        return BlobErrorCode.CANNOT_VERIFY_COPY_SOURCE.equals(e.getErrorCode()) || BlobErrorCode.BLOB_NOT_FOUND.equals(e.getErrorCode());
    }

    /** Headers and metadata as the manifest records them, each only when the copy got them wrong; the tier of an archived object. */
    private static String setWhatTheCopyCouldNotCarry(BlockBlobClient dest, BlobAttributes want, VerifiedCopier.ReadBack got) {
        List<String> diff = want.differences(got.attributes().withTagsAndTier(want.tags(), null));
        String etag = got.etag();
        if (diff.stream().anyMatch(d -> !d.startsWith("metadata."))) {
            etag = dest.setHttpHeadersWithResponse(want.headers(), new BlobRequestConditions().setIfMatch(etag), null, Context.NONE)
                    .getHeaders().getValue(HttpHeaderName.ETAG);
        }
        if (diff.stream().anyMatch(d -> d.startsWith("metadata."))) {
            etag = dest.setMetadataWithResponse(want.metadata(), new BlobRequestConditions().setIfMatch(etag), null, Context.NONE)
                    .getHeaders().getValue(HttpHeaderName.ETAG);
        }
        if (want.archived()) dest.setAccessTier(AccessTier.ARCHIVE); // leaves the ETag as it is
        return etag;
    }

    /** Polls the destination until the service reports the copy done; an abandoned or failed copy is removed. */
    private String awaitCopy(BlockBlobClient dest) {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            BlobProperties p = dest.getProperties();
            CopyStatusType status = p.getCopyStatus();
            if (CopyStatusType.SUCCESS.equals(status)) return p.getETag();
            if (!CopyStatusType.PENDING.equals(status)) {
                dest.deleteIfExists();
                // not the status description: it may quote the source URL, and with it the SAS
                throw new StorageError("server-side copy into " + dest.getContainerName() + "/" + dest.getBlobName() + " ended " + status);
            }
            if (clock.instant().isAfter(deadline)) {
                try {
                    dest.abortCopyFromUrl(p.getCopyId());
                } catch (BlobStorageException e) {
                    // it ended between our last poll and the abort: deleting it is all that is left to do
                    if (!BlobErrorCode.NO_PENDING_COPY_OPERATION.equals(e.getErrorCode())) throw e;
                }
                dest.deleteIfExists();
                throw new StorageError("server-side copy into " + dest.getContainerName() + "/" + dest.getBlobName()
                        + " still pending after " + timeout.toMinutes() + " min; aborted");
            }
            try {
                pause.pause(pollInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageError("interrupted while waiting for a server-side copy", e);
            }
        }
    }
}
