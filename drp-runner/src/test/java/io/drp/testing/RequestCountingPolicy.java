package io.drp.testing;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A pipeline policy that notes every request a client sends, after the retry policy (so each attempt on the
 * wire counts), as "METHOD /account/container/blob?query", plus "copy-source" when the request names one.
 * It also keeps the copy sources themselves: they carry SAS tokens, and tests prove those go nowhere else.
 */
public final class RequestCountingPolicy implements HttpPipelinePolicy {

    private static final HttpHeaderName COPY_SOURCE = HttpHeaderName.fromString("x-ms-copy-source");
    private final List<String> requests = new ArrayList<>();
    private final List<String> copySources = new ArrayList<>();

    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<String> copySources() {
        return List.copyOf(copySources);
    }

    public synchronized void clear() {
        requests.clear();
        copySources.clear();
    }

    private synchronized void note(HttpRequest r) {
        String q = r.getUrl().getQuery();
        String path = URLDecoder.decode(r.getUrl().getPath(), StandardCharsets.UTF_8);
        String source = r.getHeaders().getValue(COPY_SOURCE);
        if (source != null) copySources.add(source);
        requests.add(r.getHttpMethod() + " " + path + (q == null ? "" : "?" + q) + (source == null ? "" : " copy-source"));
    }

    @Override
    public HttpPipelinePosition getPipelinePosition() {
        return HttpPipelinePosition.PER_RETRY;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        note(context.getHttpRequest());
        return next.process();
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        note(context.getHttpRequest());
        return next.processSync();
    }
}
