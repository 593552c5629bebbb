package io.drp.drill;

/** Why a drill stopped, classified so the runner can say ABORTED with a message a person can act on. */
final class StepFailure {

    private StepFailure() {}

    static String describe(Throwable t) {
        if (t instanceof io.drp.storage.StorageError || t instanceof io.drp.backup.BackupError
                || t instanceof DrillLock.DrillConflict) {
            return t.getMessage();
        }
        if (t instanceof com.azure.storage.blob.models.BlobStorageException b) {
            return "storage error " + b.getStatusCode() + " " + b.getErrorCode();
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        if (root instanceof java.net.ConnectException || root instanceof java.io.IOException
                || root instanceof java.util.concurrent.TimeoutException) {
            return "storage unreachable (" + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
        }
        return "unexpected " + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
