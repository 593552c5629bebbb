package io.drp.egress;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where drp may post a webhook. A webhook URL comes from the environment and is posted to with drp's report or
 * incident in the body, from inside the network drp runs in: pointed at a cloud's instance metadata service, at
 * loopback or at a private address, it would make drp a request forger against its own host. So a webhook must be
 * https to a public address, unless the user opts that one webhook out with {@code allowInsecure: true}. The URL's
 * text is judged when drp.yaml is loaded; every address its host resolves to is judged again before each post,
 * because DNS can change after the load.
 */
public final class WebhookTarget {

    /** Host names of instance metadata services (GCP, AWS, Alibaba, generic): refused whatever they resolve to. */
    private static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata.goog", "metadata",
            "instance-data", "instance-data.ec2.internal", "metadata.tencentyun.com", "metadata.platformequinix.com");
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern NUMERIC = Pattern.compile("[0-9.]+|0x[0-9a-f.x]+");

    private WebhookTarget() {}

    /** Null when {@code url}'s text allows a post; otherwise why not. No DNS lookup: the host is judged as written. */
    public static String refusal(URI url) {
        if (!"https".equalsIgnoreCase(url.getScheme())) return "is not an https:// URL";
        String host = url.getHost();
        if (host == null || host.isEmpty()) return "has no host";
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        while (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        if (h.equals("localhost") || h.endsWith(".localhost")) return "targets " + h + " (loopback)";
        if (METADATA_NAMES.contains(h)) return "targets " + h + " (a cloud instance metadata service)";
        if (h.contains(":") || DOTTED_QUAD.matcher(h).matches()) {
            try {
                return addressRefusal(InetAddress.getByName(h)); // a literal: parsed, not looked up
            } catch (UnknownHostException e) {
                return "has a host that is not a valid IP address (" + h + ")";
            }
        }
        // 127.1, 2130706433, 0x7f.1: other spellings of addresses, which resolvers accept and hide the target
        if (NUMERIC.matcher(h).matches()) return "has a numeric host that is not a dotted IPv4 address (" + h + ")";
        return null;
    }

    /** Null when a post may go to {@code a}; otherwise which kind of address it is. */
    public static String addressRefusal(InetAddress a) {
        String ip = a.getHostAddress();
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address && isNat64(b)) {
            try {
                return addressRefusal(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}));
            } catch (UnknownHostException e) {
                return "targets " + ip + " (a NAT64 address drp cannot judge)";
            }
        }
        if (ip.equals("169.254.169.254") || ip.equals("168.63.129.16") || ip.equals("100.100.100.200") || isAwsIpv6Metadata(b)) {
            return "targets " + ip + " (a cloud instance metadata or platform address)";
        }
        if (a.isLoopbackAddress()) return "targets " + ip + " (loopback)";
        if (a.isLinkLocalAddress()) return "targets " + ip + " (link-local)";
        if (a.isAnyLocalAddress() || a instanceof Inet4Address && b[0] == 0) return "targets " + ip + " (unspecified)";
        if (a.isMulticastAddress()) return "targets " + ip + " (multicast)";
        if (a.isSiteLocalAddress()) return "targets " + ip + " (private network)";
        if (a instanceof Inet4Address && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) return "targets " + ip + " (shared address space, 100.64.0.0/10)";
        if (a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) return "targets " + ip + " (IPv6 unique-local, private network)";
        return null;
    }

    /** fd00:ec2::254, AWS's IMDS on IPv6 (also caught as unique-local; named here so the message says why). */
    private static boolean isAwsIpv6Metadata(byte[] b) {
        if (b.length != 16) return false;
        byte[] want = {(byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54};
        return java.util.Arrays.equals(b, want);
    }

    /** 64:ff9b::/96: an IPv4 address reached through NAT64, judged as that IPv4 address. */
    private static boolean isNat64(byte[] b) {
        if (b.length != 16 || b[0] != 0 || b[1] != 0x64 || (b[2] & 0xff) != 0xff || (b[3] & 0xff) != 0x9b) return false;
        for (int i = 4; i < 12; i++) if (b[i] != 0) return false;
        return true;
    }
}
