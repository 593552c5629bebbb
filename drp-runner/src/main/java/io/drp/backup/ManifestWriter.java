package io.drp.backup;

import io.drp.digest.Sha256;
import io.drp.signing.Ed25519Keys;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * Streams a manifest: entries are written as they come, nothing is accumulated. Entries must arrive in
 * manifest order; the writer refuses anything else because readers rely on it for merge-joins.
 */
public final class ManifestWriter {

    private final OutputStream out;
    private final MessageDigest body = Sha256.newDigest();
    private final MessageDigest whole = Sha256.newDigest();
    private final String pointId;
    private final ManifestHeader header;
    private final Ed25519Keys.SigningKey signer;
    private String lastContainer;
    private String lastName;
    private long entries, liveObjects, liveBytes, puts, putBytes, deletes;
    private boolean finished;

    /** An unsigned manifest (tests, and a backup configured with {@code signing: { unsigned: accept }}). */
    public ManifestWriter(OutputStream out, ManifestHeader header) {
        this(out, header, null);
    }

    /** @param signer signs the trailer (see {@link ManifestSignature}); null writes an unsigned manifest */
    public ManifestWriter(OutputStream out, ManifestHeader header, Ed25519Keys.SigningKey signer) {
        this.out = out;
        this.pointId = header.pointId();
        this.header = header;
        this.signer = signer;
        line(ManifestCodec.header(header), true);
    }

    public void write(ManifestEntry e) {
        if (finished) throw new IllegalStateException("manifest already finished");
        if (lastContainer != null && ManifestEntry.compareKeys(lastContainer, lastName, e.container(), e.name()) >= 0) {
            throw new BackupError(pointId, "object " + e.path() + " is out of order after " + lastContainer + "/" + lastName
                    + "; the storage listing was not sorted");
        }
        lastContainer = e.container();
        lastName = e.name();
        entries++;
        switch (e.op()) {
            case PUT -> {
                puts++;
                putBytes += e.size();
                liveObjects++;
                liveBytes += e.size();
            }
            case KEEP -> {
                liveObjects++;
                liveBytes += e.size();
            }
            case DELETE -> deletes++;
        }
        line(ManifestCodec.entry(e), true);
    }

    /** Writes the trailer and closes the stream; for a block blob, closing is the commit. */
    private ManifestTrailer trailer;
    private String wholeHex;

    public ManifestTrailer finish(Instant completedAt) {
        return finish(completedAt, null);
    }

    /** @param consistency how the copies were taken ({@link ManifestTrailer#consistency()}); null when not known */
    public ManifestTrailer finish(Instant completedAt, String consistency) {
        ManifestTrailer t = new ManifestTrailer(entries, liveObjects, liveBytes, puts, putBytes, deletes,
                Sha256.hex(body), consistency);
        if (signer != null) t = ManifestSignature.sign(header, t, completedAt, signer);
        line(ManifestCodec.trailer(t, completedAt), false);
        finished = true;
        trailer = t;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return t;
    }

    /** The trailer written by {@link #finish}, even when the commit's response was lost. */
    ManifestTrailer trailer() {
        return trailer;
    }

    /** SHA-256 of every byte written; valid after {@link #finish}. Identifies the manifest in the next point and in reports. */
    public String manifestSha256() {
        if (!finished) throw new IllegalStateException("manifest not finished");
        if (wholeHex == null) wholeHex = Sha256.hex(whole); // finishing a digest resets it: compute once
        return wholeHex;
    }

    private void line(String json, boolean inBody) {
        byte[] b = (json + "\n").getBytes(StandardCharsets.UTF_8);
        if (inBody) body.update(b);
        whole.update(b);
        try {
            out.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
