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

/** An error response shaped as Azure Storage sends it: status, x-ms-error-code, and the XML body with the code. */
final class ServiceError extends HttpResponse {

    private final int status;
    private final byte[] body;
    private final HttpHeaders headers;

    ServiceError(HttpRequest request, int status, String code, String message) {
        super(request);
        this.status = status;
        this.body = ("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
        this.headers = new HttpHeaders()
                .set(HttpHeaderName.CONTENT_TYPE, "application/xml")
                .set(HttpHeaderName.fromString("x-ms-error-code"), code)
                .set(HttpHeaderName.CONTENT_LENGTH, Integer.toString(body.length));
    }

    @Override public int getStatusCode() { return status; }
    @Override @Deprecated public String getHeaderValue(String name) { return headers.getValue(name); }
    @Override public HttpHeaders getHeaders() { return headers; }
    @Override public Flux<ByteBuffer> getBody() { return Flux.just(ByteBuffer.wrap(body)); }
    @Override public Mono<byte[]> getBodyAsByteArray() { return Mono.just(body); }
    @Override public Mono<String> getBodyAsString() { return Mono.just(new String(body, StandardCharsets.UTF_8)); }
    @Override public Mono<String> getBodyAsString(Charset charset) { return Mono.just(new String(body, charset)); }
}
