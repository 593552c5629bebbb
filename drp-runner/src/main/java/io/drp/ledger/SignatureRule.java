package io.drp.ledger;

import java.util.ArrayList;
import java.util.List;
import java.security.PublicKey;

/**
 * Judges each record's signature, in chain order. Once a record is signed, every later one must be: a record without
 * a signature after that is either appended by a host without the key or stripped by a forger, and neither may pass.
 * Records before the first signed one are the ledger's history from before signing was turned on; the first signed
 * record covers them through its {@code prevSha256}. With keys, a ledger that has records but no signature at all is
 * a break too: otherwise stripping every signature and rehashing would pass.
 */
final class SignatureRule {

    private final LedgerKeys keys;
    private final List<String> keyIds = new ArrayList<>();
    private Long signedSince;

    SignatureRule(LedgerKeys keys) {
        this.keys = keys;
    }

    /** @return why the record's signature fails, or null */
    String problem(LedgerRecord rec, String canonical) {
        if (rec.signature() == null) {
            if (rec.keyId() != null) return "record names signing key " + rec.keyId() + " but has no signature (it was stripped)";
            if (signedSince != null) {
                return "record has no signature, but the ledger is signed since record " + signedSince
                        + " (appended without the signing key, or its signature was stripped)";
            }
            return null;
        }
        if (rec.keyId() != null && !keyIds.contains(rec.keyId())) keyIds.add(rec.keyId());
        if (signedSince == null) signedSince = rec.seq();
        if (keys.isEmpty()) return null;
        if (rec.keyId() == null) {
            // signed before records named their key: any configured key may have signed it
            for (PublicKey k : keys.all()) {
                if (LedgerSigning.verify(k, canonical, rec.signature())) return null;
            }
            return "signature does not match the record under any configured public key (it was rewritten without the signing key)";
        }
        PublicKey key = keys.get(rec.keyId());
        if (key == null) {
            return "record is signed by key " + rec.keyId() + ", which is not among the configured public keys (" + String.join(", ", keys.ids())
                    + "); add that key's public PEM to ledger.publicKeys in drp.yaml (or pass it with --public-key) if it is yours";
        }
        if (!LedgerSigning.verify(key, canonical, rec.signature())) {
            return "signature does not match the record (it was rewritten without the signing key " + rec.keyId() + ")";
        }
        return null;
    }

    /** After the last record: keys are configured, yet nothing in a non-empty ledger is signed. */
    String unsignedLedgerProblem(long records) {
        if (keys.isEmpty() || records == 0 || signedSince != null) return null;
        return "no record has a signature, but public keys are configured (" + String.join(", ", keys.ids())
                + "): the signatures were stripped, or the drill host has no DRP_LEDGER_SIGNING_KEY_FILE";
    }

    boolean signed() {
        return signedSince != null;
    }

    boolean checked() {
        return !keys.isEmpty();
    }

    List<String> keyIds() {
        return keyIds;
    }
}
