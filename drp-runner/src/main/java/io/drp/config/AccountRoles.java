package io.drp.config;

import java.util.List;
import java.util.Optional;

/**
 * Production, backup and recovery must be three different storage accounts: a drill writes only to recovery and
 * reads the other two, so if two roles are one account the drill's writes land in production or in the backups.
 * Checked where drp.yaml is loaded and again whenever a {@link StorageConfig} is built, so no path can skip it.
 */
public final class AccountRoles {

    /** Roles {@code earlier} and {@code later} (indexes into the list given) are the same account, {@code account}. */
    public record Clash(int earlier, int later, String account) {}

    private AccountRoles() {}

    /** The first pair of locations that name one account; locations whose secret is not resolvable yet are skipped. */
    public static Optional<Clash> firstClash(List<AccountLocation> locations) {
        List<Optional<AccountIdentity>> ids = locations.stream().map(AccountIdentity::of).toList();
        for (int later = 1; later < ids.size(); later++) {
            for (int earlier = 0; earlier < later; earlier++) {
                Optional<AccountIdentity> a = ids.get(earlier), b = ids.get(later);
                if (a.isPresent() && b.isPresent() && a.get().sameAccountAs(b.get())) {
                    return Optional.of(new Clash(earlier, later, b.get().describe()));
                }
            }
        }
        return Optional.empty();
    }
}
