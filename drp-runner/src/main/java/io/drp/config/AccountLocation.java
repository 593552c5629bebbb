package io.drp.config;

/**
 * Where one storage account is and how to authenticate to it. Exactly one of {@code connectionString}
 * or {@code accountUrl}; an account URL without a SAS token authenticates with DefaultAzureCredential.
 * Secrets are only ever {@link Secret}s resolved from the environment.
 */
public record AccountLocation(Secret connectionString, String accountUrl, Secret sasToken) {

    public AccountLocation {
        if ((connectionString == null) == (accountUrl == null)) {
            throw new IllegalArgumentException("give exactly one of connectionString or accountUrl");
        }
        if (sasToken != null && accountUrl == null) {
            throw new IllegalArgumentException("sasToken goes with accountUrl, not with connectionString");
        }
    }

    public static AccountLocation ofConnectionString(Secret cs) {
        return new AccountLocation(cs, null, null);
    }

    /** A printable identity for reports: the account URL or the connection string's endpoint, never a key. */
    public String describe() {
        if (accountUrl != null) {
            return accountUrl;
        }
        return ConnectionStrings.endpointOf(connectionString.reveal());
    }
}
