package io.drp.ledger;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobImmutabilityPolicy;
import com.azure.storage.blob.models.BlobImmutabilityPolicyMode;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Mirrors ledger records into a blob container, one blob per record, written with If-None-Match: * so a
 * record is never replaced. Where the account has version-level immutability (WORM) enabled, each record
 * also gets an unlocked time-based immutability policy of {@code retentionDays}: nobody can change or delete the
 * record for that long, and locking the policy (which makes it irreversible) is left to the account's owner,
 * since drp cannot undo a locked policy set by mistake. Where the account has no version-level immutability
 * (or on the emulator) the mirror is still write-once by precondition and says it is not immutable.
 */
public final class BlobLedgerMirror implements LedgerMirror {

    private final BlobContainerClient container;
    private final int retentionDays;
    private volatile Boolean immutable;

    public BlobLedgerMirror(BlobContainerClient container, int retentionDays) {
        this.container = container;
        this.retentionDays = retentionDays;
    }

    @Override
    public void put(LedgerRecord record, String canonicalJson) {
        container.createIfNotExists();
        BlobClient blob = container.getBlobClient(String.format("records/%010d-%s.json", record.seq(), record.drillId()));
        try {
            blob.uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromString(canonicalJson))
                    .setRequestConditions(new BlobRequestConditions().setIfNoneMatch("*")), null, null);
        } catch (BlobStorageException e) {
            // the write may have been applied and only its response lost: a retry then meets our own record
            boolean exists = com.azure.storage.blob.models.BlobErrorCode.BLOB_ALREADY_EXISTS.equals(e.getErrorCode())
                    || com.azure.storage.blob.models.BlobErrorCode.CONDITION_NOT_MET.equals(e.getErrorCode());
            if (!exists || !canonicalJson.strip().equals(blob.downloadContent().toString().strip())) throw e;
        }
        try {
            blob.setImmutabilityPolicy(new BlobImmutabilityPolicy()
                    .setExpiryTime(OffsetDateTime.now(ZoneOffset.UTC).plusDays(retentionDays))
                    .setPolicyMode(BlobImmutabilityPolicyMode.UNLOCKED));
            immutable = true;
        } catch (BlobStorageException | UnsupportedOperationException e) {
            // version-level WORM not enabled on this account (or the emulator): the record is still write-once by precondition
            immutable = false;
        }
    }

    @Override
    public long count() {
        if (!container.exists()) return 0;
        return container.listBlobs(new ListBlobsOptions().setPrefix("records/"), null).stream().count();
    }

    @Override
    public java.util.Map<Long, String> lines() {
        java.util.Map<Long, String> out = new java.util.TreeMap<>();
        if (!container.exists()) return out;
        for (var b : container.listBlobs(new ListBlobsOptions().setPrefix("records/"), null)) {
            String name = b.getName().substring("records/".length());
            int dash = name.indexOf('-');
            try {
                out.put(Long.parseLong(name.substring(0, dash)), container.getBlobClient(b.getName()).downloadContent().toString().strip());
            } catch (RuntimeException unreadable) {
                // not one of drp's record names: ignored, and then reported as missing if a local record needs it
            }
        }
        return out;
    }

    @Override
    public String describe() {
        String imm = immutable == null ? "" : immutable ? " (immutable)" : " (write-once; the account has no version-level immutability)";
        return container.getBlobContainerUrl() + imm;
    }
}
