package io.drp.storage;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.UserDelegationKey;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Lets another account's storage service read one blob of this account: a URL carrying a short-lived SAS that
 * grants read on that blob only. Server-side copy needs it, because the destination's service fetches the
 * bytes itself and our own credential never leaves this process. Minting is local (an HMAC) except for the
 * one user-delegation key a token credential needs, which is fetched once and reused while it is valid.
 * The URL is a secret: it goes into the copy request's header and nowhere else.
 */
public abstract sealed class ReadGrant {

    /** How the SAS is signed, for the report ("service SAS (account key)"); never the SAS itself. */
    public abstract String kind();

    /** The blob's URL with a read-only SAS valid for {@code ttl} from now. */
    public abstract String readUrl(String container, String blob, Duration ttl);

    /** Signs with the account key: a service SAS. */
    static ReadGrant sharedKey(BlobServiceClient keyed, Clock clock) {
        return new SharedKey(keyed, clock);
    }

    /** Signs with a user-delegation key obtained through the token credential the client was built with. */
    static ReadGrant userDelegation(BlobServiceClient tokenClient, Clock clock) {
        return new UserDelegation(tokenClient, clock);
    }

    static BlobServiceSasSignatureValues readOnly(OffsetDateTime expiry) {
        return new BlobServiceSasSignatureValues(expiry, new BlobSasPermission().setReadPermission(true));
    }

    private static final class SharedKey extends ReadGrant {
        private final BlobServiceClient keyed;
        private final Clock clock;

        SharedKey(BlobServiceClient keyed, Clock clock) {
            this.keyed = keyed;
            this.clock = clock;
        }

        @Override
        public String kind() {
            return "service SAS (account key)";
        }

        @Override
        public String readUrl(String container, String blob, Duration ttl) {
            var b = keyed.getBlobContainerClient(container).getBlobClient(blob);
            return b.getBlobUrl() + "?" + b.generateSas(readOnly(OffsetDateTime.now(clock).plus(ttl)));
        }
    }

    private static final class UserDelegation extends ReadGrant {
        /** Azure caps a user-delegation key at 7 days; a day covers any run, and a new key is fetched before it ends. */
        private static final Duration KEY_LIFE = Duration.ofDays(1);
        private final BlobServiceClient client;
        private final Clock clock;
        private UserDelegationKey key;
        private OffsetDateTime keyExpiry;

        UserDelegation(BlobServiceClient client, Clock clock) {
            this.client = client;
            this.clock = clock;
        }

        @Override
        public String kind() {
            return "user-delegation SAS (token credential)";
        }

        @Override
        public String readUrl(String container, String blob, Duration ttl) {
            OffsetDateTime expiry = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).plus(ttl);
            var b = client.getBlobContainerClient(container).getBlobClient(blob);
            return b.getBlobUrl() + "?" + b.generateUserDelegationSas(readOnly(expiry), keyValidUntil(expiry));
        }

        private synchronized UserDelegationKey keyValidUntil(OffsetDateTime sasExpiry) {
            if (key == null || keyExpiry.isBefore(sasExpiry)) {
                OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
                keyExpiry = now.plus(KEY_LIFE);
                // a few minutes back: the service's clock may run behind ours
                key = client.getUserDelegationKey(now.minusMinutes(5), keyExpiry);
            }
            return key;
        }
    }
}
