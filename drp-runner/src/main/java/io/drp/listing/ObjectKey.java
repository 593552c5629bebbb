package io.drp.listing;

import java.util.Objects;

/**
 * Where an object lives: container, then name. Manifests and the service's listings are both sorted in this
 * order (by UTF-16 code unit, which is how Java and the manifests compare), so any two of them merge-join.
 */
public record ObjectKey(String container, String name) implements Comparable<ObjectKey> {

    public ObjectKey {
        Objects.requireNonNull(container, "'container' cannot be null.");
        Objects.requireNonNull(name, "'name' cannot be null.");
    }

    @Override
    public int compareTo(ObjectKey o) {
        int c = container.compareTo(o.container);
        return c != 0 ? c : name.compareTo(o.name);
    }

    /** "container/name": how objects are named in reports. */
    public String path() {
        return container + "/" + name;
    }
}
