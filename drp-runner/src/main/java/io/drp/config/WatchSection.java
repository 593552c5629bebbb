package io.drp.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The {@code watch:} section of drp.yaml. */
final class WatchSection {

    private WatchSection() {}

    static WatchConfig parse(YamlTree node, Function<YamlTree, Secret> secret, List<ServiceConfig> services) {
        Map<String, YamlTree> m = node.mapping(Set.of("interval", "tolerance", "response", "restoreTarget", "probes", "timeout", "webhooks"));
        WatchConfig d = WatchConfig.defaults();
        Duration interval = m.containsKey("interval") ? m.get("interval").convert(Durations::parsePositive) : d.interval();
        Duration tolerance = m.containsKey("tolerance") ? m.get("tolerance").convert(Durations::parsePositive) : d.tolerance();
        Duration timeout = m.containsKey("timeout") ? m.get("timeout").convert(Durations::parsePositive) : d.timeout();
        if (interval.compareTo(tolerance) > 0) {
            throw m.get("interval").error("must not be longer than the tolerance (" + Durations.format(tolerance)
                    + "): an outage must be seen at least twice before it is declared");
        }
        if (timeout.compareTo(interval) > 0) {
            throw m.get("timeout").error("must not be longer than the interval (" + Durations.format(interval) + ")");
        }
        WatchConfig.Response response = m.containsKey("response") ? choice(m.get("response"), WatchConfig.Response.class, "notify, restore or drill")
                : d.response();
        WatchConfig.RestoreTarget target = m.containsKey("restoreTarget")
                ? choice(m.get("restoreTarget"), WatchConfig.RestoreTarget.class, "recovery or production") : d.restoreTarget();
        if (target == WatchConfig.RestoreTarget.PRODUCTION && response != WatchConfig.Response.RESTORE) {
            throw m.get("restoreTarget").error("applies to response: restore only");
        }
        boolean infrastructure = true;
        List<WatchConfig.HttpProbe> functional = new ArrayList<>();
        if (m.containsKey("probes")) {
            YamlTree p = m.get("probes");
            Map<String, YamlTree> pm = p.mapping(Set.of("infrastructure", "functional"));
            if (pm.containsKey("infrastructure")) infrastructure = pm.get("infrastructure").bool();
            if (pm.containsKey("functional")) {
                Set<String> names = new HashSet<>();
                for (YamlTree f : pm.get("functional").sequence()) {
                    Map<String, YamlTree> fm = f.mapping(Set.of("name", "url", "service"));
                    YamlTree nameNode = ConfigLoader.require(f, fm, "name");
                    String name = nameNode.nonBlank();
                    if (!ConfigLoader.NAME.matcher(name).matches()) throw nameNode.error("probe names use letters, digits, '-', '_' or '.'");
                    if (!names.add(name)) throw nameNode.error("probe '" + name + "' is declared twice");
                    String service = null;
                    if (fm.containsKey("service")) {
                        service = fm.get("service").nonBlank();
                        String svc = service;
                        if (services.stream().noneMatch(s -> s.name().equals(svc))) {
                            throw fm.get("service").error("no service '" + svc + "' in services:; declared: "
                                    + services.stream().map(ServiceConfig::name).sorted().toList());
                        }
                    }
                    functional.add(new WatchConfig.HttpProbe(name, url(ConfigLoader.require(f, fm, "url")), service));
                }
            }
            if (!infrastructure && functional.isEmpty()) {
                throw p.error("declare at least one probe: infrastructure: true, or a functional URL");
            }
        }
        List<Webhook> webhooks = new ArrayList<>();
        if (m.containsKey("webhooks")) {
            for (YamlTree w : m.get("webhooks").sequence()) webhooks.add(WebhookSection.parse(w, secret));
        }
        return new WatchConfig(interval, tolerance, response, target, infrastructure, functional, timeout, webhooks);
    }

    private static <E extends Enum<E>> E choice(YamlTree node, Class<E> type, String allowed) {
        String raw = node.nonBlank();
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(raw)) return e;
        }
        throw node.error("'" + raw + "' is not allowed here; use " + allowed);
    }

    private static URI url(YamlTree node) {
        String raw = node.nonBlank();
        URI u;
        try {
            u = new URI(raw);
        } catch (URISyntaxException e) {
            throw node.error("'" + raw + "' is not a URL");
        }
        boolean loopback = "http".equals(u.getScheme()) && ("127.0.0.1".equals(u.getHost()) || "localhost".equals(u.getHost()));
        if (!("https".equals(u.getScheme()) || loopback) || u.getHost() == null) {
            throw node.error("must be an https:// URL (plain http is only accepted on loopback)");
        }
        return u;
    }
}
