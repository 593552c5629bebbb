package io.drp.storage;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The storage service's own time, from the {@code Date} header of one cheap request. Watermarks, T0 and
 * Last-Modified are compared across the runner and the service, so a runner whose clock is off skews every
 * RPO and loss judgement; measuring the skew is how a report can say so.
 */
public final class ServiceTime {

    private ServiceTime() {}

    /**
     * Runner time minus service time. The header has whole seconds, so the service instant is taken as the
     * middle of its second and the runner's as the middle of the request: the result is good to about ±0.5 s.
     */
    public static Duration skew(BlobContainerClient container, Clock runner) {
        Instant before = runner.instant();
        String date = container.getServiceClient().getPropertiesWithResponse(null, Context.NONE).getHeaders().getValue(HttpHeaderName.DATE);
        Instant after = runner.instant();
        Instant service = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().plusMillis(500);
        Instant local = before.plus(Duration.between(before, after).dividedBy(2));
        return Duration.between(service, local);
    }
}
