package io.drp.ledger;

import io.drp.model.DrillReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The drill history: an append-only, hash-chained JSON Lines file ({@code ledger.jsonl}) in a local
 * directory, optionally mirrored to a blob container. Appends hold an exclusive file lock, so two drills
 * finishing at once still produce a valid chain. Records are read only through {@link #read}, which verifies
 * them and stops at the first break.
 */
public final class DrillLedger {

    public static final String FILE = "ledger.jsonl";

    private final Path file;
    private final Optional<LedgerMirror> mirror;
    private final Optional<PrivateKey> signer;
    private final List<String> warnings = new ArrayList<>();

    public DrillLedger(Path dir, Optional<LedgerMirror> mirror) {
        this(dir, mirror, Optional.empty());
    }

    /** @param signer signs every record appended from now on (see {@link LedgerSigning}) */
    public DrillLedger(Path dir, Optional<LedgerMirror> mirror, Optional<PrivateKey> signer) {
        this.file = dir.resolve(FILE);
        this.mirror = mirror;
        this.signer = signer;
    }

    public Path file() {
        return file;
    }

    /** What appends mended on the way (a torn last line cut), for the run's console line. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * Appends a drill; {@code reportJson} is the exact bytes of its drill-report.json, hashed into the record.
     *
     * @throws IllegalStateException when the ledger is signed and this ledger has no signing key: an unsigned record
     *                               would break the chain for every reader after it, so none is written
     */
    public LedgerRecord append(DrillReport r, byte[] reportJson) {
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                 FileLock lock = ch.lock()) {
                String mended = LedgerFile.mend(ch, file);
                if (mended != null) warnings.add(mended);
                List<LedgerRecord> existing = parsedRecords();
                LedgerRecord tip = existing.isEmpty() ? null : existing.get(existing.size() - 1);
                Optional<LedgerRecord> firstSigned = existing.stream().filter(x -> x.signature() != null).findFirst();
                if (firstSigned.isPresent() && signer.isEmpty()) {
                    throw new IllegalStateException("the ledger is signed since record " + firstSigned.get().seq() + " and this run has no "
                            + "signing key, so its record would break the chain; set " + LedgerSigning.KEY_FILE_ENV + " to the ledger's private key");
                }
                long seq = tip == null ? 1 : tip.seq() + 1;
                String prev = tip == null ? LedgerRecord.GENESIS : tip.recordSha256();
                LedgerRecord unsigned = new LedgerRecord(seq, r.drillId(), r.verdict(),
                        r.objectives() == null ? null : r.objectives().scenario(),
                        r.measured() == null ? null : r.measured().disasterAt(), r.finishedAt(),
                        r.measured() == null ? null : r.measured().rtoSeconds(),
                        r.measured() == null ? null : r.measured().rpoSeconds(),
                        r.measured() == null ? null : r.measured().recoveryPoint(),
                        sha256(reportJson), prev, null, r.kind(), null, ResourceSeconds.of(r),
                        signer.map(k -> LedgerSigning.keyId(LedgerSigning.publicOf(k))).orElse(null));
                String canonical = canonical(unsigned);
                LedgerRecord record = LedgerCodec.withHash(unsigned, sha256(canonical.getBytes(StandardCharsets.UTF_8)),
                        signer.map(k -> LedgerSigning.sign(k, canonical)).orElse(null));
                String line = LedgerCodec.line(record) + "\n";
                ch.position(ch.size());
                ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
                mirror.ifPresent(m -> m.put(record, line.strip()));
                return record;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the drill ledger " + file, e);
        }
    }

    /**
     * The records an append links to, unverified: the new record must follow the file's last record whatever state
     * the chain is in (a fork would hide the break). Private: readers get {@link #read}.
     */
    private List<LedgerRecord> parsedRecords() throws IOException {
        List<LedgerRecord> out = new ArrayList<>();
        for (String line : LedgerFile.read(file).lines()) {
            if (line.isBlank()) continue;
            try {
                out.add(LedgerCodec.parse(line));
            } catch (IOException | RuntimeException unreadable) {
                // a break that read() reports; the new record still links to the last record that parses
            }
        }
        return out;
    }

    /** The records that verify without keys, up to the first break, and the verification. */
    public LedgerRead read() {
        return read(LedgerKeys.none());
    }

    /**
     * The only way to read records: each one is checked (hash, link, sequence, signature by its key id, and its mirrored
     * copy when there is a mirror) and only the records before the first break are returned.
     */
    public LedgerRead read(LedgerKeys keys) {
        if (!Files.exists(file)) return new LedgerRead(List.of(), mirrorTail(0, mirrorLines()));
        LedgerFile.Lines lines;
        try {
            lines = LedgerFile.read(file);
        } catch (IOException e) {
            return new LedgerRead(List.of(), LedgerVerification.broken(0, 0, null, "the ledger cannot be read: " + e.getMessage()));
        }
        Map<Long, String> mirrored = mirrorLines();
        SignatureRule signatures = new SignatureRule(keys);
        List<LedgerRecord> verified = new ArrayList<>();
        String prev = LedgerRecord.GENESIS;
        long firstLine = 0;
        LedgerVerification v = null;
        for (int i = 0; i < lines.lines().size() && v == null; i++) {
            String line = lines.lines().get(i);
            if (line.isBlank()) continue;
            if (firstLine == 0) firstLine = i + 1;
            long n = verified.size() + 1;
            LedgerRecord rec;
            try {
                rec = LedgerCodec.parse(line);
            } catch (IOException | RuntimeException e) {
                v = LedgerVerification.broken(n, i + 1, null, "record is not valid JSON");
                break;
            }
            String problem = problem(rec, prev, n, signatures, mirrored, line.strip());
            if (problem != null) {
                v = LedgerVerification.broken(n, i + 1, rec.drillId(), problem);
            } else {
                verified.add(rec);
                prev = rec.recordSha256();
            }
        }
        if (v == null) {
            String unsigned = signatures.unsignedLedgerProblem(verified.size());
            if (unsigned != null) {
                v = LedgerVerification.broken(1, firstLine, verified.get(0).drillId(), unsigned);
                verified.clear();
            } else {
                v = mirrorTail(verified.size(), mirrored);
            }
        }
        return new LedgerRead(verified, v.withSigning(signatures.signed(), signatures.checked(), signatures.keyIds(), lines.tornTail()));
    }

    /** Checks every link of the chain and names the first broken record. */
    public LedgerVerification verify() {
        return read(LedgerKeys.none()).verification();
    }

    /** As {@link #verify(LedgerKeys)} with at most one key. */
    public LedgerVerification verify(Optional<PublicKey> key) {
        return verify(LedgerKeys.of(key));
    }

    /**
     * Checks every record's hash, its link to the one before, its signature against the key it names when keys are
     * given, and, with a mirror, that each record equals its mirrored copy and that the mirror holds no record the file lacks.
     */
    public LedgerVerification verify(LedgerKeys keys) {
        return read(keys).verification();
    }

    private Map<Long, String> mirrorLines() {
        return mirror.map(LedgerMirror::lines).orElse(Map.of());
    }

    private String problem(LedgerRecord rec, String prev, long expectedSeq, SignatureRule signatures, Map<Long, String> mirrored,
                           String line) {
        String canonical = canonical(rec);
        if (!sha256(canonical.getBytes(StandardCharsets.UTF_8)).equals(rec.recordSha256())) {
            return "record content does not match its hash (altered)";
        }
        if (!prev.equals(rec.prevSha256())) {
            return "record does not follow the one before it (a record before it was altered, removed or reordered)";
        }
        if (rec.seq() != expectedSeq) return "sequence number " + rec.seq() + " where " + expectedSeq + " was expected";
        String signature = signatures.problem(rec, canonical);
        if (signature != null) return signature;
        if (mirror.isPresent()) {
            String copy = mirrored.get(rec.seq());
            if (copy == null) return "record is missing from the mirror " + mirror.get().describe();
            if (!copy.equals(line)) return "record differs from its copy in the mirror " + mirror.get().describe();
        }
        return null;
    }

    private LedgerVerification mirrorTail(long n, Map<Long, String> mirrored) {
        long extra = mirrored.keySet().stream().filter(s -> s > n).count();
        if (mirror.isPresent() && extra > 0) {
            return LedgerVerification.broken(n, n + 1, null, "the mirror " + mirror.get().describe() + " holds " + extra
                    + " record(s) after the local ledger's last (records were removed from its end)");
        }
        return LedgerVerification.ok(n);
    }

    static String canonical(LedgerRecord r) {
        return LedgerCodec.canonical(r);
    }

    static String sha256(byte[] b) {
        return LedgerCodec.sha256(b);
    }
}
