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

    private BackupLayout() {}

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
