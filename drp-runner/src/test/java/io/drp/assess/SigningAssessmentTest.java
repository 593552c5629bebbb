package io.drp.assess;

import io.drp.config.ConfigLoader;
import io.drp.config.DrpConfig;
import io.drp.model.Finding;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code drp assess}: backup points that cannot be authenticated are a blocking finding unless accepted by name. */
class SigningAssessmentTest {

    private static List<Finding> assess(String storage, String signing) {
        String yaml = """
                version: 1
                %s
                backup: { container: drp-backups%s }
                services:
                  shop:
                    containers: [orders]
                    objectives:
                      region-outage: { rto: 10m, rpo: 1h }
                """.formatted(storage, signing);
        DrpConfig cfg = ConfigLoader.withoutSecrets(k -> null).parse("drp.yaml", Path.of("drp.yaml"), yaml, "0".repeat(64));
        List<Finding> out = new ArrayList<>();
        ReadinessAssessment.signing(cfg, out);
        return out;
    }

    private static final String ACCOUNTS = """
            storage:
              production: { connectionString: "${env:P}" }
              backup: { connectionString: "${env:B}" }
              recovery: { connectionString: "${env:R}" }""";

    @Test
    void realAccountsWithoutKeysAreBlocking() {
        List<Finding> f = assess(ACCOUNTS, "");

        assertEquals(1, f.size());
        assertEquals(Finding.Severity.BLOCKING, f.get(0).severity());
        assertEquals("BACKUP_NOT_SIGNED", f.get(0).code());
        assertTrue(f.get(0).fix().contains("publicKeys") && f.get(0).fix().contains("unsigned: accept"), f.get(0).fix());
    }

    @Test
    void theOptOutByNameIsAWarning() {
        List<Finding> f = assess(ACCOUNTS, ", signing: { unsigned: accept }");

        assertEquals(1, f.size());
        assertEquals(Finding.Severity.WARNING, f.get(0).severity());
    }

    @Test
    void theEmbeddedEmulatorSignsWithItsOwnKeyPair() {
        assertTrue(assess("", "").isEmpty());
    }
}
