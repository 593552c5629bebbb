package io.drp.recovery.rebuild;

import java.util.List;

/** What a preview of the recovery program says the rebuild would do: {@code create <type> <name>} per resource. */
public record RebuildPreview(String stack, List<String> operations) {

    public RebuildPreview {
        operations = List.copyOf(operations);
    }
}
