package io.drp.report;

import io.drp.model.DrillReport;
import io.drp.model.ResourceOperation;
import io.drp.model.StepRecord;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.GanttRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.gantt.Task;
import org.jfree.data.gantt.TaskSeries;
import org.jfree.data.gantt.TaskSeriesCollection;
import org.jfree.data.time.SimpleTimePeriod;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

/**
 * The step timeline (Gantt) drawn by JFreeChart onto JFreeSVG's SVG canvas, so the HTML report carries a
 * vector chart inline: no script, no network, and it prints sharply. A Pulumi rebuild's resource operations are
 * sub-bars under the rebuild bar, so the resource that dominates the rebuild time is visible at a glance.
 */
public final class TimelineChart {

    private static final Color OK = new Color(0x2e7d32);
    private static final Color FAILED = new Color(0xc62828);
    private static final Color ABORTED = new Color(0x6a1b9a);
    private static final Color SKIPPED = new Color(0x9e9e9e);
    /** Lighter than its step's bar, so the sub-bars read as parts of the rebuild. */
    private static final Color RESOURCE = new Color(0x81c784);

    private TimelineChart() {}

    public static String svg(DrillReport report, int width) {
        System.setProperty("java.awt.headless", "true");
        List<StepRecord> steps = report.steps().stream().filter(s -> s.startedAt() != null && s.finishedAt() != null).toList();
        TaskSeries series = new TaskSeries("steps");
        List<Paint> paints = new ArrayList<>();
        int rows = 0;
        List<String> subRows = new ArrayList<>();
        for (StepRecord s : steps) {
            add(series, label(s), s.startedAt().toEpochMilli(), s.finishedAt().toEpochMilli());
            paints.add(switch (s.status()) {
                case SUCCEEDED -> OK;
                case FAILED -> FAILED;
                case ABORTED -> ABORTED;
                case SKIPPED -> SKIPPED;
            });
            rows++;
            // a Pulumi rebuild's resource operations, each a sub-bar under its step, in the order they started
            List<ResourceOperation> ops = ResourceOperation.of(s).stream().filter(o -> o.startedAt() != null && o.finishedAt() != null)
                    .sorted(Comparator.comparing(ResourceOperation::startedAt)).toList();
            for (int i = 0; i < ops.size(); i++) {
                ResourceOperation o = ops.get(i);
                // the number keeps two operations on same-named resources apart: a category is its label
                String label = String.format(Locale.ROOT, "%d. %s %s %s (%s)", i + 1, o.op(), o.shortType(), o.name(),
                        ReadableDuration.of(o.durationSeconds()));
                add(series, label, o.startedAt().toEpochMilli(), o.finishedAt().toEpochMilli());
                subRows.add(label);
                paints.add(o.failed() ? FAILED : RESOURCE);
                rows++;
            }
        }
        TaskSeriesCollection data = new TaskSeriesCollection();
        data.add(series);
        JFreeChart chart = ChartFactory.createGanttChart(null, null, "time (UTC)", data, false, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        DateAxis axis = (DateAxis) plot.getRangeAxis();
        SimpleDateFormat fmt = new SimpleDateFormat("HH:mm:ss");
        fmt.setTimeZone(TimeZone.getTimeZone("UTC"));
        axis.setDateFormatOverride(fmt);
        axis.setTimeZone(TimeZone.getTimeZone("UTC"));
        plot.getDomainAxis().setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        // room for the resource labels ("2. create StorageAccount recoverydata (12.3 s)"), which JFreeChart would cut short
        plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.5f);
        for (String sub : subRows) plot.getDomainAxis().setTickLabelFont(sub, new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        GanttRenderer renderer = new GanttRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return column < paints.size() ? paints.get(column) : OK;
            }
        };
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        plot.setRenderer(renderer);
        int height = 60 + 34 * Math.max(1, rows);
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        chart.draw(g2, new Rectangle(0, 0, width, height));
        // a viewBox lets the chart scale to the column, on screen and on the printed (PDF) page alike
        return g2.getSVGElement("drp-timeline", true, new ViewBox(0, 0, width, height), null, null);
    }

    private static void add(TaskSeries series, String label, long startMillis, long endMillis) {
        // a skipped or instant step still gets a visible sliver, so the timeline shows every step
        long end = Math.max(endMillis, startMillis + 1);
        series.add(new Task(label, new SimpleTimePeriod(new Date(startMillis), new Date(end))));
    }

    private static String label(StepRecord s) {
        return s.name() + " (" + ReadableDuration.of(s.durationSeconds()) + ")";
    }
}
