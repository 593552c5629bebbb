package io.drp.report;

import io.drp.secrets.Redactor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class RedactorTest {

    @Test
    void knownSecretsAndKeyShapedValuesAreMasked() {
        String key = "c2VjcmV0LWtleS12YWx1ZQ==";
        Redactor r = new Redactor(List.of(key));
        String masked = r.redact("failed with AccountKey=" + key + ";BlobEndpoint=x and url https://a/b?sv=1&sig=abc%2Fdef&se=2 and raw " + key);
        assertFalse(masked.contains(key), masked);
        assertFalse(masked.contains("abc%2Fdef"), masked);
        assertEquals("failed with AccountKey=***;BlobEndpoint=x and url https://a/b?sv=1&sig=***&se=2 and raw ***", masked);
    }
}
