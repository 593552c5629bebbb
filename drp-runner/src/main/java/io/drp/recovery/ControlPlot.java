package io.drp.recovery;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import io.drp.backup.ManifestEntry;
import io.drp.digest.Sha256;
import io.drp.model.Mismatch;
import io.drp.storage.BlobAttributes;
import io.drp.storage.ContainerOwnership;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageError;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The scratch container the negative controls are planted in, {@code drp-control-<run id>} in the recovery account,
 * and the restored object they are copied from. The container is created with drp's ownership mark for this run, and
 * deleted only through the ownership gate: a container of that name that is not this run's is refused, never reused.
 */
final class ControlPlot {

    static final String PREFIX = "drp-control-";
    /** The largest restored object a control is copied from: the copy is held in memory and written twice. */
    static final long LARGEST_SOURCE = 4L << 20;

    /** The bytes the faulty copies start from, and the attributes the verifier is told to expect. */
    record Source(String description, byte[] bytes, String sha256, BlobAttributes attributes) {}

    private final StorageAccount account;
    private final String runId;
    final String name;

    ControlPlot(StorageAccount account, String runId) {
        this.account = account;
        this.runId = runId;
        this.name = containerName(runId);
    }

    /** {@code drp-control-<run id>}, made a valid container name (lowercase, single hyphens, at most 63 characters). */
    static String containerName(String runId) {
        String id = runId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        String n = (PREFIX + id).replaceAll("-{2,}", "-");
        n = n.length() > 63 ? n.substring(0, 63) : n;
        return n.replaceAll("-+$", "");
    }

    /**
     * The smallest non-empty object of the point that verify found restored exactly, read back from where it was
     * restored (one GET; an archived object cannot be read, so none is chosen). A point with none of at most
     * {@link #LARGEST_SOURCE} bytes gets a small synthetic object instead, which proves the same comparisons; the
     * description says which.
     */
    Source source(RecoveryState st) {
        Set<String> wrong = new HashSet<>();
        st.verification.mismatches().forEach(m -> wrong.add(m.object()));
        Scope scope = st.request.scope();
        Optional<ManifestEntry> smallest;
        try (Stream<ManifestEntry> entries = st.plan.recoveryPoint().entries()) {
            smallest = entries.filter(e -> e.live() && scope.includes(e) && e.size() > 0 && e.size() <= LARGEST_SOURCE
                    && (e.attributes() == null || !e.attributes().archived()) && !wrong.contains(e.path()))
                    .min(Comparator.comparingLong(ManifestEntry::size));
        }
        if (smallest.isPresent()) {
            ManifestEntry e = smallest.get();
            byte[] bytes = account.container(scope.target(e.container())).getBlobClient(e.name()).downloadContent().toBytes();
            if (Sha256.of(bytes).equals(e.sha256())) {
                return new Source("restored object " + e.path() + " (" + bytes.length + " bytes)", bytes, e.sha256(), expected(e.attributes()));
            }
        }
        byte[] synthetic = ("drp negative control for run " + runId + "\n").repeat(32).getBytes(StandardCharsets.UTF_8);
        return new Source("a synthetic object of " + synthetic.length + " bytes: no restored object of at most "
                + LARGEST_SOURCE + " bytes read back exactly", synthetic, Sha256.of(synthetic), expected(null));
    }

    /**
     * The point's content headers and metadata, which a faithful copy carries; not its stored MD5, tags or tier, which a
     * plain upload cannot reproduce and which the comparison then leaves out, so each control differs in one thing only.
     */
    private static BlobAttributes expected(BlobAttributes a) {
        BlobAttributes p = a == null ? BlobAttributes.NONE : a;
        String type = p.contentType() == null ? "application/octet-stream" : p.contentType();
        return new BlobAttributes(type, p.contentEncoding(), p.contentLanguage(), p.contentDisposition(), p.cacheControl(), null,
                p.metadata(), null, null);
    }

    /** Creates the container with this run's mark; an existing one must be this run's (a resumed run), else nothing is written. */
    void create() {
        BlobContainerClient c = account.container(name);
        try {
            c.createWithResponse(ContainerOwnership.metadata(account, runId), null, null, Context.NONE);
        } catch (BlobStorageException e) {
            if (!BlobErrorCode.CONTAINER_ALREADY_EXISTS.equals(e.getErrorCode())) throw e;
            if (ContainerOwnership.ownerRun(account, c.getProperties().getMetadata()).filter(runId::equals).isEmpty()) {
                throw new StorageError("container '" + name + "' in " + account.endpoint() + " already exists and is not this run's; "
                        + "no control was planted and the container was not touched");
            }
        }
    }

    /** One Put Blob: the bytes with the given attributes, replacing what a resumed run may have planted before. */
    void put(String blob, byte[] bytes, BlobAttributes attributes) {
        account.container(name).getBlobClient(blob).getBlockBlobClient().uploadWithResponse(
                new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(bytes)).setHeaders(attributes.headers())
                        .setMetadata(attributes.metadata().isEmpty() ? null : attributes.metadata()), null, Context.NONE);
    }

    /** Deletes the container through the ownership gate; true when it is gone. */
    boolean delete() {
        BlobContainerClient c = account.container(name);
        try {
            ContainerOwnership.requireOwned(account, c);
            c.delete();
            return true;
        } catch (BlobStorageException e) {
            if (BlobErrorCode.CONTAINER_NOT_FOUND.equals(e.getErrorCode())) return true;
            throw e;
        }
    }

    /** The verifier's reasons for one control object. */
    static java.util.List<String> reasons(ContainerVerifier v, String path) {
        return Stream.concat(v.structural.values().stream(), v.content.stream()).filter(m -> m.object().equals(path))
                .map(Mismatch::reason).distinct().toList();
    }
}
