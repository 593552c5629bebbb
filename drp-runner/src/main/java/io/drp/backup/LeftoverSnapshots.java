package io.drp.backup;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.drp.storage.StorageAccount;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Finds drp's snapshots in production by their {@link SweepMarker mark}, with one listing of each container
 * (snapshots and metadata included), so that neither a backup on a fresh runner nor {@code drp status} needs the
 * plan a killed backup left on another machine's disk.
 *
 * <p>A snapshot counts as drp's only when it carries the mark and its base blob does not carry the same mark: a
 * base blob carries one only when someone promoted (copied back) a drp snapshot, and the snapshots the application
 * then takes of it inherit the mark. Those are the application's, and they look exactly like drp's, so both are left.
 */
public final class LeftoverSnapshots {

    /** One of drp's snapshots in production. */
    public record Found(String container, String name, String snapshot, String mark) {}

    private LeftoverSnapshots() {}

    /** How many of drp's snapshots, of any backup target, are in these production containers now. */
    public static long count(StorageAccount production, List<String> containers) {
        long[] n = {0};
        scan(production, containers, f -> n[0]++);
        return n[0];
    }

    /** Hands on each of drp's snapshots in these containers; a container that does not exist has none. */
    static void scan(StorageAccount production, List<String> containers, Consumer<Found> each) {
        ListBlobsOptions options = new ListBlobsOptions().setMaxResultsPerPage(5000)
                .setDetails(new BlobListDetails().setRetrieveSnapshots(true).setRetrieveMetadata(true));
        for (String c : containers) {
            BlobContainerClient client = production.container(c);
            if (!client.exists()) continue;
            // the listing is sorted by name, so a blob's snapshots and its base come together, in whichever order
            Group group = new Group(each);
            for (BlobItem b : client.listBlobs(options, null)) {
                if (Boolean.TRUE.equals(b.isDeleted())) continue;
                if (!b.getName().equals(group.name)) group.flush(b.getName());
                if (b.getSnapshot() != null) {
                    String mark = SweepMarker.read(b.getMetadata());
                    if (mark != null) group.marked.add(new Found(c, b.getName(), b.getSnapshot(), mark));
                } else if (b.getVersionId() == null || Boolean.TRUE.equals(b.isCurrentVersion())) {
                    group.baseMark = SweepMarker.read(b.getMetadata());
                }
            }
            group.flush(null);
        }
    }

    /** The snapshots of one blob name, judged once the listing has passed its base blob too. */
    private static final class Group {
        private final Consumer<Found> each;
        private final List<Found> marked = new ArrayList<>();
        private String name;
        private String baseMark;

        Group(Consumer<Found> each) {
            this.each = each;
        }

        void flush(String next) {
            for (Found f : marked) {
                if (!Objects.equals(f.mark(), baseMark)) each.accept(f);
            }
            marked.clear();
            baseMark = null;
            name = next;
        }
    }
}
