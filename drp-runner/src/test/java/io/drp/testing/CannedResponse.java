package io.drp.testing;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** A whole response held in memory, for the test transports that answer in the service's place. */
class CannedResponse extends HttpResponse {

    private final int status;
    private final HttpHeaders headers;
    private final byte[] body;

    CannedResponse(HttpRequest request, int status, HttpHeaders headers, byte[] body) {
        super(request);
        this.status = status;
        this.headers = headers.set(HttpHeaderName.CONTENT_LENGTH, Integer.toString(body.length));
        this.body = body;
    }

    @Override public int getStatusCode() { return status; }
    @Override @Deprecated public String getHeaderValue(String name) { return headers.getValue(name); }
    @Override public HttpHeaders getHeaders() { return headers; }
    @Override public Flux<ByteBuffer> getBody() { return Flux.just(ByteBuffer.wrap(body)); }
    @Override public Mono<byte[]> getBodyAsByteArray() { return Mono.just(body); }
    @Override public Mono<String> getBodyAsString() { return Mono.just(new String(body, StandardCharsets.UTF_8)); }
    @Override public Mono<String> getBodyAsString(Charset charset) { return Mono.just(new String(body, charset)); }
}
