package io.drp.recovery;

/** How verification proves the recovered data: re-read every byte, or trust the hashes checked at restore. */
public enum VerifyMode {
    FULL("full (every object re-read and hashed)"),
    METADATA("metadata (recorded hashes and sizes)");

    public final String description;

    VerifyMode(String description) {
        this.description = description;
    }
}
