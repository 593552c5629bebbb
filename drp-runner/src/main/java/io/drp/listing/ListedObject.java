package io.drp.listing;

import java.time.Instant;
import java.util.Map;

/** One current object as the service lists it. {@code metadata} is empty unless the listing asked for it. */
public record ListedObject(String container, String name, long size, String etag, Instant lastModified,
                           Map<String, String> metadata) {

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
