package io.drp.backup;

/**
 * Names inside the backup container. A point's data sits under its own prefix and its manifest is written
 * last, so a crashed backup leaves data without a manifest, which readers ignore.
 * <pre>
 * chains/&lt;chainId&gt;/&lt;seq&gt;/manifest.jsonl
 * chains/&lt;chainId&gt;/&lt;seq&gt;/data/&lt;container&gt;/&lt;name&gt;
 * </pre>
 */
public final class BackupLayout {

    public static final String CHAINS = "chains/";
    public static final String MANIFEST = "manifest.jsonl";
    /**
     * The only chain ids drp writes ({@code c} + the full snapshot's watermark, as BackupJob formats it). Chain ids
     * are read back from a listing of the backup container, which anyone with write access there can extend, and
     * they name local cache paths and retention's deletions: anything else is not a chain, whatever it holds.
     */
    private static final java.util.regex.Pattern CHAIN_ID = java.util.regex.Pattern.compile("c[0-9]{8}T[0-9]{9}Z");

    private BackupLayout() {}

    public static boolean isChainId(String chainId) {
        return chainId != null && CHAIN_ID.matcher(chainId).matches();
    }

    /** A point number as drp writes it (six digits or more, no sign), or -1 for anything else. */
    public static int parseSeq(String text) {
        if (text == null || text.length() < 6 || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) return -1;
        int seq = Integer.parseInt(text);
        return seqText(seq).equals(text) ? seq : -1;
    }

    public static String pointId(String chainId, int seq) {
        return chainId + "/" + seqText(seq);
    }

    public static String seqText(int seq) {
        return String.format("%06d", seq);
    }

    public static String pointPrefix(String chainId, int seq) {
        return CHAINS + chainId + "/" + seqText(seq) + "/";
    }

    public static String manifestBlob(String chainId, int seq) {
        return pointPrefix(chainId, seq) + MANIFEST;
    }

    public static String dataBlob(String chainId, int seq, String container, String name) {
        return pointPrefix(chainId, seq) + "data/" + container + "/" + name;
    }

    /**
     * Azure's longest blob name: 1,024 characters, counted as UTF-16 code units like the service's .NET strings
     * (a character outside the BMP counts twice, which can only make this check stricter than the service).
     */
    public static final int MAX_BLOB_NAME = 1024;

    /**
     * The point's blob name for a production object, or a {@link BackupError} naming the object when that name would
     * be over {@link #MAX_BLOB_NAME}: the point's prefix (about 50 characters with the container) is added to a name
     * that production accepted, and the service would refuse the copy. Checked before the copy, so the backup stops
     * with the object named rather than leave it out or fail with a bare 400.
     */
    public static String dataBlobChecked(String chainId, int seq, String container, String name) {
        String blob = dataBlob(chainId, seq, container, name);
        if (blob.length() <= MAX_BLOB_NAME) return blob;
        int allowed = MAX_BLOB_NAME - (blob.length() - name.length());
        String shown = name.length() <= 140 ? name : name.substring(0, 100) + "…" + name.substring(name.length() - 40);
        throw new BackupError(pointId(chainId, seq), "cannot back up " + container + "/" + shown + ": its name has " + name.length()
                + " characters, and its copy in the backup point would have " + blob.length() + ", over Azure's limit of "
                + MAX_BLOB_NAME + " for a blob name (names in container " + container + " can have at most " + allowed
                + "); rename the object or move it to a container drp does not back up. Nothing was committed: no point leaves it out");
    }
}
