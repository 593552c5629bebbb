package io.drp.recovery.rebuild;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which recovery containers a pulumi up created in this run: the only unmarked containers a drill may take as its own. */
class CreatedContainersTest {

    private static ResourceTiming op(String op, String type, String name, boolean failed) {
        return new ResourceTiming(type, name, op, Instant.EPOCH, Instant.EPOCH, failed, failed ? "boom" : null);
    }

    @Test
    void onlySucceededCreatesOfBlobContainersCountMatchedByTheLongestDeclaredName() {
        List<String> declared = List.of("orders", "x-orders", "media", "invoices");
        List<ResourceTiming> timings = List.of(
                op("create", "azure-native:storage:BlobContainer", "recovery-data-x-orders", false),
                op("create", "azure-native:storage:BlobContainer", "recovery-data-media", true),
                op("update", "azure-native:storage:BlobContainer", "recovery-data-invoices", false),
                op("create", "azure-native:storage:StorageAccount", "recovery-data-orders", false));

        assertEquals(Set.of("x-orders"), PulumiRecoveryTarget.created(timings, declared));
    }
}
