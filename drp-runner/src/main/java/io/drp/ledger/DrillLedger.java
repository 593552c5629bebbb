package io.drp.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drp.digest.Sha256;
import io.drp.model.DrillReport;
import io.drp.model.Verdict;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The drill history: an append-only, hash-chained JSON Lines file ({@code ledger.jsonl}) in a local
 * directory, optionally mirrored to a blob container. Appends hold an exclusive file lock, so two drills
 * finishing at once still produce a valid chain.
 */
public final class DrillLedger {

    public static final String FILE = "ledger.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Optional<LedgerMirror> mirror;
    private final Optional<PrivateKey> signer;

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

    /** Appends a drill; {@code reportJson} is the exact bytes of its drill-report.json, hashed into the record. */
    public LedgerRecord append(DrillReport r, byte[] reportJson) {
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                 FileLock lock = ch.lock()) {
                List<LedgerRecord> existing = readAll();
                long seq = existing.isEmpty() ? 1 : existing.get(existing.size() - 1).seq() + 1;
                String prev = existing.isEmpty() ? LedgerRecord.GENESIS : existing.get(existing.size() - 1).recordSha256();
                LedgerRecord unsigned = new LedgerRecord(seq, r.drillId(), r.verdict(),
                        r.objectives() == null ? null : r.objectives().scenario(),
                        r.measured() == null ? null : r.measured().disasterAt(), r.finishedAt(),
                        r.measured() == null ? null : r.measured().rtoSeconds(),
                        r.measured() == null ? null : r.measured().rpoSeconds(),
                        r.measured() == null ? null : r.measured().recoveryPoint(),
                        sha256(reportJson), prev, null, r.kind(), null, ResourceSeconds.of(r));
                String canonical = canonical(unsigned);
                LedgerRecord record = withHash(unsigned, sha256(canonical.getBytes(StandardCharsets.UTF_8)),
                        signer.map(k -> LedgerSigning.sign(k, canonical)).orElse(null));
                String line = line(record) + "\n";
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

    /** Every record, in order; lines that do not parse are skipped here (use {@link #verify()} to judge them). */
    public List<LedgerRecord> readAll() {
        List<LedgerRecord> out = new ArrayList<>();
        if (!Files.exists(file)) return out;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                try {
                    out.add(parse(line));
                } catch (IOException | RuntimeException unreadable) {
                    // reported by verify()
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Checks every link of the chain and names the first broken record. */
    public LedgerVerification verify() {
        return verify(Optional.empty());
    }

    /**
     * Checks every record's hash, its link to the one before, its signature when a public key is given, and,
     * with a mirror, that each record equals its mirrored copy and that the mirror holds no record the file lacks.
     */
    public LedgerVerification verify(Optional<PublicKey> key) {
        if (!Files.exists(file)) return mirrorTail(0, Map.of());
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return LedgerVerification.broken(0, 0, null, "the ledger cannot be read: " + e.getMessage());
        }
        Map<Long, String> mirrored = mirror.map(LedgerMirror::lines).orElse(Map.of());
        String prev = LedgerRecord.GENESIS;
        long n = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            n++;
            LedgerRecord rec;
            try {
                rec = parse(line);
            } catch (IOException | RuntimeException e) {
                return LedgerVerification.broken(n, i + 1, null, "record is not valid JSON");
            }
            String problem = problem(rec, prev, n, key, mirrored, line.strip());
            if (problem != null) return LedgerVerification.broken(n, i + 1, rec.drillId(), problem);
            prev = rec.recordSha256();
        }
        return mirrorTail(n, mirrored);
    }

    private String problem(LedgerRecord rec, String prev, long expectedSeq, Optional<PublicKey> key, Map<Long, String> mirrored,
                           String line) {
        String canonical = canonical(rec);
        if (!sha256(canonical.getBytes(StandardCharsets.UTF_8)).equals(rec.recordSha256())) {
            return "record content does not match its hash (altered)";
        }
        if (!prev.equals(rec.prevSha256())) {
            return "record does not follow the one before it (a record before it was altered, removed or reordered)";
        }
        if (rec.seq() != expectedSeq) return "sequence number " + rec.seq() + " where " + expectedSeq + " was expected";
        if (key.isPresent()) {
            if (rec.signature() == null) return "record has no signature, but the ledger is expected to be signed";
            if (!LedgerSigning.verify(key.get(), canonical, rec.signature())) {
                return "signature does not match the record (it was rewritten without the signing key)";
            }
        }
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
        ObjectNode n = JSON.createObjectNode();
        n.put("seq", r.seq());
        n.put("drillId", r.drillId());
        n.put("verdict", r.verdict().name());
        n.put("scenario", r.scenario());
        n.put("disasterAt", r.disasterAt() == null ? null : r.disasterAt().toString());
        n.put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString());
        n.put("rtoSeconds", r.rtoSeconds());
        n.put("rpoSeconds", r.rpoSeconds());
        n.put("recoveryPoint", r.recoveryPoint());
        n.put("reportSha256", r.reportSha256());
        n.put("prevSha256", r.prevSha256());
        if (!"drill".equals(r.kind())) n.put("kind", r.kind());
        ResourceSeconds.write(n, r.resourceSeconds());
        return n.toString();
    }

    private static String line(LedgerRecord r) throws IOException {
        ObjectNode n = (ObjectNode) JSON.readTree(canonical(r));
        n.put("recordSha256", r.recordSha256());
        if (r.signature() != null) n.put("signature", r.signature());
        return n.toString();
    }

    private static LedgerRecord parse(String line) throws IOException {
        JsonNode n = JSON.readTree(line);
        return new LedgerRecord(n.get("seq").asLong(), n.get("drillId").asText(), Verdict.valueOf(n.get("verdict").asText()),
                text(n, "scenario"), instant(n, "disasterAt"), instant(n, "finishedAt"), number(n, "rtoSeconds"),
                number(n, "rpoSeconds"), text(n, "recoveryPoint"), text(n, "reportSha256"), text(n, "prevSha256"),
                text(n, "recordSha256"), text(n, "kind"), text(n, "signature"), ResourceSeconds.read(n));
    }

    private static String text(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Double number(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v == null || v.isNull() ? null : v.asDouble();
    }

    private static Instant instant(JsonNode n, String f) {
        String s = text(n, f);
        return s == null ? null : Instant.parse(s);
    }

    private static LedgerRecord withHash(LedgerRecord r, String hash, String signature) {
        return new LedgerRecord(r.seq(), r.drillId(), r.verdict(), r.scenario(), r.disasterAt(), r.finishedAt(), r.rtoSeconds(),
                r.rpoSeconds(), r.recoveryPoint(), r.reportSha256(), r.prevSha256(), hash, r.kind(), signature, r.resourceSeconds());
    }

    static String sha256(byte[] b) {
        return Sha256.of(b);
    }
}
