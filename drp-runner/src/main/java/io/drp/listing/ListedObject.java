package io.drp.listing;

import io.drp.storage.BlobAttributes;

import java.time.Instant;
import java.util.Map;

/**
 * One object as the service lists it: the current one, or with {@code versionId} the version a point copies. {@code metadata} is empty and {@code attributes} null unless the
 * listing asked for details (metadata and index tags).
 */
public record ListedObject(String container, String name, long size, String etag, Instant lastModified,
                           Map<String, String> metadata, BlobAttributes attributes, String versionId) {

    public ListedObject(String container, String name, long size, String etag, Instant lastModified, Map<String, String> metadata) {
        this(container, name, size, etag, lastModified, metadata, null, null);
    }

    public ListedObject(String container, String name, long size, String etag, Instant lastModified, Map<String, String> metadata,
                        BlobAttributes attributes) {
        this(container, name, size, etag, lastModified, metadata, attributes, null);
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
