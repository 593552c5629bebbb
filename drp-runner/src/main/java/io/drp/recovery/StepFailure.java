package io.drp.recovery;

import com.azure.storage.blob.models.BlobStorageException;
import io.drp.failure.DrpFailure;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/** Why a step stopped, as the one line the report shows: typed failures speak for themselves. */
final class StepFailure {

    private StepFailure() {}

    static String describe(Throwable t) {
        if (t instanceof DrpFailure) return t.getMessage();
        if (t instanceof BlobStorageException b) {
            return "storage error " + b.getStatusCode() + " " + b.getErrorCode();
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        if (root instanceof IOException || root instanceof TimeoutException) {
            return "storage unreachable (" + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
        }
        return "unexpected " + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
