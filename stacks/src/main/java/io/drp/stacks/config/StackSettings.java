package io.drp.stacks.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Validated configuration of one stack (keys under the {@code drp:} namespace of Pulumi.&lt;stack&gt;.yaml).
 * Read from a plain key lookup so the same validation runs under {@code pulumi up}, the mock engine and
 * {@code drp plan}.
 *
 * @param region          where this stack's resources go ({@code drp:region})
 * @param pairedRegion    the other side: production's recovery region, or recovery's production region
 * @param productionStack recovery only: the fully qualified production stack to read backups from
 * @param appImage        the application tier's container image ({@code drp:appImage})
 * @param drillPrincipalId   recovery only: the Entra object id of the identity that runs drills, granted Storage Blob
 *                           Data Contributor on the recovery data account ({@code drp:drillPrincipalId}); null grants nothing
 * @param drillPrincipalType what that object is ({@code drp:drillPrincipalType}): User, Group, ServicePrincipal (default),
 *                           ForeignGroup or Device
 */
public record StackSettings(
        StackRole role,
        String namePrefix,
        String region,
        String pairedRegion,
        Tier tier,
        List<String> dataContainers,
        String backupContainer,
        int backupRetentionDays,
        int backupEveryMinutes,
        int softDeleteDays,
        String alertEmail,
        String observabilityUrl,
        String productionStack,
        String recoverySku,
        String appImage,
        String drillPrincipalId,
        String drillPrincipalType) {

    private static final Pattern REGION = Pattern.compile("[a-z][a-z0-9]{2,30}");
    private static final Pattern CONTAINER = Pattern.compile("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]");
    /** A placeholder that answers HTTP, so a stack without drp:appImage still deploys and probes. */
    public static final String DEFAULT_APP_IMAGE = "mcr.microsoft.com/appsvc/staticsite:latest";
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]{1,9}");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Azure's principal types, spelt as role assignments take them. */
    public static final List<String> PRINCIPAL_TYPES = List.of("User", "Group", "ServicePrincipal", "ForeignGroup", "Device");

    public StackSettings {
        if (region == null || region.isBlank()) throw new StackConfigException("region", "is required; set it with `pulumi config set drp:region francecentral`");
        if (!REGION.matcher(region).matches()) throw new StackConfigException("region", "'" + region + "' is not an Azure region name such as francecentral");
        if (pairedRegion == null || pairedRegion.isBlank()) throw new StackConfigException("pairedRegion", "is required: the region of the other side (recovery for production, production for recovery)");
        if (!REGION.matcher(pairedRegion).matches()) throw new StackConfigException("pairedRegion", "'" + pairedRegion + "' is not an Azure region name");
        if (region.equals(pairedRegion)) {
            throw new StackConfigException("pairedRegion", "the recovery region must differ from the production region (both are " + region + "); a regional disaster would take both");
        }
        if (!PREFIX.matcher(namePrefix).matches()) throw new StackConfigException("namePrefix", "'" + namePrefix + "' must be 2-10 lowercase letters or digits, starting with a letter");
        if (dataContainers.isEmpty()) throw new StackConfigException("dataContainers", "list at least one application data container");
        for (String c : dataContainers) {
            if (!CONTAINER.matcher(c).matches()) throw new StackConfigException("dataContainers", "'" + c + "' is not a valid container name");
        }
        if (!CONTAINER.matcher(backupContainer).matches()) throw new StackConfigException("backupContainer", "'" + backupContainer + "' is not a valid container name");
        if (backupRetentionDays < 1 || backupRetentionDays > 146_000) throw new StackConfigException("backupRetentionDays", "must be between 1 and 146000 days");
        if (backupEveryMinutes < 1) throw new StackConfigException("backupEvery", "must be at least 1 minute");
        if (softDeleteDays < 1 || softDeleteDays > 365) throw new StackConfigException("softDeleteDays", "must be between 1 and 365 days");
        if (role == StackRole.RECOVERY && (productionStack == null || productionStack.isBlank())) {
            throw new StackConfigException("productionStack", "is required on the recovery stack, e.g. myorg/drp/production, to read the backup account");
        }
        if (appImage == null || appImage.isBlank() || appImage.chars().anyMatch(Character::isWhitespace)) {
            throw new StackConfigException("appImage", "must be a container image reference such as myregistry.azurecr.io/orders:4.2");
        }
        if (drillPrincipalId != null) {
            // Azure would only refuse a malformed id mid-update, after the rest of the stack was built
            if (!GUID.matcher(drillPrincipalId).matches()) {
                throw new StackConfigException("drillPrincipalId", "'" + drillPrincipalId + "' is not an object id (a GUID such as 00000000-0000-0000-0000-000000000000); find it with `az ad sp show --id <app id> --query id`");
            }
            if (role != StackRole.RECOVERY) throw new StackConfigException("drillPrincipalId", "only the recovery stack grants the drill's identity; remove it from this stack");
        }
        drillPrincipalType = drillPrincipalType == null ? "ServicePrincipal" : drillPrincipalType;
        String type = drillPrincipalType;
        drillPrincipalType = PRINCIPAL_TYPES.stream().filter(t -> t.equalsIgnoreCase(type.trim())).findFirst()
                .orElseThrow(() -> new StackConfigException("drillPrincipalType", "'" + type + "' is not one of " + String.join(", ", PRINCIPAL_TYPES)));
        dataContainers = List.copyOf(dataContainers);
    }

    /** Reads and validates; {@code get} returns the value of a {@code drp:} key without the namespace. */
    public static StackSettings from(String stackName, Function<String, Optional<String>> get) {
        StackRole role = get.apply("role").map(r -> switch (r.trim().toLowerCase(Locale.ROOT)) {
            case "production" -> StackRole.PRODUCTION;
            case "recovery" -> StackRole.RECOVERY;
            default -> throw new StackConfigException("role", "'" + r + "' is not a role; use production or recovery");
        }).orElseGet(() -> switch (stackName.toLowerCase(Locale.ROOT)) {
            case "production", "prod" -> StackRole.PRODUCTION;
            case "recovery", "dr" -> StackRole.RECOVERY;
            default -> throw new StackConfigException("role", "stack '" + stackName + "' is neither production nor recovery; set drp:role");
        });
        Tier tier = Tier.parse(get.apply("tier").orElse("standard"));
        List<String> containers = Arrays.stream(get.apply("dataContainers").orElse("").split("[,\\s\\[\\]\"]+"))
                .filter(s -> !s.isBlank()).toList();
        return new StackSettings(role,
                get.apply("namePrefix").orElse("drp"),
                get.apply("region").orElse(null),
                get.apply("pairedRegion").orElse(null),
                tier,
                containers,
                get.apply("backupContainer").orElse("drp-backups"),
                integer(get, "backupRetentionDays", 35),
                minutes(get, "backupEvery", tier.rpoMinutes),
                integer(get, "softDeleteDays", 14),
                get.apply("alertEmail").orElse("ops@example.com"),
                get.apply("observabilityUrl").orElse(null),
                get.apply("productionStack").orElse(null),
                get.apply("recoverySku").orElse(tier.recoverySku),
                get.apply("appImage").orElse(DEFAULT_APP_IMAGE),
                get.apply("drillPrincipalId").map(String::trim).filter(v -> !v.isEmpty()).orElse(null),
                get.apply("drillPrincipalType").orElse(null));
    }

    private static int integer(Function<String, Optional<String>> get, String key, int dflt) {
        return get.apply(key).map(v -> {
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new StackConfigException(key, "'" + v + "' is not a whole number");
            }
        }).orElse(dflt);
    }

    private static int minutes(Function<String, Optional<String>> get, String key, int dflt) {
        return get.apply(key).map(v -> {
            String s = v.trim().toLowerCase(Locale.ROOT);
            try {
                if (s.endsWith("m")) return Integer.parseInt(s.substring(0, s.length() - 1));
                if (s.endsWith("h")) return 60 * Integer.parseInt(s.substring(0, s.length() - 1));
                if (s.endsWith("d")) return 1440 * Integer.parseInt(s.substring(0, s.length() - 1));
            } catch (NumberFormatException ignored) {
                // fall through to the message
            }
            throw new StackConfigException(key, "'" + v + "' is not a duration such as 15m, 1h or 1d");
        }).orElse(dflt);
    }

    /** The four tags every resource carries. */
    public java.util.Map<String, String> tags(String drpRole) {
        return java.util.Map.of("drp:role", drpRole, "drp:tier", tier.label(), "drp:rto", tier.rto, "drp:rpo", tier.rpo);
    }

    /** Web app names are global DNS labels: 2-60 lowercase letters, digits and hyphens. */
    public String appName() {
        return (namePrefix + "-app-" + (role == StackRole.PRODUCTION ? "p" : "r") + "-" + region).replaceAll("[^a-z0-9-]", "");
    }

    /** Storage account names are global, 3-24 lowercase alphanumerics. */
    public String accountName(String purpose) {
        String n = (namePrefix + purpose + (role == StackRole.PRODUCTION ? "p" : "r")).replaceAll("[^a-z0-9]", "");
        return n.length() > 24 ? n.substring(0, 24) : n;
    }
}
