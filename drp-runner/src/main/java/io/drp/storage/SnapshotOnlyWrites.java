package io.drp.storage;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

/**
 * The production side of a snapshot-mode backup. The storage service cannot grant "snapshots only": taking one
 * needs the Create right and deleting one the Delete right, and Delete also deletes base blobs. So drp refuses,
 * before anything is sent, every write except Snapshot Blob ({@code PUT ?comp=snapshot}) and the delete of one
 * snapshot by its id ({@code DELETE ?snapshot=…} with no {@code x-ms-delete-snapshots}). A bug in drp then
 * cannot change or delete a production object, only its own snapshots.
 *
 * <p>A Snapshot Blob must carry drp's mark ({@code x-ms-meta-drpsweep}): every snapshot a backup takes can then be
 * found and deleted by a later backup from a listing of production, even when the plan that recorded it was lost
 * with a killed CI runner.
 */
public final class SnapshotOnlyWrites implements HttpPipelinePolicy {

    /** The metadata key that marks drp's snapshots; lower case, as the emulator stores keys. */
    public static final String MARK = "drpsweep";

    /** Thrown instead of sending a request this account must never make. */
    public static final class Refused extends IllegalStateException {
        Refused(String message) {
            super(message);
        }
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        String why = refusal(context.getHttpRequest());
        return why == null ? next.process() : Mono.error(new Refused(why));
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        String why = refusal(context.getHttpRequest());
        if (why != null) throw new Refused(why);
        return next.processSync();
    }

    /** Null when the request may go; otherwise why drp refuses it. */
    static String refusal(HttpRequest r) {
        HttpMethod m = r.getHttpMethod();
        if (m == HttpMethod.GET || m == HttpMethod.HEAD) return null;
        String query = r.getUrl().getQuery() == null ? "" : "&" + r.getUrl().getQuery();
        if (m == HttpMethod.PUT && query.contains("&comp=snapshot")) {
            if (r.getHeaders().getValue("x-ms-meta-" + MARK) != null) return null;
            return "drp refused to take a snapshot without its mark (x-ms-meta-" + MARK + ") in production: a later backup could"
                    + " not find it to delete it";
        }
        if (m == HttpMethod.DELETE && query.contains("&snapshot=") && r.getHeaders().getValue("x-ms-delete-snapshots") == null) return null;
        return "drp refused to send " + m + " " + r.getUrl().getPath() + " to production: a backup only reads it and takes and"
                + " deletes its own snapshots";
    }
}
