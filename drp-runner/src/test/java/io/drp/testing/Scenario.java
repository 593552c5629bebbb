package io.drp.testing;

import io.drp.backup.BackupJob;
import io.drp.backup.BackupResult;

import java.util.ArrayList;
import java.util.List;

/**
 * The story most tests tell, in one place: seed production, take a full backup, change things, take
 * incrementals. Each step returns the scenario, and every backup point taken is kept in order.
 *
 * <pre>{@code Scenario s = Scenario.on(f).seed(5).full().put(f.orders(), "x.txt", "x").incremental();}</pre>
 */
public final class Scenario {

    private final DrillFixture f;
    private final List<BackupResult> points = new ArrayList<>();

    private Scenario(DrillFixture f) {
        this.f = f;
    }

    public static Scenario on(DrillFixture f) {
        return new Scenario(f);
    }

    /** n small objects in every container of the fixture. */
    public Scenario seed(int n) {
        f.data().seed(n);
        return this;
    }

    public Scenario put(String container, String name, String text) {
        f.data().put(container, name, text);
        return this;
    }

    public Scenario delete(String container, String name) {
        f.data().delete(container, name);
        return this;
    }

    public Scenario full() {
        points.add(f.backup(BackupJob.Mode.FULL));
        return this;
    }

    public Scenario incremental() {
        points.add(f.backup(BackupJob.Mode.INCREMENTAL));
        return this;
    }

    /** The {@code i}-th backup taken, 0 being the first. */
    public BackupResult point(int i) {
        return points.get(i);
    }

    public BackupResult last() {
        return points.get(points.size() - 1);
    }
}
