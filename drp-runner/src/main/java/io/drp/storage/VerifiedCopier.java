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
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.drp.digest.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

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
        BlobAttributes seen = new BlobAttributes(h.getContentType(), h.getContentEncoding(), h.getContentLanguage(),
                h.getContentDisposition(), h.getCacheControl(), BlobAttributes.md5(h.getContentMd5() != null ? h.getContentMd5() : h.getBlobContentMD5()), h.getMetadata(), Map.of(), null);
        java.time.Instant modified = h.getLastModified() == null ? null : h.getLastModified().toInstant();
        if (expectedSha256 != null && !expectedSha256.equals(sha)) {
            return new CopyOutcome(sink.size(), sha, false, seen, h.getETag(), modified, null);
        }
        BlobAttributes set = attributes == null ? new BlobAttributes(null, null, null, null, null, null, null, null, null) : attributes;
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

    /** Reads and hashes a blob without writing anything: verification of recovered data. */
    public static CopyOutcome hash(BlobClient blob) {
        var digest = Sha256.newDigest();
        long size = 0;
        try (InputStream in = blob.openInputStream()) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                digest.update(buf, 0, n);
                size += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return CopyOutcome.read(size, Sha256.hex(digest));
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
