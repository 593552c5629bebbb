package io.drp.cli;

import io.drp.model.RebuildEstimate;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How `drp drill --dry-run` prints the rebuild estimate. */
class RebuildEstimateTextTest {

    @Test
    void eachTypeIsPricedAndATypeWithoutHistoryIsNamed() {
        RebuildEstimate e = new RebuildEstimate(2, List.of(
                new RebuildEstimate.Line("create", "azure-native:storage:StorageAccount", 1, 2, 25.75),
                new RebuildEstimate.Line("create", "azure-native:storage:BlobContainer", 3, 4, 4.5),
                new RebuildEstimate.Line("create", "azure-native:web:WebApp", 1, 0, null)));

        assertEquals(List.of(
                "rebuild estimate: 39.3 s from the last 2 drill(s) in the ledger: the median per resource type, summed as if one ran "
                        + "after another (Pulumi runs independent resources in parallel, so expect less)",
                "  create azure-native:storage:StorageAccount: 1 x 25.8 s (median of 2) = 25.8 s",
                "  create azure-native:storage:BlobContainer: 3 x 4.5 s (median of 4) = 13.5 s",
                "  create azure-native:web:WebApp: 1 x ? (no history for azure-native:web:WebApp)",
                "  the estimate leaves out 1 type(s) without history"), RebuildEstimateText.lines(e));
    }

    @Test
    void anEmptyLedgerSaysTheEstimateIsUnknown() {
        RebuildEstimate e = new RebuildEstimate(0, List.of(new RebuildEstimate.Line("create", "azure-native:web:WebApp", 1, 0, null)));

        assertEquals(List.of("rebuild estimate: unknown; no past drill in the ledger recorded resource timings",
                "  create azure-native:web:WebApp: 1 x ? (no history for azure-native:web:WebApp)"), RebuildEstimateText.lines(e));
    }
}
