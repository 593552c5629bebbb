package io.drp.config;

import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property: for every generated drp.yaml, the editor schema and the loader agree, accepts and rejects alike.
 * Files are built as a random valid configuration, then mutated at random places with values drawn from
 * both sides of each rule (durations, ranges, names, enums, secrets, account shapes, unknown and missing
 * fields, wrong node kinds). Only the cross-field rules the schema cannot express are left alone; the
 * schema's $comment lists them. The seed is fixed so a failure reproduces, and the failing file is printed.
 */
class ConfigSchemaFuzzTest {

    private static final int CASES = 2500;
    private static final List<Object> DURATIONS = List.of("30m", "4h", "1d", "1w", "90s", "500ms", "1h30m", "0m30s", "4H", "PT4H", "pt30m",
            "P1D", "PT1H30M", "0s", "00m", "-5m", "PT0S", "P0D", "PT", "4x", "10", "", "h", 30, 1.5);
    private static final List<Object> COUNTS = List.of(0, 1, 7, 256, 257, 10000, 10001, 36500, 36501, -1, 1.5, "many", "");
    private static final List<Object> SECRETS = List.of("${env:DRP_X}", "${env:_Y2}", "${env:1BAD}", "$env:DRP_X", "AccountKey=abc", "${env:}", "");
    private static final List<Object> URLS = List.of("https://a.blob.core.windows.net", "http://127.0.0.1:10000/devstoreaccount1",
            "http://localhost:10000", "http://a.blob.core.windows.net", "ftp://x", "");
    private static final List<Object> NAMES = List.of("orders", "svc_2", "a.b-c", "Z", "bad name", "-lead", "", "x".repeat(63), "x".repeat(64));
    private static final List<Object> TEXTS = List.of("drill-reports", ".drp/ledger", "recovery", "", " ");

    private final Random random = new Random(20261124L);
    private int containerSeq;

