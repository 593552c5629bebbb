package io.drp.storage;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobDownloadHeaders;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.DownloadRetryOptions;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.specialized.BlobClientBase;
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.drp.digest.Sha256;

import java.io.OutputStream;

/**
 * Copies one blob by streaming it through this process while hashing it: one GET (carrying If-Match when the
 * caller knows the version), then one Put Blob, or staged blocks and a block list for large objects. The
 * destination is committed only when the bytes hash to what the manifest says, with the attributes given.
 * Buffers are sized to the object (up to one block), because most objects are small and a block-sized buffer
 * per copy in flight is what once made the heap thrash.
 */
public final class VerifiedCopier {

    /** Objects up to this size are put in one request; larger ones are staged block by block. */
    public static final int BLOCK_SIZE = 8 * 1024 * 1024;
    /** A mid-body reset resumes from the last byte received rather than failing the copy. */
    private static final DownloadRetryOptions RESUME = new DownloadRetryOptions().setMaxRetryRequests(5);

    private VerifiedCopier() {}

    /**
     * @param conditions     source conditions (If-Match on the listed ETag) so that what we hash is one version
     * @param expectedSha256 null to accept any content (backup), or the manifest hash to enforce (restore)
     * @param expectedSize   the size the listing or manifest gives, to size the buffer; -1 when unknown
     * @param attributes     what to set on the destination: headers, metadata, tags, tier; null for none
     */
    public static CopyOutcome copy(BlobClient source, BlobRequestConditions conditions, BlockBlobClient destination,
                                   String expectedSha256, long expectedSize, BlobAttributes attributes) {
        StagingSink sink = new StagingSink(destination, expectedSize);
        BlobDownloadHeaders h;
        try (sink) {
            h = source.downloadStreamWithResponse(sink, null, RESUME, conditions, false, null, Context.NONE).getDeserializedHeaders();
        }
        String sha = sink.sha256();
        BlobAttributes seen = BlobAttributes.of(h);
        java.time.Instant modified = h.getLastModified() == null ? null : h.getLastModified().toInstant();
        if (expectedSha256 != null && !expectedSha256.equals(sha)) {
            return new CopyOutcome(sink.size(), sha, false, seen, h.getETag(), modified, null);
        }
        BlobAttributes set = attributes == null ? BlobAttributes.NONE : attributes;
        String etag;
        if (sink.blockIds().isEmpty()) {
            etag = destination.uploadWithResponse(new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(sink.tail()))
                    .setHeaders(set.headers()).setMetadata(set.metadata()).setTags(set.tags()).setTier(set.accessTier()), null, null)
                    .getValue().getETag();
        } else {
            sink.stageTail();
            etag = destination.commitBlockListWithResponse(new BlockBlobCommitBlockListOptions(sink.blockIds())
                    .setHeaders(set.headers()).setMetadata(set.metadata()).setTags(set.tags()).setTier(set.accessTier()), null, null)
                    .getValue().getETag();
        }
        return new CopyOutcome(sink.size(), sha, true, seen, h.getETag(), modified, etag);
    }

    /** What one read of a stored object showed: its bytes' size and hash, its ETag and its headers and metadata. */
    /** @param copySource the source a server-side copy recorded on the blob ({@code x-ms-copy-source}); null if none */
    public record ReadBack(long size, String sha256, String etag, BlobAttributes attributes, String copySource) {}

    /** Reads and hashes a blob without writing anything: verification of recovered data. */
    public static CopyOutcome hash(BlobClient blob) {
        ReadBack r = read(blob, null);
        return CopyOutcome.read(r.size(), r.sha256());
    }

    /**
     * One GET, hashed as it streams. Not {@code openInputStream}: that opens with a Get Properties the caller
     * never needs (the listing or the copy already gave size and ETag), one request more per object.
     *
     * @param ifMatch the ETag the object must still have, so the bytes hashed are the version meant; null for any
     */
    public static ReadBack read(BlobClientBase blob, String ifMatch) {
        var digest = Sha256.newDigest();
        long[] size = {0};
        OutputStream hashing = new OutputStream() {
            @Override
            public void write(int b) {
                digest.update((byte) b);
                size[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                digest.update(b, off, len);
                size[0] += len;
            }
        };
        BlobDownloadHeaders h = blob.downloadStreamWithResponse(hashing, null, RESUME,
                ifMatch == null ? null : new BlobRequestConditions().setIfMatch(ifMatch), false, null, Context.NONE).getDeserializedHeaders();
        return new ReadBack(size[0], Sha256.hex(digest), h.getETag(), BlobAttributes.of(h), h.getCopySource());
    }

    /** True when the exception is the service telling us the object is gone or changed under us. */
    public static boolean isGoneOrChanged(Throwable t) {
        Throwable c = t;
        while (c != null) {
            if (c instanceof BlobStorageException b && (BlobErrorCode.BLOB_NOT_FOUND.equals(b.getErrorCode())
                    || BlobErrorCode.CONDITION_NOT_MET.equals(b.getErrorCode()) || b.getStatusCode() == 404 && b.getErrorCode() == null)) {
                return true;
            }
            c = c.getCause();
        }
        return false;
    }
}
