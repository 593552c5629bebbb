package io.drp.testing;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;

import java.nio.charset.StandardCharsets;

/** An error response shaped as Azure Storage sends it: status, x-ms-error-code, and the XML body with the code. */
final class ServiceError extends CannedResponse {

    ServiceError(HttpRequest request, int status, String code, String message) {
        super(request, status, new HttpHeaders()
                        .set(HttpHeaderName.CONTENT_TYPE, "application/xml")
                        .set(HttpHeaderName.fromString("x-ms-error-code"), code),
                ("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + code + "</Code><Message>" + message
                        + "</Message></Error>").getBytes(StandardCharsets.UTF_8));
    }
}
