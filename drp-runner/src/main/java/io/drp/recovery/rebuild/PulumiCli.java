package io.drp.recovery.rebuild;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Pulumi CLI, driven as a process: Pulumi Java 1.36 has no Automation API. An interface so that tests
 * can put a scripted stand-in (or a Mockito mock) in place of the real binary.
 */
public interface PulumiCli {

    record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /**
     * @param env extra environment variables (e.g. PULUMI_CONFIG_PASSPHRASE); never logged
     */
    Result run(Path workDir, List<String> args, Map<String, String> env, Duration timeout);
}
