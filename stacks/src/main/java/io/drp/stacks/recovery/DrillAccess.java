package io.drp.stacks.recovery;

import com.pulumi.azurenative.authorization.RoleAssignment;
import com.pulumi.azurenative.authorization.RoleAssignmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

/**
 * The data-plane grant a drill needs on the account it restores into. An ephemeral drill stack's account is new,
 * and drp reaches it with DefaultAzureCredential, not a key: without this grant the first write is refused.
 * Scoped to the one account, so the drill identity gains nothing elsewhere in the subscription.
 */
public final class DrillAccess {

    /** Built-in role "Storage Blob Data Contributor": read, write and delete blobs and containers. */
    public static final String BLOB_DATA_CONTRIBUTOR = "ba92f5b4-2d11-453e-a403-e96b0b7c8c0d";

    private DrillAccess() {}

    /** @param accountId the ARM id of the storage account, {@code /subscriptions/<id>/resourceGroups/...} */
    public static RoleAssignment grant(String name, Output<String> accountId, String principalId, String principalType,
                                       CustomResourceOptions options) {
        return new RoleAssignment(name, RoleAssignmentArgs.builder()
                .scope(accountId)
                .roleDefinitionId(accountId.applyValue(DrillAccess::roleDefinitionId))
                .principalId(principalId)
                .principalType(principalType)
                .build(), options);
    }

    /** Role definitions are addressed under the subscription; it is read from the account's own id. */
    static String roleDefinitionId(String accountId) {
        int rg = accountId.indexOf("/resourceGroups/");
        String subscription = rg < 0 ? accountId : accountId.substring(0, rg);
        return subscription + "/providers/Microsoft.Authorization/roleDefinitions/" + BLOB_DATA_CONTRIBUTOR;
    }
}
