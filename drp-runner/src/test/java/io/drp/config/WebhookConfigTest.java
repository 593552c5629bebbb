package io.drp.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A webhook is https to a public host, checked when drp.yaml is loaded, unless that webhook says allowInsecure. */
class WebhookConfigTest {

    private static final String HEAD = """
            version: 1
            backup: { container: drp-backups }
            services:
              orders: { containers: [orders] }
            """;

    private static DrpConfig load(String yaml, Map<String, String> env) {
        return new ConfigLoader(env::get).parse("drp.yaml", Path.of("drp.yaml"), HEAD + yaml, "0".repeat(64));
    }

    private static ConfigException refused(String yaml, Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> load(yaml, env));
    }

    @Test
    void aDrillWebhookToTheMetadataServiceIsRefusedNamingFileLineAndField() {
        ConfigException e = refused("drill:\n  notify:\n    webhook: \"${env:HOOK}\"\n", Map.of("HOOK", "https://169.254.169.254/latest/meta-data"));
        assertEquals(7, e.line());
        assertEquals("drill.notify.webhook", e.field());
        assertTrue(e.getMessage().startsWith("drp.yaml:7: drill.notify.webhook: the webhook in ${env:HOOK} targets 169.254.169.254"), e.getMessage());
        assertTrue(e.getMessage().contains("allowInsecure: true"), e.getMessage());
        assertFalse(e.getMessage().contains("meta-data"), "the URL itself (it may carry a token) is never printed");
    }

    @Test
    void plainHttpLoopbackAndPrivateWatchWebhooksAreRefused() {
        for (String url : new String[]{"http://hooks.example.com/T0KEN", "https://localhost:8443/h", "https://10.0.0.5/h", "https://[fe80::1]/h",
                "https://metadata.google.internal/computeMetadata/v1/"}) {
            ConfigException e = refused("watch:\n  webhooks:\n    - \"${env:OK}\"\n    - \"${env:BAD}\"\n",
                    Map.of("OK", "https://hooks.example.com/T0KEN", "BAD", url));
            assertEquals(8, e.line(), url);
            assertEquals("watch.webhooks[1]", e.field(), url);
            assertFalse(e.getMessage().contains("T0KEN"), e.getMessage());
        }
    }

    @Test
    void allowInsecureOnOneWebhookAllowsThatOneOnly() {
        Map<String, String> env = Map.of("LOCAL", "http://127.0.0.1:8080/hook", "OTHER", "http://127.0.0.1:8081/hook");
        DrpConfig c = load("watch:\n  webhooks:\n    - { url: \"${env:LOCAL}\", allowInsecure: true }\n", env);
        assertTrue(c.watch().webhooks().get(0).allowInsecure());
        assertEquals("LOCAL", c.watch().webhooks().get(0).source());

        ConfigException e = refused("watch:\n  webhooks:\n    - { url: \"${env:LOCAL}\", allowInsecure: true }\n    - \"${env:OTHER}\"\n", env);
        assertEquals("watch.webhooks[1]", e.field());

        ConfigException no = refused("drill:\n  notify: { webhook: { url: \"${env:LOCAL}\", allowInsecure: false } }\n", env);
        assertEquals("drill.notify.webhook.url", no.field());
        DrpConfig yes = load("drill:\n  notify: { webhook: { url: \"${env:LOCAL}\", allowInsecure: true } }\n", env);
        assertTrue(yes.drill().notification().hook().allowInsecure());
    }

    @Test
    void aPublicHttpsWebhookLoadsAndAnUnsetOneIsJudgedWhenItIsSent() {
        DrpConfig c = load("drill:\n  notify: { webhook: \"${env:HOOK}\" }\n", Map.of("HOOK", "https://hooks.slack.com/services/T/B/X"));
        assertFalse(c.drill().notification().hook().allowInsecure());
        DrpConfig later = ConfigLoader.withoutSecrets(k -> null).parse("drp.yaml", Path.of("drp.yaml"),
                HEAD + "drill:\n  notify: { webhook: \"${env:HOOK}\" }\n", "0".repeat(64));
        assertEquals("HOOK", later.drill().notification().webhook().source());
    }
}
