package io.drp.listing;

import io.drp.storage.BlobAttributes;

import java.time.Instant;
import java.util.Map;

/**
 * One current object as the service lists it. {@code metadata} is empty and {@code attributes} null unless the
 * listing asked for details (metadata and index tags).
 */
public record ListedObject(String container, String name, long size, String etag, Instant lastModified,
                           Map<String, String> metadata, BlobAttributes attributes) {

    public ListedObject(String container, String name, long size, String etag, Instant lastModified, Map<String, String> metadata) {
        this(container, name, size, etag, lastModified, metadata, null);
    }


    public ListedObject {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public ObjectKey key() {
        return new ObjectKey(container, name);
    }

    public String path() {
        return container + "/" + name;
    }
}
