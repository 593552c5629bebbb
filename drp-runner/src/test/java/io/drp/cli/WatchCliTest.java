package io.drp.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The watch's safety gates refuse before anything is probed or run. */
class WatchCliTest {

    private static final String BASE = """
            version: 1
            backup: { container: drp-backups }
            services:
              orders: { containers: [orders] }
            watch:
              response: %s
            %s  probes:
                infrastructure: false
                functional: [{ name: api, url: "http://127.0.0.1:9/health" }]
            """;

    private static Path file(Path tmp, String response, String extra) throws Exception {
        return Files.writeString(tmp.resolve("drp.yaml"), BASE.formatted(response, extra));
    }

    @Test
    void anAutomaticProductionRestoreNeedsAllowProduction(@TempDir Path tmp) throws Exception {
        Path cfg = file(tmp, "restore", "  restoreTarget: production\n");
        CliTest.Run r = CliTest.drp("watch", "-c", cfg.toString(), "--work-dir", tmp.resolve("w").toString(), "--once", "--auto");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--allow-production"), r.err());
        assertFalse(Files.exists(tmp.resolve("w").resolve("watch")), "nothing was probed: no state written");
    }

    @Test
    void allowProductionIsRefusedWhereItWouldNotApply(@TempDir Path tmp) throws Exception {
        Path cfg = file(tmp, "restore", "");
        CliTest.Run r = CliTest.drp("watch", "-c", cfg.toString(), "--work-dir", tmp.resolve("w").toString(), "--once", "--auto",
                "--allow-production");
        assertEquals(2, r.code(), r.out() + r.err());
    }

    @Test
    void aProductionTargetWithAnotherResponseIsAConfigError(@TempDir Path tmp) throws Exception {
        Path cfg = file(tmp, "drill", "  restoreTarget: production\n");
        CliTest.Run r = CliTest.drp("watch", "-c", cfg.toString(), "--once");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("drp.yaml:7: watch.restoreTarget: applies to response: restore only"), r.err());
    }

    @Test
    void aProbesServiceMustBeDeclared(@TempDir Path tmp) throws Exception {
        Path cfg = Files.writeString(tmp.resolve("drp.yaml"), BASE.formatted("notify", "").replace("url: \"http://127.0.0.1:9/health\"",
                "url: \"http://127.0.0.1:9/health\", service: billing"));
        CliTest.Run r = CliTest.drp("validate", "-c", cfg.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("watch.probes.functional[0].service: no service 'billing'"), r.err());
    }

    @Test
    void onceReportsAnOutageWithExitOneAndKeepsItsState(@TempDir Path tmp) throws Exception {
        Path cfg = file(tmp, "notify", "");
        CliTest.Run r = CliTest.drp("watch", "-c", cfg.toString(), "--work-dir", tmp.resolve("w").toString(), "--once");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("outage suspected (api: http://127.0.0.1:9/health unreachable"), r.out());
        assertTrue(Files.readString(tmp.resolve("w").resolve("watch").resolve("state.json")).contains("\"SUSPECTED\""));
    }
}
