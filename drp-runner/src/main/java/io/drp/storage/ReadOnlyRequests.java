package io.drp.storage;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline policy of every account drp opens read-only (production and backup during a drill, the backup for
 * status and listing). Only a shared key lets drp narrow the grant itself (a read+list SAS); with a SAS token or
 * Azure AD the service would carry out whatever the credential allows. So drp refuses here, before anything is sent
 * and whatever the credential, every request but GET, HEAD and Get User Delegation Key (a POST that only mints the
 * key the user-delegation read SAS of a server-side copy is signed with; it changes nothing in the account).
 */
public final class ReadOnlyRequests implements HttpPipelinePolicy {

    /** Thrown instead of sending a request a read-only account must never receive. */
    public static final class Refused extends IllegalStateException {
        Refused(String message) {
            super(message);
        }
    }

    private final String role;

    /** True when {@code t}, or what it wraps, is this policy's refusal: the SDK wraps what a pipeline policy throws. */
    public static boolean refused(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof Refused) return true;
        }
        return false;
    }

    /** @param role named in the refusal ("production", "backup") */
    public ReadOnlyRequests(String role) {
        this.role = role;
    }

    /** Before the retry policy: a refusal is final, not a fault to retry, and no credential has been added yet. */
    @Override
    public HttpPipelinePosition getPipelinePosition() {
        return HttpPipelinePosition.PER_CALL;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        String why = refusal(role, context.getHttpRequest());
        return why == null ? next.process() : Mono.error(new Refused(why));
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        String why = refusal(role, context.getHttpRequest());
        if (why != null) throw new Refused(why);
        return next.processSync();
    }

    /** Null when the request may go; otherwise why drp refuses it. */
    static String refusal(String role, HttpRequest r) {
        HttpMethod m = r.getHttpMethod();
        if (m == HttpMethod.GET || m == HttpMethod.HEAD) return null;
        List<String> params = operationParams(r.getUrl().getQuery());
        // by its parameters alone: on the emulator and custom domains the service's path carries the account name
        if (m == HttpMethod.POST && params.size() == 2
                && params.contains("restype=service") && params.contains("comp=userdelegationkey")) {
            return null;
        }
        return "drp refused to send " + m + " " + path(r) + (params.isEmpty() ? "" : "?" + String.join("&", params))
                + " to " + role + ": it is opened read-only for this run, so drp only reads it";
    }

    private static String path(HttpRequest r) {
        String p = r.getUrl().getPath();
        return p == null || p.isEmpty() ? "/" : p;
    }

    /**
     * The query parameters that name the operation ({@code comp}, {@code restype}), lower-cased. Only these: the
     * rest of a query may hold a SAS signature, which must never reach a message.
     */
    private static List<String> operationParams(String query) {
        List<String> out = new ArrayList<>();
        if (query == null) return out;
        for (String kv : query.split("&")) {
            String lower = kv.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("comp=") || lower.startsWith("restype=")) out.add(lower);
        }
        return out;
    }
}
