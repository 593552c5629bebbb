package io.drp.config;

import io.drp.egress.WebhookTarget;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One webhook in drp.yaml: {@code "${env:VAR}"}, or {@code { url: "${env:VAR}", allowInsecure: true }}. When the
 * variable is set at load, its URL must be https to a host that is not loopback, link-local, private or a cloud
 * metadata service (see {@link WebhookTarget}), unless this webhook says {@code allowInsecure: true}; the post
 * judges the resolved addresses again.
 */
final class WebhookSection {

    private WebhookSection() {}

    static Webhook parse(YamlTree node, Function<YamlTree, Secret> secret) {
        YamlTree urlNode = node;
        boolean allowInsecure = false;
        if (node.isMapping()) {
            Map<String, YamlTree> m = node.mapping(Set.of("url", "allowInsecure"));
            urlNode = ConfigLoader.require(node, m, "url");
            allowInsecure = m.containsKey("allowInsecure") && m.get("allowInsecure").bool();
        }
        Secret url = secret.apply(urlNode);
        if (!allowInsecure && url.available()) {
            String why;
            try {
                why = WebhookTarget.refusal(new URI(url.reveal()));
            } catch (URISyntaxException e) {
                why = "is not a URL";
            }
            if (why != null) {
                throw urlNode.error("the webhook in ${env:" + url.source() + "} " + why + "; a webhook must be https to a public host,"
                        + " or say allowInsecure: true ({ url: \"${env:" + url.source() + "}\", allowInsecure: true })");
            }
        }
        return new Webhook(url, allowInsecure);
    }
}
