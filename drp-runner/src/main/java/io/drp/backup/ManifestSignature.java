package io.drp.backup;

import io.drp.signing.Ed25519Keys;

import java.time.Instant;

/**
 * What a manifest's signature covers, as one canonical text: the point's identity (chain, number, kind), its place
 * in the chain (the point it follows and that manifest's SHA-256), its scope (the containers), the hash of every
 * line before the trailer (header and entries, so every object, its container, hash and source point) and the
 * trailer's counts. The key id is inside too, so a signature cannot be passed off as another key's. Changing any
 * byte a restore acts on changes this text; forging it needs the backup job's private key.
 */
final class ManifestSignature {

    static final String VERSION = "drp-manifest-signature/1";

    private ManifestSignature() {}

    static String canonical(ManifestHeader h, ManifestTrailer t, Instant completedAt, String keyId) {
        return VERSION + "\n"
                + "point=" + h.pointId() + "\n"
                + "chainId=" + h.chainId() + "\n"
                + "seq=" + h.seq() + "\n"
                + "kind=" + h.kind() + "\n"
                + "format=" + h.format() + "\n"
                + "follows=" + h.follows() + "\n"
                + "previousManifestSha256=" + (h.previousManifestSha256() == null ? "" : h.previousManifestSha256()) + "\n"
                + "watermark=" + h.watermark() + "\n"
                + "containers=" + String.join(",", h.containers()) + "\n"
                + "label=" + (h.label() == null ? "" : h.label()) + "\n"
                + "bodySha256=" + t.bodySha256() + "\n"
                + "entries=" + t.entries() + "\n"
                + "liveObjects=" + t.liveObjects() + "\n"
                + "liveBytes=" + t.liveBytes() + "\n"
                + "puts=" + t.puts() + "\n"
                + "putBytes=" + t.putBytes() + "\n"
                + "deletes=" + t.deletes() + "\n"
                + "completedAt=" + completedAt + "\n"
                + "consistency=" + (t.consistency() == null ? "" : t.consistency()) + "\n"
                + "keyId=" + keyId + "\n";
    }

    static ManifestTrailer sign(ManifestHeader h, ManifestTrailer unsigned, Instant completedAt, Ed25519Keys.SigningKey key) {
        return unsigned.signedAs(key.keyId(), Ed25519Keys.sign(key.key(), canonical(h, unsigned, completedAt, key.keyId())));
    }
}
