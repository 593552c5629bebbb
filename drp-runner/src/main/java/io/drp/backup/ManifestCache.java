package io.drp.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The manifests drp has already downloaded and validated, so each manifest of a chain is read from storage
 * and hashed once, not on every backup and drill (that was O(objects × points) of I/O per run).
 * <pre>
 * &lt;dir&gt;/sha256/&lt;hex&gt;.jsonl        the manifest, named by its SHA-256
 * &lt;dir&gt;/index/&lt;chainId&gt;/&lt;seq&gt;.ref  "etag sha256 size mtimeMillis"
 * </pre>
 * A cached copy is used only when the blob's current ETag (from the listing) is the one it was downloaded
 * at, and the file still has the size and modification time it had when it was validated; then only its
 * header and trailer lines are read. Anything else (a replaced blob, an edited or truncated file, a
 * missing ref) falls back to a full validation, and to a fresh download if that fails. A local edit that
 * keeps both size and modification time is not detected: the cache guards against staleness and
 * corruption, not against someone who can write the work directory.
 */
final class ManifestCache {

    /** Downloads the manifest blob to {@code file}; returns the ETag of the version it downloaded. */
    @FunctionalInterface
    interface Download {
        String to(Path file);
    }

    private record Ref(String etag, String sha256, long size, long mtimeMillis) {
        static Ref parse(String text) {
            String[] f = text.trim().split(" ");
            if (f.length != 4 || !f[1].matches("[0-9a-f]{64}")) return null;
            try {
                return new Ref(f[0], f[1], Long.parseLong(f[2]), Long.parseLong(f[3]));
            } catch (NumberFormatException e) {
                return null;
            }
        }

        String text() {
            return etag + " " + sha256 + " " + size + " " + mtimeMillis + "\n";
        }
    }

    private final Path dir;

    ManifestCache(Path dir) {
        this.dir = dir;
    }

    /**
     * @param etag the blob's current ETag, or null when unknown (then the cache is not trusted and the blob is downloaded)
     * @throws BackupError when the downloaded manifest is invalid
     */
    ManifestFile get(String chainId, int seq, String etag, Download download) {
        String pointId = BackupLayout.pointId(chainId, seq);
        // a chain id names a directory here: one that is not drp's own (such as "..") must never reach a path
        if (!BackupLayout.isChainId(chainId) || seq < 0) throw new BackupError(pointId, "is not a point drp wrote (bad chain id or number)");
        Path refFile = dir.resolve("index").resolve(chainId).resolve(BackupLayout.seqText(seq) + ".ref");
        Ref ref = etag == null ? null : readRef(refFile);
        if (ref != null && ref.etag().equals(etag)) {
            ManifestFile cached = cached(ref, refFile, pointId);
            if (cached != null) return cached;
        }
        return downloadAndValidate(pointId, refFile, download);
    }

    /** Drops a pruned chain's manifests, so the cache does not outgrow retention. */
    void forget(String chainId) {
        if (!BackupLayout.isChainId(chainId)) return; // never a path outside index/
        Path refs = dir.resolve("index").resolve(chainId);
        if (!Files.isDirectory(refs)) return;
        try (java.util.stream.Stream<Path> files = Files.list(refs)) {
            for (Path refFile : files.toList()) {
                Ref ref = readRef(refFile);
                if (ref != null) Files.deleteIfExists(contentFile(ref.sha256()));
                Files.deleteIfExists(refFile);
            }
            Files.deleteIfExists(refs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ManifestFile cached(Ref ref, Path refFile, String pointId) {
        Path file = contentFile(ref.sha256());
        try {
            long size = Files.size(file);
            long mtime = Files.getLastModifiedTime(file).toMillis();
            if (size == ref.size() && mtime == ref.mtimeMillis()) {
                return ManifestFile.reopen(file, pointId, ref.sha256());
            }
            // touched since it was validated: validate it again before trusting it, and re-download if it no longer holds
            ManifestFile m = ManifestFile.open(file, pointId);
            if (!m.sha256().equals(ref.sha256())) return null;
            writeAtomically(refFile, new Ref(ref.etag(), ref.sha256(), size, Files.getLastModifiedTime(file).toMillis()).text());
            return m;
        } catch (NoSuchFileException gone) {
            return null;
        } catch (BackupError corrupt) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ManifestFile downloadAndValidate(String pointId, Path refFile, Download download) {
        try {
            Files.createDirectories(dir.resolve("sha256"));
            Path tmp = Files.createTempFile(dir.resolve("sha256"), ".download", ".tmp");
            ManifestFile validated;
            String etag;
            try {
                etag = download.to(tmp);
                validated = ManifestFile.open(tmp, pointId);
            } catch (RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Path file = contentFile(validated.sha256());
            move(tmp, file);
            ManifestFile m = ManifestFile.reopen(file, pointId, validated.sha256());
            if (etag != null) {
                writeAtomically(refFile, new Ref(etag, m.sha256(), Files.size(file), Files.getLastModifiedTime(file).toMillis()).text());
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path contentFile(String sha256) {
        return dir.resolve("sha256").resolve(sha256 + ".jsonl");
    }

    private static Ref readRef(Path refFile) {
        try {
            return Ref.parse(Files.readString(refFile, StandardCharsets.UTF_8));
        } catch (NoSuchFileException absent) {
            return null;
        } catch (IOException | UncheckedIOException unreadable) {
            return null; // a damaged ref only costs a download
        }
    }

    private static void writeAtomically(Path target, String text) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".ref", ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        move(tmp, target);
    }

    /** Atomic where the file system allows, so a concurrent drill never reads half a file. */
    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