    @Test
    void theSchemaAndTheLoaderAcceptExactlyTheSameFiles() {
        Dump dump = new Dump(DumpSettings.builder().build());
        ConfigLoader loader = ConfigLoader.withoutSecrets(k -> null);
        int accepted = 0;
        for (int i = 0; i < CASES; i++) {
            Map<String, Object> doc = validConfig();
            int mutations = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(2);
            for (int m = 0; m < mutations; m++) mutate(doc);
            String yaml = dump.dumpToString(doc);
            boolean loads;
            String why;
            try {
                loader.parse("fuzz.yaml", Path.of("fuzz.yaml"), yaml, "0".repeat(64));
                loads = true;
                why = "loaded";
            } catch (ConfigException e) {
                loads = false;
                why = e.getMessage();
            }
            Set<?> problems = ConfigSchema.validate(yaml);
            assertEquals(loads, problems.isEmpty(), "case " + i + ": loader says '" + why + "', schema says " + problems + " for\n" + yaml);
            if (loads) accepted++;
        }
        System.out.printf("[figures] config schema fuzz: %d files, %d accepted by both, %d rejected by both%n", CASES, accepted, CASES - accepted);
        assertTrue(accepted > CASES / 5 && accepted < CASES * 4 / 5, "the generator must exercise both sides: " + accepted + " accepted");
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private String container() {
        return "c" + (containerSeq++) + "-data";
    }

    private Map<String, Object> validConfig() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", 1);
        if (random.nextBoolean()) {
            Map<String, Object> storage = new LinkedHashMap<>();
            for (String role : List.of("production", "backup", "recovery")) storage.put(role, account(role));
            doc.put("storage", storage);
        }
        Map<String, Object> backup = new LinkedHashMap<>();
        backup.put("container", "drp-backups");
        if (random.nextBoolean()) backup.put("fullEvery", "24h");
        if (random.nextBoolean()) backup.put("incrementalEvery", pick(List.of("1h", "15m", "PT30M")));
        if (random.nextBoolean()) backup.put("retainChains", 1 + random.nextInt(30));
        if (random.nextBoolean()) backup.put("parallelism", 1 + random.nextInt(256));
        doc.put("backup", backup);
        if (random.nextBoolean()) {
            Map<String, Object> recovery = new LinkedHashMap<>();
            if (random.nextBoolean()) recovery.put("target", pick(List.of("local", "pulumi")));
            if (random.nextBoolean()) recovery.put("stack", "recovery");
            if (random.nextBoolean()) recovery.put("stackConfig", "Pulumi.recovery.yaml");
            if (random.nextBoolean()) recovery.put("pulumiWorkDir", "stacks");
            doc.put("recovery", recovery);
        }
        Map<String, Object> services = new LinkedHashMap<>();
        List<String> scenarios = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int s = 0; s < n; s++) {
            Map<String, Object> svc = new LinkedHashMap<>();
            List<Object> containers = new ArrayList<>();
            int c = 1 + random.nextInt(2);
            for (int k = 0; k < c; k++) containers.add(container());
            svc.put("containers", containers);
            Map<String, Object> objectives = new LinkedHashMap<>();
            String scenario = pick(List.of("region-outage", "app-failure", "vm.failure_2", "level-1", "level-2", "level-3"));
            Map<String, Object> o = new LinkedHashMap<>();
            // a level's fields are each optional (the plan's defaults), a custom scenario's rto and rpo are not
            boolean level = scenario.startsWith("level-");
            if (!level || random.nextBoolean()) o.put("rto", pick(List.of("30m", "4h", "PT1H")));
            if (!level || random.nextBoolean()) o.put("rpo", pick(List.of("1h", "24h", "15m")));
            if (random.nextBoolean()) o.put("maxLostObjects", random.nextInt(100));
            objectives.put(scenario, o);
            // services may omit objectives altogether: the built-in levels apply
            if (random.nextInt(5) > 0) {
                svc.put("objectives", objectives);
                scenarios.add(scenario);
            }
            if (random.nextBoolean()) svc.put("slo", pick(List.of(99.9, 99.0, 95.5)));
            services.put("svc" + s, svc);
        }
        doc.put("services", services);
        if (random.nextBoolean()) {
            Map<String, Object> drill = new LinkedHashMap<>();
            if (random.nextBoolean()) drill.put("scenario", scenarios.isEmpty() ? "level-3" : pick(scenarios));
            if (random.nextBoolean()) drill.put("parallelism", 1 + random.nextInt(256));
            if (random.nextBoolean()) drill.put("reportDir", "drill-reports");
            if (random.nextBoolean()) drill.put("verify", pick(List.of("full", "metadata")));
            if (random.nextBoolean()) drill.put("maxAge", pick(List.of("7d", "1w", "36h")));
            if (random.nextBoolean()) {
                Map<String, Object> notify = new LinkedHashMap<>();
                notify.put("webhook", "${env:DRP_WEBHOOK_URL}");
                if (random.nextBoolean()) notify.put("on", new ArrayList<>(List.of("FAILED", "aborted")));
                drill.put("notify", notify);
            }
            doc.put("drill", drill);
        }
        if (random.nextBoolean()) {
            Map<String, Object> ledger = new LinkedHashMap<>();
            if (random.nextBoolean()) ledger.put("dir", ".drp/ledger");
            if (random.nextBoolean()) ledger.put("container", "drp-ledger");
            if (random.nextBoolean()) ledger.put("retentionDays", 1 + random.nextInt(3650));
            doc.put("ledger", ledger);
        }
        return doc;
    }

    /** One account per role: the same account in two roles is a cross-field rule the schema cannot express. */
    private Map<String, Object> account(String role) {
        Map<String, Object> a = new LinkedHashMap<>();
        String url = "https://acct" + role + ".blob.core.windows.net";
        switch (random.nextInt(3)) {
            case 0 -> a.put("connectionString", "${env:DRP_CS}");
            case 1 -> a.put("accountUrl", url);
            default -> {
                a.put("accountUrl", url);
                a.put("sasToken", "${env:DRP_SAS}");
            }
        }
        return a;
    }

    /** Every (mapping, key) in the document, so a mutation can land anywhere. */
    @SuppressWarnings("unchecked")
    private void collect(Map<String, Object> map, String path, List<Object[]> out) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            out.add(new Object[] {map, e.getKey(), p});
            if (e.getValue() instanceof Map<?, ?> child) collect((Map<String, Object>) child, p, out);
        }
    }

    @SuppressWarnings("unchecked")
    private void mutate(Map<String, Object> doc) {
        List<Object[]> places = new ArrayList<>();
        places.add(new Object[] {doc, null, ""});
        collect(doc, "", places);
        Object[] place = pick(places);
        Map<String, Object> map = (Map<String, Object>) place[0];
        String key = (String) place[1];
        String path = (String) place[2];
        if (key == null || random.nextInt(6) == 0) {
            // an unknown field in any mapping, except where keys are user names
            Map<String, Object> target = key != null && map.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : map;
            if (!path.equals("services") && !path.endsWith(".objectives")) target.put("colour", "blue");
            return;
        }
        switch (random.nextInt(4)) {
            case 0 -> removeUnlessCrossField(map, key, path);
            case 1 -> map.put(key, random.nextBoolean() ? new ArrayList<>(List.of("x")) : new LinkedHashMap<>(Map.of("x", "y")));
            default -> replaceValue(map, key, path);
        }
    }

    private void removeUnlessCrossField(Map<String, Object> map, String key, String path) {
        // removing fullEvery (default 24h) keeps incrementalEvery below it; removing a scenario may orphan drill.scenario
        if (path.matches("services\\.[^.]+(\\.objectives(\\.(vm\\.failure_2|[^.]+))?)?")) return;
        map.remove(key);
    }

    private void replaceValue(Map<String, Object> map, String key, String path) {
        String leaf = path.substring(path.lastIndexOf('.') + 1);
        switch (leaf) {
            case "rto", "rpo", "maxAge" -> map.put(key, pick(DURATIONS));
            case "version" -> map.put(key, pick(List.of(0, 1, 2)));
            case "retainChains", "parallelism", "retentionDays", "maxLostObjects" -> map.put(key, pick(COUNTS));
            case "connectionString", "sasToken", "webhook" -> map.put(key, pick(SECRETS));
            case "accountUrl" -> map.put(key, pick(URLS));
            case "verify" -> map.put(key, pick(List.of("full", "metadata", "fast", "FULL")));
            case "target" -> map.put(key, pick(List.of("local", "pulumi", "cloud")));
            case "on" -> map.put(key, new ArrayList<>(List.of(pick(List.of("PASSED", "failed", "Aborted", "MAYBE")))));
            case "slo" -> map.put(key, pick(List.of(99.9, 0, 100, 50, 0.5, -1, 100.5)));
            case "container" -> map.put(key, pick(List.of("drp-backups", "Backups", "ab", "a--b", "-ab", "abc-", "x".repeat(64))));
            case "containers" -> map.put(key, new ArrayList<>(random.nextBoolean() ? List.of() : List.of(pick(List.of(container(), "Bad", "a", "ok--no")))));
            case "reportDir", "dir", "stack", "stackConfig", "pulumiWorkDir" -> map.put(key, pick(TEXTS));
            default -> {
                if (path.matches("services\\.[^.]+")) {
                    // rename a service: its name is referenced nowhere else
                    Object svc = map.remove(key);
                    map.put((String) pick(NAMES), svc);
                } else if (!path.matches("services\\.[^.]+\\.objectives(\\.(vm\\.failure_2|[^.]+))?")) {
                    // a scenario stays: removing it may orphan drill.scenario, a cross-field rule
                    map.remove(key);
                }
            }
        }
    }
}
