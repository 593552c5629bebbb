package io.drp.config;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random and mutated objectives files: every input must end parsed or with a {@link ConfigException}
 * naming the file; nothing else may escape (no NPE, no stack overflow, no raw YAML exception).
 */
class ConfigFuzzTest {

    private static final String[] TOKENS = {"{", "}", "[", "]", ":", "- ", "\n", "  ", "&a ", "*a", "!!binary ", "\"", "'", "#",
            "${env:X}", "0", "-1", "1h", "0s", "null", "~", "version", "services", "rto", "rpo", "backup", "container",
            "\t", "?", "|", ">", "<<: *a", "%YAML 1.2\n", "---\n", "...\n", "\u00e9", "\uD83D\uDE00"};

    @Test
    void mutatedAndRandomConfigsNeverCrashTheLoader() throws Exception {
        Path root = ConfigLoaderTest.repoRoot();
        List<String> seeds = List.of(
                Files.readString(root.resolve("examples/drp.yaml")),
                Files.readString(root.resolve("drp-runner/src/main/resources/demo/drp.yaml")));
        ConfigLoader loader = new ConfigLoader(Map.of("DRP_BACKUP_CONNECTION_STRING", "AccountName=a;AccountKey=eA==",
                "DRP_RECOVERY_SAS", "sv=1&sig=x", "DRP_WEBHOOK_URL", "https://hooks.example.com/x")::get);
        Random random = new Random(20261124);
        int parsed = 0, rejected = 0;
        int iterations = 4000;
        for (int i = 0; i < iterations; i++) {
            String input = i % 10 == 0 ? randomText(random) : mutate(seeds.get(random.nextInt(seeds.size())), random);
            try {
                loader.parse("fuzz.yaml", Path.of("fuzz.yaml"), input, "0".repeat(64));
                parsed++;
            } catch (ConfigException e) {
                rejected++;
                assertTrue(e.getMessage().startsWith("fuzz.yaml"), e.getMessage());
                assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
                assertTrue(e.line() >= 1 && e.getMessage().startsWith("fuzz.yaml:" + e.line() + ":"), "names a line: " + e.getMessage());
            } catch (Throwable t) {
                fail("input #" + i + " crashed the loader with " + t + "\n---\n" + input);
            }
        }
        System.out.printf("[figures] config fuzz: %d inputs, %d parsed, %d rejected with a file:line message, 0 crashes%n",
                iterations, parsed, rejected);
        assertTrue(parsed > 0 && rejected > 0);
    }

    static String mutate(String seed, Random r) {
        StringBuilder sb = new StringBuilder(seed);
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int pos = r.nextInt(sb.length());
            switch (r.nextInt(6)) {
                case 0 -> sb.deleteCharAt(pos);
                case 1 -> sb.insert(pos, TOKENS[r.nextInt(TOKENS.length)]);
                case 2 -> sb.setCharAt(pos, (char) (32 + r.nextInt(95)));
                case 3 -> sb.setLength(pos);
                case 4 -> {
                    int end = Math.min(sb.length(), pos + r.nextInt(80));
                    sb.insert(r.nextInt(sb.length()), sb.substring(pos, end));
                }
                default -> {
                    int lineStart = sb.lastIndexOf("\n", pos) + 1;
                    int lineEnd = sb.indexOf("\n", pos);
                    if (lineEnd > lineStart) sb.delete(lineStart, lineEnd);
                }
            }
        }
        return sb.toString();
    }

    private static String randomText(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(60);
        for (int i = 0; i < n; i++) sb.append(TOKENS[r.nextInt(TOKENS.length)]);
        if (r.nextBoolean()) {
            byte[] b = new byte[r.nextInt(40)];
            r.nextBytes(b);
            sb.append(new String(b, StandardCharsets.ISO_8859_1));
        }
        return sb.toString();
    }
}
