package io.drp.storage;

import com.azure.storage.blob.BlobClient;
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

    /** Signs the SAS: built with the account key, or with the token credential. */
    final BlobServiceClient client;
    final Clock clock;
    private final String kind;

    private ReadGrant(BlobServiceClient client, Clock clock, String kind) {
        this.client = client;
        this.clock = clock;
        this.kind = kind;
    }

    /** How the SAS is signed, for the report ("service SAS (account key)"); never the SAS itself. */
    public String kind() {
        return kind;
    }

    /** The blob's URL with a read-only SAS valid for {@code ttl} from now. */
    public final String readUrl(String container, String blob, Duration ttl) {
        BlobClient b = client.getBlobContainerClient(container).getBlobClient(blob);
        OffsetDateTime expiry = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).plus(ttl);
        return b.getBlobUrl() + "?" + sign(b, new BlobServiceSasSignatureValues(expiry, new BlobSasPermission().setReadPermission(true)));
    }

    abstract String sign(BlobClient blob, BlobServiceSasSignatureValues values);

    /** Signs with the account key: a service SAS. */
    static ReadGrant sharedKey(BlobServiceClient keyed, Clock clock) {
        return new SharedKey(keyed, clock);
    }

    /** Signs with a user-delegation key obtained through the token credential the client was built with. */
    static ReadGrant userDelegation(BlobServiceClient tokenClient, Clock clock) {
        return new UserDelegation(tokenClient, clock);
    }

    private static final class SharedKey extends ReadGrant {
        SharedKey(BlobServiceClient keyed, Clock clock) {
            super(keyed, clock, "service SAS (account key)");
        }

        @Override
        String sign(BlobClient blob, BlobServiceSasSignatureValues values) {
            return blob.generateSas(values);
        }
    }

    private static final class UserDelegation extends ReadGrant {
        /** Azure caps a user-delegation key at 7 days; a day covers any run, and a new key is fetched before it ends. */
        private static final Duration KEY_LIFE = Duration.ofDays(1);
        private UserDelegationKey key;
        private OffsetDateTime keyExpiry;

        UserDelegation(BlobServiceClient client, Clock clock) {
            super(client, clock, "user-delegation SAS (token credential)");
        }

        @Override
        String sign(BlobClient blob, BlobServiceSasSignatureValues values) {
            return blob.generateUserDelegationSas(values, keyValidUntil(values.getExpiryTime()));
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
