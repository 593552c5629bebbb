package io.drp.backup;

import io.drp.failure.AbortFailure;

/**
 * The backups themselves are unusable: a manifest truncated or unparsable, a chain with a gap, a point
 * whose predecessor does not match. Always names the point (and object, where there is one).
 */
public class BackupError extends AbortFailure {

    private final String pointId;

    public BackupError(String pointId, String message) {
        super(pointId == null ? message : "backup point " + pointId + ": " + message);
        this.pointId = pointId;
    }

    public String pointId() {
        return pointId;
    }
}
