package io.drp.config;

import io.drp.digest.Sha256;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads {@code drp.yaml}. Validation is strict (unknown fields are errors) because a typo in an objectives
 * file otherwise silently weakens a drill: {@code rpo_minutes: 5} that nobody reads is worse than a failure.
 */
public final class ConfigLoader {

    static final Pattern ENV_REF = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern CONTAINER = Pattern.compile("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]");
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    private static final long MAX_CONFIG_BYTES = 1024 * 1024;

    private final Function<String, String> env;
    private final boolean resolveSecrets;

    /** For commands that connect: every secret is resolved now, so a missing variable stops them before anything runs. */
    public ConfigLoader() {
        this(System::getenv);
    }

    /** @param env environment lookup, injectable so tests need not mutate the process environment */
    public ConfigLoader(Function<String, String> env) {
        this(env, true);
    }

    private ConfigLoader(Function<String, String> env, boolean resolveSecrets) {
        this.env = env;
        this.resolveSecrets = resolveSecrets;
    }

    /**
     * For commands that never connect (validate, assess, history): secrets are checked for form but read
     * only at first use, and an unset variable is a warning rather than an error.
     */
    public static ConfigLoader withoutSecrets() {
        return withoutSecrets(System::getenv);
    }

    public static ConfigLoader withoutSecrets(Function<String, String> env) {
        return new ConfigLoader(env, false);
    }

    public DrpConfig load(Path file) {
        String label = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new ConfigException(label, 0, "", "is a directory; pass the objectives file, e.g. --config drp.yaml");
            }
            if (Files.size(file) > MAX_CONFIG_BYTES) {
                throw new ConfigException(label, 0, "", "is larger than 1 MiB; this is not an objectives file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(label, 0, "", "file not found; pass --config <file> or create drp.yaml (see examples/drp.yaml)");
        } catch (AccessDeniedException e) {
            throw new ConfigException(label, 0, "", "cannot be read (permission denied); check the file's permissions");
        } catch (IOException e) {
            throw new ConfigException(label, 0, "", "cannot be read (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "); check the file and the disk");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(label, 0, "", "is not UTF-8 text; save it as UTF-8");
        }
        return parse(label, file, text, sha256(bytes));
    }

    /** Parses text as if read from {@code label}; used by tests and the fuzzer. */
    public DrpConfig parse(String label, Path file, String text, String sha256) {
        YamlTree root = YamlTree.parse(label, text);
        Map<String, YamlTree> top = root.mapping(Set.of("version", "storage", "backup", "recovery", "services", "drill", "ledger", "watch", "sla", "plans"));
        List<ConfigWarning> warnings = new ArrayList<>();

        YamlTree version = require(root, top, "version");
        if (version.longValue(1, 1) != 1) {
            throw version.error("unsupported version; this drp reads version 1");
        }
        Optional<StorageConfig> storage = Optional.ofNullable(top.get("storage")).map(n -> storage(n, warnings));
        BackupConfig backup = backup(require(root, top, "backup"), file);
        RecoveryConfig recovery = top.containsKey("recovery") ? RecoverySection.parse(top.get("recovery"), file)
                : new RecoveryConfig(RecoveryConfig.Kind.LOCAL, "recovery", null);
        List<ServiceConfig> services = ServicesSection.parse(require(root, top, "services"), backup, warnings);
        DrillConfig drill = top.containsKey("drill") ? DrillSection.parse(top.get("drill"), services, n -> secret(n, warnings))
                : new DrillConfig(null, 8, Path.of("drill-reports"), true);
        LedgerConfig ledger = top.containsKey("ledger") ? LedgerSection.parse(top.get("ledger"), file) : LedgerConfig.defaults();
        for (ServiceConfig s : services) {
            for (String c : s.containers()) {
                if (c.equals(backup.container())) {
                    throw require(root, top, "backup").error("backup.container '" + c
                            + "' is also a production container of service " + s.name() + "; backups must live apart from the data");
                }
            }
        }
        WatchConfig watch = top.containsKey("watch") ? WatchSection.parse(top.get("watch"), n -> secret(n, warnings), services) : WatchConfig.defaults();
        ServiceHours hours = top.containsKey("sla") ? ServiceHoursSection.parse(top.get("sla")) : ServiceHours.plansDefault();
        Path configDir = file == null || file.toAbsolutePath().getParent() == null ? Path.of("").toAbsolutePath() : file.toAbsolutePath().getParent();
        List<RecoveryPlan> plans = top.containsKey("plans") ? PlansSection.parse(top.get("plans"), services, configDir, n -> secret(n, warnings)) : List.of();
        return new DrpConfig(file, sha256, storage, backup, recovery, services, drill, ledger, warnings, watch, hours, plans);
    }

