package io.drp.cli;

import com.pulumi.test.PulumiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** drp plan and drp assess on the repository's own Pulumi stack files. */
class StackCliTest {

    static Path root() {
        return io.drp.testing.RepoRoot.get();
    }

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    @Test
    void planListsTheDeclaredResourcesOfEachStack() {
        CliTest.Run p = CliTest.drp("plan", "--stack", "production", "--stack-config", root().resolve("Pulumi.production.yaml").toString());
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().contains("azure-native:storage:StorageAccount") && p.out().contains("sku.name=Standard_RAGZRS"), p.out());
        assertTrue(p.out().contains("azure-native:insights:WebTest"), p.out());

        CliTest.Run r = CliTest.drp("plan", "--stack", "recovery", "--stack-config", root().resolve("Pulumi.recovery.yaml").toString(),
                "--production-config", root().resolve("Pulumi.production.yaml").toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"recoveryDataContainers\" : [ \"orders\", \"invoices\", \"media\" ]"), r.out());
    }

    @Test
    void planRejectsBadStackConfigNamingFileAndKey(@TempDir Path tmp) throws Exception {
        Path bad = Files.writeString(tmp.resolve("Pulumi.production.yaml"), """
                config:
                  drp:region: francecentral
                  drp:pairedRegion: francecentral
                  drp:dataContainers: orders
                """);
        CliTest.Run r = CliTest.drp("plan", "--stack", "production", "--stack-config", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith(bad + ": drp:pairedRegion: the recovery region must differ"), r.err());
        assertEquals(2, CliTest.drp("plan", "--stack", "staging").code());
    }

    @Test
    void assessExitsOneOnABlockingFinding(@TempDir Path tmp) throws Exception {
        Path daily = Files.writeString(tmp.resolve("drp.yaml"), """
                version: 1
                backup: { container: drp-backups, fullEvery: 24h }
                services:
                  shop:
                    containers: [orders, invoices, media]
                    objectives:
                      region-outage: { rto: 4h, rpo: 1h }
                """);
        CliTest.Run r = CliTest.drp("assess", "-c", daily.toString(),
                "--production-config", root().resolve("Pulumi.production.yaml").toString(),
                "--recovery-config", root().resolve("Pulumi.recovery.yaml").toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("BLOCKING BACKUP_TOO_RARE"), r.out());
        assertTrue(r.out().contains("NOT READY"), r.out());

        Path hourly = Files.writeString(tmp.resolve("ok.yaml"), Files.readString(daily).replace("fullEvery: 24h", "fullEvery: 24h, incrementalEvery: 15m"));
        CliTest.Run ok = CliTest.drp("assess", "-c", hourly.toString(),
                "--production-config", root().resolve("Pulumi.production.yaml").toString(),
                "--recovery-config", root().resolve("Pulumi.recovery.yaml").toString());
        assertEquals(0, ok.code(), ok.out() + ok.err());
    }
}
