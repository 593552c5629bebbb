package io.drp.backup;

import java.time.Instant;

/** A complete, validated backup point. */
public record BackupPoint(
        String chainId,
        int seq,
        PointKind kind,
        Instant watermark,
        Instant completedAt,
        long objects,
        long bytes,
        long puts,
        long putBytes,
        long deletes,
        String manifestSha256) {

    public String pointId() {
        return BackupLayout.pointId(chainId, seq);
    }

    static BackupPoint of(ManifestFile m) {
        ManifestHeader h = m.header();
        ManifestTrailer t = m.trailer();
        return new BackupPoint(h.chainId(), h.seq(), h.kind(), h.watermark(), m.completedAt(), t.liveObjects(), t.liveBytes(),
                t.puts(), t.putBytes(), t.deletes(), m.sha256());
    }
}
