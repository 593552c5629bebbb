package io.drp.cli;

import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.drp.config.ConfigLoader;
import io.drp.config.DrpConfig;
import io.drp.config.WatchConfig;
import io.drp.failure.UsageFailure;
import io.drp.storage.StorageConnector;
import io.drp.watch.HttpProbe;
import io.drp.watch.Probe;
import io.drp.watch.StateStore;
import io.drp.watch.StorageProbe;
import io.drp.watch.TransitionNotifier;
import io.drp.watch.WatchState;
import io.drp.watch.Watcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

@Command(name = "watch", header = "The automatic trigger: probe production, declare an incident past the tolerance, notify, and respond.",
        description = {"Probes every watch.interval: the production storage account answers (infrastructure) and each watch.probes.functional URL returns 2xx within watch.timeout.",
                "An outage starts at the first failed round; past watch.tolerance (default 10m, the SLA's) it is an incident of level 1 (only functional probes fail) or 2 (storage down), escalating to 3 at 45 min. Every transition (suspected, declared, escalated, recovered) goes to watch.webhooks.",
                "By default drp only notifies and prints the drp restore command to run. It runs it itself, once per incident, only with watch.response: restore|drill AND --auto; into production only with watch.restoreTarget: production AND --allow-production."},
        exitCodeList = {
                "0:every probe answers (--once), or the watch was stopped (SIGTERM) after finishing its round and saving its state",
                "1:an outage is suspected or an incident is declared (--once)",
                "2:invalid usage or configuration; nothing was probed",
                "3:aborted: the watch state cannot be read, or the automatic response aborted"},
        footer = {"  */1 * * * *  drp watch -c drp.yaml --once          # cron: one round, state in .drp/watch/state.json",
                "  drp watch -c drp.yaml --auto                       # foreground; runs watch.response itself"})
public final class WatchCommand extends DrpCommandBase {

    @Mixin
    ConfigOptions options;

    @Option(names = "--once", description = "Evaluate one round, keep the state in the work directory, and exit (for cron).")
    boolean once;

    @Option(names = "--auto", description = "Run watch.response (restore or drill) itself when an incident is declared, once per incident.")
    boolean auto;

    @Option(names = "--allow-production", description = "Confirm that an automatic restore may write production (with watch.restoreTarget: production).")
    boolean allowProduction;

    /** Injectable so tests move time by hand. */
    Clock clock = Clock.systemUTC();

    @Override
    protected ExitCode execute() {
        DrpConfig cfg = new ConfigLoader().load(options.config);
        cfg.warnings().forEach(w -> err().println("warning: " + w));
        WatchConfig w = cfg.watch();
        boolean production = w.response() == WatchConfig.Response.RESTORE && w.restoreTarget() == WatchConfig.RestoreTarget.PRODUCTION;
        if (auto && production && !allowProduction) {
            throw new UsageFailure("watch.restoreTarget is production: an automatic restore would overwrite production; add --allow-production "
                    + "to confirm, or drop --auto to be told the command instead");
        }
        if (allowProduction && !(auto && production)) {
            throw new UsageFailure("--allow-production applies only with --auto and watch.response: restore, watch.restoreTarget: production");
        }
        List<Probe> probes = probes(cfg, w);
        Watcher watcher = new Watcher(w, probes, new StateStore(options.workDir), new TransitionNotifier(w.webhooks()), this::respond,
                auto, options.config, options.workDir, clock, out(), cfg.serviceHours());
        if (once) {
            Watcher.RoundOutcome r = watcher.round();
            if (r.responseExit() != null && r.responseExit() == ExitCode.ABORTED.code) return ExitCode.ABORTED;
            return r.state().phase() == WatchState.Phase.UP ? ExitCode.OK : ExitCode.OBJECTIVE_MISSED;
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean stoppedCleanly = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                // let the round in progress finish and the state be saved
                if (done.await(60, TimeUnit.SECONDS) && stoppedCleanly.get()) {
                    // A clean stop is exit 0, as the exit codes say; left alone, the JVM ends a SIGTERM with 143. The
                    // watch has printed and saved everything by now, and runs no other hook (a response ends with its round).
                    Runtime.getRuntime().halt(ExitCode.OK.code);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "drp-watch-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            watcher.run(stop::get, WatchCommand::pause);
            stoppedCleanly.set(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            done.countDown();
        }
        return ExitCode.OK;
    }

    private List<Probe> probes(DrpConfig cfg, WatchConfig w) {
        List<Probe> probes = new ArrayList<>();
        if (w.infrastructure()) {
            if (cfg.storage().isEmpty()) {
                err().println("note: no storage: section, so there is no production account to probe (the embedded emulator is drp's own)");
            } else {
                // one try, bounded by the timeout: a dead account is seen in one round, not after minutes of backoff
                StorageConnector single = new StorageConnector(new RequestRetryOptions(RetryPolicyType.FIXED, 1,
                        w.timeout(), Duration.ofMillis(1), Duration.ofMillis(1), null));
                var prod = single.openReadOnly("production", cfg.storage().get().production());
                probes.add(new StorageProbe("production-storage", prod.client(), w.timeout()));
            }
        }
        for (WatchConfig.HttpProbe p : w.functional()) probes.add(new HttpProbe(p.name(), p.url(), w.timeout()));
        if (probes.isEmpty()) {
            throw new UsageFailure("nothing to probe: declare watch.probes.functional URLs, or a storage: section for the infrastructure probe");
        }
        return probes;
    }

    private int respond(io.drp.watch.ResponsePlan plan) {
        return Main.commandLine(out(), err()).execute(plan.args().toArray(String[]::new));
    }

    private static void pause(Duration d, java.util.function.BooleanSupplier stop) throws InterruptedException {
        long until = System.nanoTime() + d.toNanos();
        while (!stop.getAsBoolean() && System.nanoTime() < until) {
            Thread.sleep(Math.min(1000, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        }
    }
}
