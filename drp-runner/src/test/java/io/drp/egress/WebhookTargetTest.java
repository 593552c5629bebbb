package io.drp.egress;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which webhook URLs and addresses drp posts to without allowInsecure. */
class WebhookTargetTest {

    @Test
    void publicHttpsHostsAreAccepted() {
        for (String u : List.of("https://hooks.slack.com/services/T0/B0/X", "https://example.webhook.office.com/webhookb2/x",
                "https://203.0.113.7/hook", "https://[2001:db8::1]/hook")) {
            assertNull(WebhookTarget.refusal(URI.create(u)), u);
        }
    }

    @Test
    void plainHttpIsRefusedEvenToAPublicHost() {
        String why = WebhookTarget.refusal(URI.create("http://hooks.slack.com/services/T0/B0/X"));
        assertNotNull(why);
        assertTrue(why.contains("https"), why);
    }

    @Test
    void loopbackLinkLocalMetadataPrivateAndUnspecifiedTargetsAreRefused() {
        String[][] cases = {
                {"https://localhost/h", "loopback"}, {"https://api.localhost/h", "loopback"}, {"https://127.0.0.1/h", "loopback"},
                {"https://[::1]/h", "loopback"}, {"https://169.254.169.254/latest/meta-data", "metadata"},
                {"https://169.254.10.1/h", "link-local"}, {"https://[fe80::1]/h", "link-local"},
                {"https://168.63.129.16/machine", "metadata"}, {"https://[fd00:ec2::254]/latest", "metadata"},
                {"https://metadata.google.internal/computeMetadata/v1/", "metadata"}, {"https://METADATA.google.internal./x", "metadata"},
                {"https://100.100.100.200/latest", "metadata"}, {"https://10.1.2.3/h", "private"}, {"https://172.16.0.1/h", "private"},
                {"https://192.168.1.1/h", "private"}, {"https://[fd12:3456::1]/h", "unique-local"}, {"https://0.0.0.0/h", "unspecified"},
                {"https://[::]/h", "unspecified"}, {"https://[::ffff:169.254.169.254]/h", "metadata"},
                {"https://[64:ff9b::a9fe:a9fe]/h", "metadata"}, {"https://2130706433/h", "host"}, {"https://127.1/h", "host"},
                {"https://0x7f.1/h", "host"},
        };
        for (String[] c : cases) {
            String why = WebhookTarget.refusal(URI.create(c[0]));
            assertNotNull(why, c[0]);
            assertTrue(why.contains(c[1]), c[0] + ": " + why);
        }
    }

    @Test
    void resolvedAddressesAreJudgedTheSameWay() throws Exception {
        assertNotNull(WebhookTarget.addressRefusal(InetAddress.getByName("169.254.169.254")));
        assertNotNull(WebhookTarget.addressRefusal(InetAddress.getByName("127.0.0.53")));
        assertNotNull(WebhookTarget.addressRefusal(InetAddress.getByName("100.64.0.1")));
        assertNull(WebhookTarget.addressRefusal(InetAddress.getByName("52.239.0.1")));
    }
}