    static YamlTree require(YamlTree parent, Map<String, YamlTree> fields, String name) {
        YamlTree t = fields.get(name);
        if (t == null || t.isNull()) {
            String path = parent.path().isEmpty() ? name : parent.path() + "." + name;
            throw new ConfigException(parent.file(), parent.line(), path, "is required");
        }
        return t;
    }

    private StorageConfig storage(YamlTree node, List<ConfigWarning> warnings) {
        Map<String, YamlTree> m = node.mapping(Set.of("production", "backup", "recovery"));
        List<String> roles = List.of("production", "backup", "recovery");
        List<AccountLocation> accounts = new ArrayList<>();
        for (String role : roles) accounts.add(account(require(node, m, role), warnings));
        // the edge of every command: a drill's writes go to recovery, so recovery must not be production under another spelling
        AccountRoles.firstClash(accounts).ifPresent(c -> {
            throw m.get(roles.get(c.later())).error("is the same storage account as storage." + roles.get(c.earlier()) + " ("
                    + c.account() + "); production, backup and recovery must be three different accounts: point storage."
                    + roles.get(c.later()) + " at its own account");
        });
        return new StorageConfig(accounts.get(0), accounts.get(1), accounts.get(2));
    }

    private AccountLocation account(YamlTree node, List<ConfigWarning> warnings) {
        Map<String, YamlTree> m = node.mapping(Set.of("connectionString", "accountUrl", "sasToken"));
        Secret cs = m.containsKey("connectionString") ? secret(m.get("connectionString"), warnings) : null;
        String url = m.containsKey("accountUrl") ? m.get("accountUrl").nonBlank() : null;
        Secret sas = m.containsKey("sasToken") ? secret(m.get("sasToken"), warnings) : null;
        if (url != null && !url.startsWith("https://") && !url.startsWith("http://127.0.0.1") && !url.startsWith("http://localhost")) {
            throw m.get("accountUrl").error("must be an https:// URL (plain http is only accepted on loopback, for the emulator)");
        }
        try {
            return new AccountLocation(cs, url, sas);
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    /** Secrets may only be references to environment variables: a key committed to Git is a key leaked. */
    private Secret secret(YamlTree node, List<ConfigWarning> warnings) {
        String raw = node.nonBlank();
        Matcher m = ENV_REF.matcher(raw);
        if (!m.matches()) {
            throw node.error("secrets are not allowed in the file; write ${env:VARIABLE} and export the value in that variable");
        }
        String var = m.group(1);
        Secret secret = Secret.deferred(var, env, node.error("environment variable " + var + " is not set; export it before running drp"));
        if (resolveSecrets) {
            secret.reveal();
        } else if (!secret.available()) {
            warnings.add(new ConfigWarning(node.file(), node.line(), node.path(), "environment variable " + var
                    + " is not set; commands that connect (backup, drill, restore) will refuse to run until it is exported"));
        }
        return secret;
    }

    private BackupConfig backup(YamlTree node, Path file) {
        Map<String, YamlTree> m = node.mapping(Set.of("container", "fullEvery", "incrementalEvery", "retainChains", "parallelism",
                "consistency", "signing"));
        String container = containerName(require(node, m, "container"));
        Duration full = m.containsKey("fullEvery") ? m.get("fullEvery").convert(Durations::parsePositive) : BackupConfig.DEFAULT_FULL_EVERY;
        Duration incr = m.containsKey("incrementalEvery") ? m.get("incrementalEvery").convert(Durations::parsePositive) : null;
        if (incr != null && incr.compareTo(full) >= 0) {
            throw m.get("incrementalEvery").error("must be shorter than fullEvery (" + Durations.format(full) + "), or be removed");
        }
        int retain = m.containsKey("retainChains") ? (int) m.get("retainChains").longValue(1, 10_000) : 7;
        int par = m.containsKey("parallelism") ? (int) m.get("parallelism").longValue(1, 256) : 8;
        BackupConfig.Consistency consistency = BackupConfig.Consistency.SNAPSHOT;
        if (m.containsKey("consistency")) {
            String v = m.get("consistency").nonBlank();
            consistency = switch (v) {
                case "snapshot" -> BackupConfig.Consistency.SNAPSHOT;
                case "fuzzy" -> BackupConfig.Consistency.FUZZY;
                case "version" -> BackupConfig.Consistency.VERSION;
                default -> throw m.get("consistency").error("'" + v + "' is not a consistency mode; use snapshot (the default), version or fuzzy");
            };
        }
        return new BackupConfig(container, full, incr, retain, par, consistency,
                BackupSigningSection.parse(m.get("signing"), file, env, resolveSecrets));
    }

    static String containerName(YamlTree node) {
        String c = node.nonBlank();
        if (!CONTAINER.matcher(c).matches()) {
            throw node.error("'" + c + "' is not a valid container name; use 3-63 lowercase letters, digits and single hyphens");
        }
        return c;
    }

    static String sha256(byte[] bytes) {
        return Sha256.of(bytes);
    }
}
