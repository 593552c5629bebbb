package io.drp.storage;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What the production side of a snapshot-mode backup may send; the requests are built, never sent. */
class SnapshotOnlyWritesTest {

    private static final String BLOB = "https://prod.blob.core.windows.net/orders/o-1.txt";

    private static HttpRequest request(HttpMethod m, String url, String header, String value) {
        HttpRequest r = new HttpRequest(m, url);
        if (header != null) r.setHeader(header, value);
        return r;
    }

    @Test
    void aSnapshotMustCarryDrpsMarkSoThatALaterBackupCanFindIt() {
        assertNotNull(SnapshotOnlyWrites.refusal(request(HttpMethod.PUT, BLOB + "?comp=snapshot", null, null)));
        assertNotNull(SnapshotOnlyWrites.refusal(request(HttpMethod.PUT, BLOB + "?comp=snapshot", "x-ms-meta-owner", "app")));
        assertNull(SnapshotOnlyWrites.refusal(request(HttpMethod.PUT, BLOB + "?comp=snapshot", "x-ms-meta-drpsweep", "t1.c1-0")));
        // header names compare case-insensitively, as on the wire
        assertNull(SnapshotOnlyWrites.refusal(request(HttpMethod.PUT, BLOB + "?comp=snapshot", "X-Ms-Meta-DrpSweep", "t1.c1-0")));
    }

    @Test
    void onlyReadsAndTheDeleteOfOneSnapshotByItsIdGoThrough() {
        assertNull(SnapshotOnlyWrites.refusal(request(HttpMethod.GET, "https://prod.blob.core.windows.net/orders?restype=container&comp=list&include=snapshots,metadata", null, null)));
        assertNull(SnapshotOnlyWrites.refusal(request(HttpMethod.DELETE, BLOB + "?snapshot=2026-12-04T16:00:00.0000000Z", null, null)));
        assertNotNull(SnapshotOnlyWrites.refusal(request(HttpMethod.DELETE, BLOB, null, null)));
        assertNotNull(SnapshotOnlyWrites.refusal(request(HttpMethod.DELETE, BLOB + "?snapshot=2026-12-04T16:00:00.0000000Z", "x-ms-delete-snapshots", "include")));
        assertNotNull(SnapshotOnlyWrites.refusal(request(HttpMethod.PUT, BLOB, "x-ms-meta-drpsweep", "t1.c1-0")));
        assertNotNull(SnapshotOnlyWrites.refusal(request(HttpMethod.PUT, BLOB + "?comp=metadata", "x-ms-meta-drpsweep", "t1.c1-0")));
    }
}
