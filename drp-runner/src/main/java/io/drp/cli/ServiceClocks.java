package io.drp.cli;

import io.drp.storage.ServiceClock;
import io.drp.storage.StorageSession;

import java.time.Clock;

/** The clock every command that judges time against the service runs on: the backup account's. */
final class ServiceClocks {

    private ServiceClocks() {}

    /**
     * The backup account is the one every job reaches (backups write it, drills and restores read it), so its
     * service time is the one clock the watermarks, T0 and the loss judgement share.
     */
    static Clock of(StorageSession session) {
        return ServiceClock.align(Clock.systemUTC(), session.connector().openReadOnly("backup", session.accounts().backup()).client());
    }
}
