package io.drp.backup;

/**
 * A point drp cannot prove it wrote: unsigned where signatures are required, signed by a key drp.yaml does not
 * trust, or with a signature that does not verify. Unlike a broken point, which a plan falls back past, this one
 * stops the run: someone who can write the backup container wrote it, and nothing of the chain is restored until
 * a person has looked.
 */
public final class UntrustedPointError extends BackupError {

    public UntrustedPointError(String pointId, String message) {
        super(pointId, message);
    }
}
