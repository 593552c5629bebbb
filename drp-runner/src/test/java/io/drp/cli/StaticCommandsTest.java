package io.drp.cli;

import com.pulumi.test.PulumiTest;
import io.drp.testing.RepoRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Commands that only read files need no credentials; commands that connect refuse to start without them. */
class StaticCommandsTest {

    static final String UNSET = "DRP_TEST_SURELY_UNSET_42";

    static final String WITH_SECRET = CliTest.VALID + "storage:\n  production: { connectionString: \"${env:" + UNSET + "}\" }\n"
            + "  backup: { accountUrl: https://b.blob.core.windows.net }\n  recovery: { accountUrl: https://r.blob.core.windows.net }\n";

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    @Test
    void assessRunsOnTheShippedExampleWithNoEnvironmentVariables() {
        for (String v : List.of("DRP_BACKUP_CONNECTION_STRING", "DRP_RECOVERY_SAS", "DRP_WEBHOOK_URL")) {
            assumeTrue(System.getenv(v) == null, v + " is set in this environment");
        }
        Path root = RepoRoot.get();
        CliTest.Run r = CliTest.drp("assess", "-c", root.resolve("examples/drp.yaml").toString(),
                "--production-config", root.resolve("Pulumi.production.yaml").toString(),
                "--recovery-config", root.resolve("Pulumi.recovery.yaml").toString());
        assertNotEquals(2, r.code(), r.err());
        assertTrue(r.out().startsWith("assessed "), r.out());
        assertFalse(r.err().contains("is not set"), r.err());
    }

    @Test
    void validateWarnsOfAnUnsetSecretAndStillPasses(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("drp.yaml"), WITH_SECRET);
        CliTest.Run r = CliTest.drp("validate", "-c", f.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().startsWith("warning: " + f + ":11: storage.production.connectionString: environment variable " + UNSET + " is not set"),
                r.err());
    }

    @Test
    void connectingCommandsRefuseAnUnsetSecretNamingFileLineAndField(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("drp.yaml"), WITH_SECRET);
        String[][] runs = {
                {"backup", "-c", f.toString(), "--work-dir", tmp.resolve("w").toString()},
                {"drill", "-c", f.toString(), "--work-dir", tmp.resolve("w").toString()},
                {"restore", "-c", f.toString(), "--work-dir", tmp.resolve("w").toString()},
                {"assess", "-c", f.toString(), "--live", "--subscription", "0000", "--resource-group", "rg"},
        };
        for (String[] args : runs) {
            CliTest.Run r = CliTest.drp(args);
            assertEquals(2, r.code(), args[0] + ": " + r.err());
            assertEquals(f + ":11: storage.production.connectionString: environment variable " + UNSET
                    + " is not set; export it before running drp", r.err().strip(), args[0]);
        }
        assertFalse(Files.exists(tmp.resolve("w")), "nothing ran, so nothing was written");
    }
}
