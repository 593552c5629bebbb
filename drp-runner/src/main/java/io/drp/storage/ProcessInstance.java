package io.drp.storage;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Who this process is, as a lock holder writes it with its lease: enough for another drp to tell whether the
 * holder is provably dead. A host name alone is not: containers and CI runners often share one ("localhost",
 * a pod name), and a pid means something only inside the pid namespace, and the boot, it was issued in.
 *
 * @param host      the host name
 * @param namespace the kernel boot id and pid namespace ("boot-id/pid:[inode]"); null where the platform does
 *                  not say (not Linux), and then no pid of another process can be judged
 * @param pid       this process's id
 * @param started   when this process started, to the millisecond, or "unknown"
 * @param instance  a random id per process instance: never equal for two processes, whatever else is
 */
public record ProcessInstance(String host, String namespace, String pid, String started, String instance) {

    private static final ProcessInstance CURRENT = new ProcessInstance(hostName(), linuxNamespace(),
            Long.toString(ProcessHandle.current().pid()), startOf(ProcessHandle.current()), UUID.randomUUID().toString());

    public static ProcessInstance current() {
        return CURRENT;
    }

    /**
     * True only when {@code holder} is provably a dead process of this machine: same host, same boot and pid
     * namespace (so its pid means the same process here), and that pid is gone or is now another process (a
     * different start time). Anything unknown (no namespace, no start time) presumes it alive.
     */
    boolean provesDead(String holderHost, String holderNamespace, String holderPid, String holderStarted, String holderInstance) {
        if (holderHost == null || holderNamespace == null || holderPid == null || holderStarted == null) return false;
        if (namespace == null || "unknown".equals(holderStarted) || instance.equals(holderInstance)) return false;
        if (!holderHost.equals(host) || !holderNamespace.equals(namespace)) return false;
        try {
            return ProcessHandle.of(Long.parseLong(holderPid))
                    .map(p -> !p.isAlive() || !holderStarted.equals(startOf(p)))
                    .orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** When the process started, to the millisecond, or "unknown" where the platform does not say. */
    static String startOf(ProcessHandle p) {
        return p.info().startInstant().map(i -> Long.toString(i.toEpochMilli())).orElse("unknown");
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }

    /**
     * The boot id (new at every boot, shared by all containers of one kernel) and the pid namespace's inode
     * (distinct per container unless it shares the host's pids, in which case its pids are ours to check).
     */
    private static String linuxNamespace() {
        try {
            String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
            String pidNs = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
            return boot.isEmpty() || pidNs.isEmpty() ? null : boot + "/" + pidNs;
        } catch (Exception e) {
            return null;
        }
    }
}
