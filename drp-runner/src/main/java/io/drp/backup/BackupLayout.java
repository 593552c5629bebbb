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
}
