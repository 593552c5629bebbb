package io.drp.assess;

import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.AzureResourceManager;
import com.azure.resourcemanager.storage.models.BlobContainers;
import com.azure.resourcemanager.storage.models.ImmutabilityPolicy;
import com.azure.resourcemanager.storage.models.MinimumTlsVersion;
import com.azure.resourcemanager.storage.models.SkuName;
import com.azure.resourcemanager.storage.models.StorageAccount;
import com.azure.resourcemanager.storage.models.StorageAccountSkuType;
import com.azure.resourcemanager.storage.models.StorageAccounts;
import io.drp.model.Finding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

/** Azure Resource Manager cannot run here: it is mocked with Mockito, as the read-only calls drp makes. */
class LivePostureTest {

    private AzureResourceManager arm;
    private StorageAccounts accounts;
    private BlobContainers containers;
    private final LivePosture.Target target = new LivePosture.Target("rg-prod", "drpdatap", "drpbkpp", "drp-backups", 35);

    @BeforeEach
    void setUp() {
        arm = mock(AzureResourceManager.class);
        accounts = mock(StorageAccounts.class);
        containers = mock(BlobContainers.class);
        when(arm.storageAccounts()).thenReturn(accounts);
        when(arm.storageBlobContainers()).thenReturn(containers);
    }

    private StorageAccount account(String name, SkuName sku) {
        StorageAccount a = mock(StorageAccount.class);
        when(a.skuType()).thenReturn(StorageAccountSkuType.fromSkuName(sku));
        when(a.isHttpsTrafficOnly()).thenReturn(true);
        when(a.isBlobPublicAccessAllowed()).thenReturn(false);
        when(a.minimumTlsVersion()).thenReturn(MinimumTlsVersion.TLS1_2);
        when(accounts.getByResourceGroup("rg-prod", name)).thenReturn(a);
        return a;
    }

    private void worm(int days) {
        ImmutabilityPolicy p = mock(ImmutabilityPolicy.class);
        when(p.immutabilityPeriodSinceCreationInDays()).thenReturn(days);
        when(containers.getImmutabilityPolicy("rg-prod", "drpbkpp", "drp-backups")).thenReturn(p);
    }

    private static List<String> codes(List<Finding> f) {
        return f.stream().map(Finding::code).sorted().toList();
    }

    @Test
    void theDeployedPostureMatchingTheStackHasNoFinding() {
        account("drpbkpp", SkuName.STANDARD_RAGZRS);
        account("drpdatap", SkuName.STANDARD_ZRS);
        worm(35);

        assertEquals(List.of(), LivePosture.check(arm, target));
    }

    @Test
    void driftIsReported() {
        StorageAccount backup = account("drpbkpp", SkuName.STANDARD_LRS);
        when(backup.isBlobPublicAccessAllowed()).thenReturn(true);
        account("drpdatap", SkuName.STANDARD_ZRS);
        worm(7);

        assertEquals(List.of("LIVE_BACKUP_NOT_GEO_REDUNDANT", "LIVE_PUBLIC_BLOBS", "LIVE_RETENTION_TOO_SHORT"),
                codes(LivePosture.check(arm, target)));
    }

    @Test
    void missingAccountsAndPoliciesAreBlockingAndOnlyReadsAreMade() {
        HttpResponse notFound = mock(HttpResponse.class);
        when(notFound.getStatusCode()).thenReturn(404);
        account("drpbkpp", SkuName.STANDARD_RAGZRS);
        when(containers.getImmutabilityPolicy("rg-prod", "drpbkpp", "drp-backups")).thenThrow(new ManagementException("not found", notFound));
        when(accounts.getByResourceGroup("rg-prod", "drpdatap")).thenThrow(new ManagementException("not found", notFound));

        assertEquals(List.of("LIVE_BACKUPS_NOT_IMMUTABLE", "LIVE_DATA_ACCOUNT_MISSING"), codes(LivePosture.check(arm, target)));
        verify(accounts).getByResourceGroup("rg-prod", "drpbkpp");
        verify(accounts).getByResourceGroup("rg-prod", "drpdatap");
        verify(containers).getImmutabilityPolicy("rg-prod", "drpbkpp", "drp-backups");
        verifyNoMoreInteractions(accounts, containers);
    }
}
