package io.drp.recovery;

import io.drp.backup.ManifestEntry;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a real recovery restores and where each container goes: some containers (empty means every
 * container of the point), objects whose name starts with {@code prefix}, and renames such as
 * {@code orders=orders-analysis} for a sandbox next to the live data. A drill restores everything as is.
 */
public record Scope(Set<String> containers, String prefix, Map<String, String> rename) {

    public static final Scope ALL = new Scope(Set.of(), "", Map.of());

    public Scope {
        containers = Set.copyOf(new TreeSet<>(containers));
        prefix = prefix == null ? "" : prefix;
        rename = Map.copyOf(rename);
    }

    public boolean includes(ManifestEntry e) {
        return (containers.isEmpty() || containers.contains(e.container())) && e.name().startsWith(prefix);
    }

    public boolean includesContainer(String container) {
        return containers.isEmpty() || containers.contains(container);
    }

    /** The container an object of {@code source} is restored into. */
    public String target(String source) {
        return rename.getOrDefault(source, source);
    }

    public boolean isEverything() {
        return containers.isEmpty() && prefix.isEmpty() && rename.isEmpty();
    }
}
