package io.drp.storage;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts attempts that failed transiently (5xx, 408, 429, I/O errors). It sits after the SDK's retry policy
 * (per-retry position), so it sees every attempt; the SDK does the retrying and backoff, we only count,
 * because the report must say how rough the ride was even when the result is unchanged.
 */
public final class TransientRetryCounter implements HttpPipelinePolicy {

    private final AtomicLong transientFailures = new AtomicLong();

    public long count() {
        return transientFailures.get();
    }

    @Override
    public HttpPipelinePosition getPipelinePosition() {
        return HttpPipelinePosition.PER_RETRY;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return next.process()
                .doOnNext(this::inspect)
                .doOnError(e -> transientFailures.incrementAndGet());
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        try {
            HttpResponse r = next.processSync();
            inspect(r);
            return r;
        } catch (RuntimeException e) {
            transientFailures.incrementAndGet();
            throw e;
        }
    }

    private void inspect(HttpResponse r) {
        int s = r.getStatusCode();
        if (s == 408 || s == 429 || (s >= 500 && s != 501 && s != 505)) {
            transientFailures.incrementAndGet();
        }
    }
}
