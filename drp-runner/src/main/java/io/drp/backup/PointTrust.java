package io.drp.backup;

import io.drp.config.BackupSigning;
import io.drp.signing.Ed25519Keys;

import java.security.PublicKey;
import java.util.Map;

/**
 * Decides whether drp wrote a manifest, from {@code backup.signing}: with public keys declared, every manifest must
 * carry a signature by one of them over its canonical form ({@link ManifestSignature}); without keys nothing can be
 * checked, and the chain is reported unsigned (a blocking finding unless {@code unsigned: accept}).
 */
public record PointTrust(Map<String, PublicKey> keys, boolean acceptUnsigned) {

    /** Structure only: for tools and tests that list points; drills, restores and status use {@link #of}. */
    public static final PointTrust UNCHECKED = new PointTrust(Map.of(), true);

    public PointTrust {
        keys = Map.copyOf(keys);
    }

    public static PointTrust of(BackupSigning signing) {
        return new PointTrust(signing.publicKeys(), signing.acceptUnsigned());
    }

    /** True when every manifest accepted was verified against a declared key. */
    public boolean verifies() {
        return !keys.isEmpty();
    }

    /** @throws UntrustedPointError naming the point when it must be signed and is not, by a key drp.yaml declares */
    public void check(ManifestFile m) {
        if (keys.isEmpty()) return;
        ManifestTrailer t = m.trailer();
        if (!t.signed()) {
            throw new UntrustedPointError(m.pointId(), "manifest is not signed, and backup.signing.publicKeys requires every point"
                    + " to be; drp did not write it (or wrote it before signing was configured), so it is refused and nothing of it is restored");
        }
        PublicKey key = keys.get(t.keyId());
        if (key == null) {
            throw new UntrustedPointError(m.pointId(), "manifest is signed by key id " + t.keyId() + ", which is not in"
                    + " backup.signing.publicKeys (" + String.join(", ", keys.keySet()) + "); it is refused and nothing of it is restored."
                    + " If the backup key was rotated, add its public key to publicKeys");
        }
        String canonical = ManifestSignature.canonical(m.header(), t, m.completedAt(), t.keyId());
        if (!Ed25519Keys.verify(key, canonical, t.signature())) {
            throw new UntrustedPointError(m.pointId(), "manifest signature does not verify with key id " + t.keyId()
                    + ": drp did not write this manifest, or it was altered; it is refused and nothing of it is restored");
        }
    }
}
