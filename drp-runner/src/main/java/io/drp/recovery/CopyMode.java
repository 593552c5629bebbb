package io.drp.recovery;

/**
 * How restore and replay move an object's bytes: through this process (stream), inside Azure Storage
 * (server: the recovery account's service reads the backup through a short-lived read SAS), or whichever
 * the accounts allow and is faster there (auto, the default; see {@link CopyChoice}).
 */
public enum CopyMode {
    STREAM, SERVER, AUTO;

    /** As the command line and the report spell it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
