package io.drp.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** drp validate refuses a webhook that is not https to a public host: one line, exit 2. */
class WebhookValidateTest {

    @Test
    void validateRefusesANonHttpsWebhookWithOneLineAndExit2(@TempDir Path tmp) throws Exception {
        // HOME is set in any test environment, and a path is not an https URL
        assumeTrue(System.getenv("HOME") != null && !System.getenv("HOME").isBlank());
        Path f = Files.writeString(tmp.resolve("drp.yaml"), CliTest.VALID + "drill:\n  notify:\n    webhook: \"${env:HOME}\"\n");

        CliTest.Run r = CliTest.drp("validate", "-c", f.toString());

        assertEquals(2, r.code(), r.err());
        assertEquals(f + ":12: drill.notify.webhook: the webhook in ${env:HOME} is not an https:// URL; a webhook must be https to a public"
                + " host, or say allowInsecure: true ({ url: \"${env:HOME}\", allowInsecure: true })", r.err().strip());
    }
}
