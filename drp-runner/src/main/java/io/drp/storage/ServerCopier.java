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
 * What the copy request cannot carry (the content headers come from the source blob) is set next, conditionally
 * on the copy's ETag. Then the copy is read once: it counts only when its SHA-256 is the manifest's, and a copy
 * that is not is deleted, because unlike a streamed copy it is already visible. Last, no record of the read SAS
 * may stay on the blob (see {@link #dropCopySource}).
 */
public final class ServerCopier {

    /** Copy Blob From URL accepts sources up to this size. */
    public static final long COPY_FROM_URL_LIMIT = 256L * 1024 * 1024;
    /** A synchronous copy finishes within its request (the service's own timeout is minutes): a small margin only. */
    static final Duration SYNC_GRANT = Duration.ofMinutes(5);
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
            etag = awaitCopy(dest).getETag();
        }
        // Set Blob Properties, always: the headers as the manifest records them, and Azure then drops the copy's
        // record of its source, which holds the read SAS (x-ms-copy-source is not returned after it)
        etag = dest.setHttpHeadersWithResponse(want.headers(), new BlobRequestConditions().setIfMatch(etag), null, Context.NONE)
                .getHeaders().getValue(HttpHeaderName.ETAG);
        VerifiedCopier.ReadBack got = VerifiedCopier.read(dest, etag);
        if (got.size() != size || !got.sha256().equals(expectedSha256)) {
            dest.deleteWithResponse(null, new BlobRequestConditions().setIfMatch(got.etag()), null, Context.NONE);
            return new CopyOutcome(got.size(), got.sha256(), false, null, null, null, null);
        }
        etag = setWhatTheCopyCouldNotCarry(dest, want, got);
        if (carriesSignature(got.copySource())) etag = dropCopySource(dest, want, tags, tier, etag);
        if (want.archived()) dest.setAccessTier(AccessTier.ARCHIVE); // leaves the ETag as it is
        return new CopyOutcome(got.size(), got.sha256(), true, null, null, null, etag);
    }

    /** True when a copy failed because its source is not there: the service says so through the destination. */
    public static boolean sourceMissing(BlobStorageException e) {
        return BlobErrorCode.CANNOT_VERIFY_COPY_SOURCE.equals(e.getErrorCode()) || BlobErrorCode.BLOB_NOT_FOUND.equals(e.getErrorCode());
    }

    /** Metadata as the manifest records it, when the copy got it wrong (the headers were set before the read). */
    private static String setWhatTheCopyCouldNotCarry(BlockBlobClient dest, BlobAttributes want, VerifiedCopier.ReadBack got) {
        List<String> diff = want.differences(got.attributes().withTagsAndTier(want.tags(), null));
        String etag = got.etag();
        if (diff.stream().anyMatch(d -> d.startsWith("metadata."))) {
            etag = dest.setMetadataWithResponse(want.metadata(), new BlobRequestConditions().setIfMatch(etag), null, Context.NONE)
                    .getHeaders().getValue(HttpHeaderName.ETAG);
        }
        return etag;
    }

    /**
     * The service records a copy's source URL on the destination ({@code x-ms-copy-source}), and that URL carried
     * the read SAS: anyone who may read the recovered blob's properties could read the backup blob with it until
     * it expires. Azure drops that record on Set Blob Properties; a service that keeps it (Azurite does) gets the
     * blob copied onto itself by its plain URL: inside one account the service authorizes that source with the
     * request's own credential, so the new record holds no signature. The copy is conditional on the verified
     * ETag at both ends, so exactly the verified bytes are kept.
     */
    private String dropCopySource(BlockBlobClient dest, BlobAttributes want, Map<String, String> tags, AccessTier tier, String etag) {
        String plain = dest.getBlobUrl();
        int q = plain.indexOf('?');
        if (q >= 0) plain = plain.substring(0, q); // never a signature in a copy source drp writes
        dest.beginCopy(new BlobBeginCopyOptions(plain).setMetadata(want.metadata()).setTags(tags).setTier(tier)
                .setSourceRequestConditions(new com.azure.storage.blob.models.BlobBeginCopySourceRequestConditions().setIfMatch(etag))
                .setDestinationRequestConditions(new BlobRequestConditions().setIfMatch(etag)).setPollInterval(pollInterval));
        BlobProperties p = awaitCopy(dest);
        if (carriesSignature(p.getCopySource())) {
            throw new StorageError("the service kept the read SAS as the copy source of " + dest.getContainerName() + "/" + dest.getBlobName());
        }
        return p.getETag();
    }

    /** True when a recorded copy source holds a SAS signature. */
    static boolean carriesSignature(String copySource) {
        return copySource != null && copySource.toLowerCase(java.util.Locale.ROOT).contains("sig=");
    }

    /** Polls the destination until the service reports the copy done; an abandoned or failed copy is removed. */
    private BlobProperties awaitCopy(BlockBlobClient dest) {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            BlobProperties p = dest.getProperties();
            CopyStatusType status = p.getCopyStatus();
            if (CopyStatusType.SUCCESS.equals(status)) return p;
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
