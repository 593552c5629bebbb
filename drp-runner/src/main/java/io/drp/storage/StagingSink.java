package io.drp.storage;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.drp.digest.Sha256;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Where a download streams into: hashes every byte, keeps at most one block, and stages each full block to
 * the destination as soon as it is known not to be the last. Nothing is committed here, so a copy whose hash
 * turns out wrong leaves only uncommitted blocks, which the service discards.
 */
final class StagingSink extends OutputStream {

    private final BlockBlobClient destination;
    private final MessageDigest digest = Sha256.newDigest();
    private final List<String> blockIds = new ArrayList<>();
    private byte[] buf;
    private int filled;
    private long size;

    StagingSink(BlockBlobClient destination, long expectedSize) {
        this.destination = destination;
        // sized to the object: a 1 KiB object gets a 1 KiB buffer, never a block
        this.buf = new byte[(int) Math.max(0, Math.min(expectedSize < 0 ? 64 * 1024 : expectedSize, VerifiedCopier.BLOCK_SIZE))];
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        digest.update(b, off, len);
        size += len;
        while (len > 0) {
            if (filled == VerifiedCopier.BLOCK_SIZE) stage();
            if (filled == buf.length) buf = Arrays.copyOf(buf, (int) Math.min(VerifiedCopier.BLOCK_SIZE, Math.max(1024, buf.length * 2L)));
            int n = Math.min(len, buf.length - filled);
            System.arraycopy(b, off, buf, filled, n);
            filled += n;
            off += n;
            len -= n;
        }
    }

    private void stage() {
        String id = Base64.getEncoder().encodeToString(String.format("drp-%010d", blockIds.size()).getBytes(StandardCharsets.US_ASCII));
        destination.stageBlock(id, BinaryData.fromBytes(filled == buf.length ? buf : Arrays.copyOf(buf, filled)));
        blockIds.add(id);
        // the block's bytes were sent; the next block reuses the buffer
        filled = 0;
    }

    void stageTail() {
        if (filled > 0) stage();
    }

    byte[] tail() {
        return filled == buf.length ? buf : Arrays.copyOf(buf, filled);
    }

    List<String> blockIds() {
        return blockIds;
    }

    long size() {
        return size;
    }

    String sha256() {
        return Sha256.hex(digest);
    }

    @Override
    public void close() {
        // nothing held open: staged blocks await the caller's commit
    }
}
