package io.drp.storage;

import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.common.sas.AccountSasPermission;
import com.azure.storage.common.sas.AccountSasResourceType;
import com.azure.storage.common.sas.AccountSasService;
import com.azure.storage.common.sas.AccountSasSignatureValues;
import io.drp.config.AccountLocation;
import io.drp.config.ConnectionStrings;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Opens storage accounts. All clients share one JDK HTTP client, one retry policy (exponential backoff,
 * handled by the SDK) and one {@link TransientRetryCounter}.
 */
public final class StorageConnector {

    private final HttpClient httpClient;
    private final RequestRetryOptions retryOptions;
    private final TransientRetryCounter retryCounter = new TransientRetryCounter();
    private final List<HttpPipelinePolicy> policies;

    public StorageConnector() {
        this(defaultRetryOptions());
    }

    public StorageConnector(RequestRetryOptions retryOptions) {
        this(retryOptions, new JdkHttpClientBuilder().connectionTimeout(Duration.ofSeconds(10)).build());
    }

    /** @param httpClient the transport; tests wrap the real one to inject network faults */
    public StorageConnector(RequestRetryOptions retryOptions, HttpClient httpClient) {
        this(retryOptions, httpClient, List.of());
    }

    /** @param policies added to every client's pipeline after drp's own; tests count requests with one */
    public StorageConnector(RequestRetryOptions retryOptions, HttpClient httpClient, List<HttpPipelinePolicy> policies) {
        this.httpClient = httpClient;
        this.retryOptions = retryOptions;
        this.policies = List.copyOf(policies);
    }

    /** The default JDK transport, for callers that wrap it. */
    public static HttpClient defaultHttpClient() {
        return new JdkHttpClientBuilder().connectionTimeout(Duration.ofSeconds(10)).build();
    }

    /** Five tries, 0.5 s doubling to 8 s, 60 s per try: rides out throttling and short blips of a real account. */
    public static RequestRetryOptions defaultRetryOptions() {
        return new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 5, Duration.ofSeconds(60),
                Duration.ofMillis(500), Duration.ofSeconds(8), null);
    }

    public TransientRetryCounter retryCounter() {
        return retryCounter;
    }

    public StorageAccount open(String role, AccountLocation location) {
        return new StorageAccount(role, location.describe(), builder(location).buildClient(), false, false);
    }

    /**
     * Opens an account for reading only. With a shared key we mint a short-lived account SAS limited to
     * read and list, so even a bug in drp cannot write production or backups during a drill: the service
     * refuses. With a SAS token or Azure AD we cannot narrow the grant ourselves. Whatever the credential,
     * {@link ReadOnlyRequests} refuses every write before it is sent; {@code serverEnforced} says whether the
     * service would refuse it as well, and the report says when it would not.
     */
    public StorageAccount openReadOnly(String role, AccountLocation location) {
        String sas = location.connectionString() == null ? null : narrowedSas(location, "rl");
        if (sas != null) {
            // the keyed client only signs read SAS URLs, locally; it gets the policy all the same
            BlobServiceClient keyed = builder(location).addPolicy(new ReadOnlyRequests(role)).buildClient();
            BlobServiceClient client = common(new BlobServiceClientBuilder())
                    .endpoint(keyed.getAccountUrl())
                    .sasToken(sas)
                    .addPolicy(new ReadOnlyRequests(role))
                    .buildClient();
            return new StorageAccount(role, location.describe(), client, true, true, ReadGrant.sharedKey(keyed, Clock.systemUTC()));
        }
        BlobServiceClient client = builder(location).addPolicy(new ReadOnlyRequests(role)).buildClient();
        boolean token = location.connectionString() == null && location.sasToken() == null;
        return new StorageAccount(role, location.describe(), client, true, false,
                token ? ReadGrant.userDelegation(client, Clock.systemUTC()) : null);
    }

    /**
     * Opens production for a snapshot-mode backup: read and list, plus taking and deleting snapshots. With a shared
     * key the SAS drp mints grants exactly read, list, create and delete; with any credential, {@link SnapshotOnlyWrites}
     * refuses every other write before it is sent.
     */
    public StorageAccount openForSnapshots(String role, AccountLocation location) {
        String sas = location.connectionString() == null ? null : narrowedSas(location, "rlcd");
        BlobServiceClientBuilder b = sas == null ? builder(location)
                : common(new BlobServiceClientBuilder()).endpoint(builder(location).buildClient().getAccountUrl()).sasToken(sas);
        return new StorageAccount(role, location.describe(), b.addPolicy(new SnapshotOnlyWrites()).buildClient(), true, sas != null);
    }

    /** An account SAS with exactly these permissions, or null when the connection string has no key to sign it. */
    private String narrowedSas(AccountLocation location, String permissions) {
        Map<String, String> cs = ConnectionStrings.parse(location.connectionString().reveal());
        if (cs.get("accountkey") == null || cs.get("accountname") == null) return null;
        return builder(location).buildClient().generateAccountSas(new AccountSasSignatureValues(
                OffsetDateTime.now(ZoneOffset.UTC).plusHours(12), AccountSasPermission.parse(permissions),
                new AccountSasService().setBlobAccess(true),
                new AccountSasResourceType().setService(true).setContainer(true).setObject(true)));
    }

    private BlobServiceClientBuilder builder(AccountLocation location) {
        BlobServiceClientBuilder b = common(new BlobServiceClientBuilder());
        if (location.connectionString() != null) {
            return b.connectionString(location.connectionString().reveal());
        }
        b.endpoint(location.accountUrl());
        if (location.sasToken() != null) {
            return b.sasToken(location.sasToken().reveal());
        }
        return b.credential(new DefaultAzureCredentialBuilder().build());
    }

    private BlobServiceClientBuilder common(BlobServiceClientBuilder b) {
        b.httpClient(httpClient).retryOptions(retryOptions).addPolicy(retryCounter);
        policies.forEach(b::addPolicy);
        return b;
    }
}
