package io.drp.storage;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.drp.digest.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Copies one blob by streaming it through this process while hashing it. We stream rather than use
 * server-side copy because the hash has to be computed anyway, the emulator cannot copy across accounts,
 * and this way a destination is only committed when its bytes match: small objects are buffered and put
 * once; large ones are staged as blocks and the block list is committed only after the hash checks out.
 */
public final class VerifiedCopier {

    /** Objects up to this size are buffered whole; larger ones are staged block by block. */
    public static final int BLOCK_SIZE = 8 * 1024 * 1024;

    private VerifiedCopier() {}

    /**
     * @param conditions source conditions (e.g. If-Match on the listed ETag) so that what we hash is one version
     * @param expectedSha256 null to accept any content (backup), or the manifest hash to enforce (restore)
     */
    public static CopyOutcome copy(BlobClient source, BlobRequestConditions conditions, BlockBlobClient destination,
                                   String expectedSha256, Map<String, String> metadata) {
        MessageDigest digest = Sha256.newDigest();
        BlobInputStreamOptions options = new BlobInputStreamOptions().setBlockSize(BLOCK_SIZE);
        if (conditions != null) options.setRequestConditions(conditions);
        List<String> blockIds = new ArrayList<>();
        byte[] pending = null; // the last chunk read: staged only once we know it is not the whole object
        long size = 0;
        try (InputStream in = source.openInputStream(options)) {
            byte[] buf = new byte[BLOCK_SIZE];
            int n;
            while ((n = readFully(in, buf)) > 0) {
                digest.update(buf, 0, n);
                size += n;
                if (pending != null) {
                    stage(destination, blockIds, pending);
                }
                pending = Arrays.copyOf(buf, n);
                if (n < BLOCK_SIZE) break;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String sha = Sha256.hex(digest);
        if (expectedSha256 != null && !expectedSha256.equals(sha)) {
            return new CopyOutcome(size, sha, false);
        }
        Map<String, String> md = metadata == null ? Map.of() : metadata;
        if (blockIds.isEmpty()) {
            byte[] bytes = pending == null ? new byte[0] : pending;
            destination.uploadWithResponse(new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(bytes)).setMetadata(md), null, null);
        } else {
            stage(destination, blockIds, pending);
            destination.commitBlockListWithResponse(new BlockBlobCommitBlockListOptions(blockIds).setMetadata(md), null, null);
        }
        return new CopyOutcome(size, sha, true);
    }

    /** Reads and hashes a blob without writing anything: verification of recovered data. */
    public static CopyOutcome hash(BlobClient blob) {
        MessageDigest digest = Sha256.newDigest();
        long size = 0;
        try (InputStream in = blob.openInputStream(new BlobInputStreamOptions().setBlockSize(BLOCK_SIZE))) {
            byte[] buf = new byte[256 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                digest.update(buf, 0, n);
                size += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CopyOutcome(size, Sha256.hex(digest), false);
    }

    private static void stage(BlockBlobClient destination, List<String> blockIds, byte[] chunk) {
        String id = blockId(blockIds.size());
        destination.stageBlock(id, BinaryData.fromBytes(chunk));
        blockIds.add(id);
    }

    private static int readFully(InputStream in, byte[] buf) throws IOException {
        int total = 0;
        while (total < buf.length) {
            int n = in.read(buf, total, buf.length - total);
            if (n < 0) break;
            total += n;
        }
        return total;
    }

    private static String blockId(int i) {
        return Base64.getEncoder().encodeToString(String.format("drp-%010d", i).getBytes(StandardCharsets.US_ASCII));
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
