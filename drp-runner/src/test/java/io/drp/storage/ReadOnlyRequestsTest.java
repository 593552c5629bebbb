package io.drp.storage;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which requests a read-only account lets through, decided from the request alone. */
class ReadOnlyRequestsTest {

    private static final String ACCOUNT = "https://prod.blob.core.windows.net";

    private static String refusal(HttpMethod m, String pathAndQuery) {
        return ReadOnlyRequests.refusal("production", new HttpRequest(m, ACCOUNT + pathAndQuery));
    }

    @Test
    void readsGoThrough() {
        assertNull(refusal(HttpMethod.GET, "/orders?restype=container&comp=list&prefix=a"));
        assertNull(refusal(HttpMethod.GET, "/orders/a.txt"));
        assertNull(refusal(HttpMethod.HEAD, "/orders/a.txt"));
    }

    @Test
    void theUserDelegationKeyRequestGoesThrough() {
        // the one POST drp makes on a read-only account: it mints the key that signs a user-delegation read SAS
        assertNull(refusal(HttpMethod.POST, "/?restype=service&comp=userdelegationkey"));
        assertNull(refusal(HttpMethod.POST, "/devstoreaccount1/?comp=userdelegationkey&restype=service&sig=abc"));
    }

    @Test
    void everyWriteIsRefusedNamingTheRoleAndTheOperation() {
        String upload = refusal(HttpMethod.PUT, "/orders/a.txt");
        assertNotNull(upload);
        assertTrue(upload.contains("production") && upload.contains("PUT /orders/a.txt"), upload);
        String metadata = refusal(HttpMethod.PUT, "/orders/a.txt?comp=metadata");
        assertNotNull(metadata);
        assertTrue(metadata.contains("PUT /orders/a.txt?comp=metadata"), metadata);
        assertNotNull(refusal(HttpMethod.DELETE, "/orders/a.txt"));
        assertNotNull(refusal(HttpMethod.PUT, "/orders?restype=container"));
        assertNotNull(refusal(HttpMethod.PUT, "/orders/a.txt?comp=snapshot"));
        assertNotNull(refusal(HttpMethod.POST, "/?comp=batch"));
        assertNotNull(refusal(HttpMethod.POST, "/orders/a.txt?comp=query"));
        assertNotNull(refusal(HttpMethod.POST, "/?restype=service&comp=userdelegationkey&comp=batch"));
        assertNotNull(refusal(HttpMethod.PATCH, "/orders/a.txt"));
        assertNotNull(refusal(HttpMethod.OPTIONS, "/orders/a.txt"));
    }

    @Test
    void theRefusalNeverQuotesASasSignature() {
        String why = refusal(HttpMethod.DELETE, "/orders/a.txt?sv=2023-01-03&sp=rwdl&sig=SECRETSIG%3D&comp=x");
        assertNotNull(why);
        assertFalse(why.contains("SECRETSIG") || why.contains("sig="), why);
    }
}
