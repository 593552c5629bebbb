package io.drp.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which storage account an {@link AccountLocation} really points at, however it is written: a connection string
 * (AccountName, BlobEndpoint, DefaultEndpointsProtocol + EndpointSuffix, UseDevelopmentStorage) or an account URL
 * (Azure's {@code https://name.blob.core.windows.net}, the emulator's path-style {@code http://127.0.0.1:PORT/name}).
 * Two spellings of one account must compare equal, or a drill's recovery role could be production under another name.
 *
 * @param endpoint the normalized blob endpoint ({@code scheme://host:port[/account]}), printable: it never holds a key
 * @param azureName the account name when the host is an Azure one ({@code name.blob.<suffix>}), else null
 * @param azureSuffix the host after {@code .blob.} ({@code core.windows.net}): names are unique within one cloud only
 */
public record AccountIdentity(String endpoint, String azureName, String azureSuffix) {

    /** The emulator's well-known development account, as {@code UseDevelopmentStorage=true} means. */
    static final String DEVELOPMENT_ENDPOINT = "http://127.0.0.1:10000/devstoreaccount1";

    /** Same account: same normalized endpoint, or, on Azure hosts, the same account name (e.g. its -secondary endpoint). */
    public boolean sameAccountAs(AccountIdentity other) {
        return endpoint.equals(other.endpoint)
                || azureName != null && azureName.equals(other.azureName) && azureSuffix.equals(other.azureSuffix);
    }

    /** Empty when the location's secret is deferred and unset: nothing to compare yet (the command that connects will resolve it). */
    public static Optional<AccountIdentity> of(AccountLocation a) {
        if (a.accountUrl() != null) return Optional.of(ofUrl(a.accountUrl()));
        if (!a.connectionString().available()) return Optional.empty();
        return Optional.of(ofConnectionString(a.connectionString().reveal()));
    }

    static AccountIdentity ofConnectionString(String cs) {
        Map<String, String> p = ConnectionStrings.parse(cs);
        if ("true".equalsIgnoreCase(p.get("usedevelopmentstorage"))) return ofUrl(DEVELOPMENT_ENDPOINT);
        if (p.containsKey("blobendpoint")) return ofUrl(p.get("blobendpoint"));
        String account = p.getOrDefault("accountname", "?");
        String protocol = p.getOrDefault("defaultendpointsprotocol", "https");
        String suffix = p.getOrDefault("endpointsuffix", "core.windows.net");
        return ofUrl(protocol + "://" + account + ".blob." + suffix);
    }

    static AccountIdentity ofUrl(String url) {
        URI u;
        try {
            u = new URI(url.trim());
        } catch (URISyntaxException e) {
            // not comparable as a URL: compare the text without its query, which may be a SAS
            String bare = url.trim().toLowerCase(Locale.ROOT);
            int q = bare.indexOf('?');
            return new AccountIdentity(q < 0 ? bare : bare.substring(0, q), null, null);
        }
        String scheme = u.getScheme() == null ? "https" : u.getScheme().toLowerCase(Locale.ROOT);
        String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
        int port = u.getPort() >= 0 ? u.getPort() : "http".equals(scheme) ? 80 : 443;
        String path = u.getPath() == null ? "" : u.getPath();
        if (isLoopbackOrIp(host)) {
            // path-style (the emulator, or an IP endpoint): the first path segment is the account
            String first = path.replaceFirst("^/+", "");
            int slash = first.indexOf('/');
            String account = (slash < 0 ? first : first.substring(0, slash)).toLowerCase(Locale.ROOT);
            return new AccountIdentity(scheme + "://" + (isLoopback(host) ? "127.0.0.1" : host) + ":" + port + "/" + account, null, null);
        }
        int blob = host.indexOf(".blob.");
        String azure = blob > 0 ? host.substring(0, blob).replaceFirst("-secondary$", "") : null;
        return new AccountIdentity(scheme + "://" + host + ":" + port, azure, blob > 0 ? host.substring(blob + 6) : null);
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("[::1]") || host.equals("::1") || host.startsWith("127.");
    }

    private static boolean isLoopbackOrIp(String host) {
        return isLoopback(host) || host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.startsWith("[");
    }

    /** For messages: the account and where it is, never a key or a SAS. */
    public String describe() {
        return (azureName != null ? azureName + " at " : "") + endpoint;
    }
}
