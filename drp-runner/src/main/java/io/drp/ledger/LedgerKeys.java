package io.drp.ledger;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The public keys a ledger's signatures are checked against, by key id. Several keys make rotation possible: the
 * records a retired key signed still verify under its public key while new records name the new key. A record
 * naming a key id that is not here is a break, not a pass: nothing could check it.
 */
public final class LedgerKeys {

    private final Map<String, PublicKey> byId;

    private LedgerKeys(Map<String, PublicKey> byId) {
        this.byId = byId;
    }

    /** No key configured: signatures are seen but cannot be checked. */
    public static LedgerKeys none() {
        return new LedgerKeys(Map.of());
    }

    public static LedgerKeys of(Collection<PublicKey> keys) {
        Map<String, PublicKey> m = new TreeMap<>();
        for (PublicKey k : keys) m.put(LedgerSigning.keyId(k), k);
        return new LedgerKeys(java.util.Collections.unmodifiableMap(m));
    }

    public static LedgerKeys of(Optional<PublicKey> key) {
        return of(key.map(List::of).orElse(List.of()));
    }

    /** Reads PEM public keys; a file that is missing or not an Ed25519 key is a usage error naming the file. */
    public static LedgerKeys read(Collection<Path> pems) {
        return of(pems.stream().map(LedgerSigning::readPublic).toList());
    }

    /** The keys drp.yaml lists under {@code ledger.publicKeys}, plus those given on the command line. */
    public static LedgerKeys configured(io.drp.config.LedgerConfig ledger, Collection<Path> more) {
        List<Path> all = new java.util.ArrayList<>(ledger.publicKeys());
        all.addAll(more);
        return read(all);
    }

    public boolean isEmpty() {
        return byId.isEmpty();
    }

    PublicKey get(String keyId) {
        return byId.get(keyId);
    }

    Collection<PublicKey> all() {
        return byId.values();
    }

    /** The key ids, sorted, for messages. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }
}
