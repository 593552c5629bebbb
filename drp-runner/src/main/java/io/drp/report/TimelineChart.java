package io.drp.report;

import io.drp.model.DrillReport;
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

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

/**
 * The step timeline (Gantt) drawn by JFreeChart onto JFreeSVG's SVG canvas, so the HTML report carries a
 * vector chart inline: no script, no network, and it prints sharply.
 */
public final class TimelineChart {

    private static final Color OK = new Color(0x2e7d32);
    private static final Color FAILED = new Color(0xc62828);
    private static final Color ABORTED = new Color(0x6a1b9a);
    private static final Color SKIPPED = new Color(0x9e9e9e);

    private TimelineChart() {}

    public static String svg(DrillReport report, int width) {
        System.setProperty("java.awt.headless", "true");
        List<StepRecord> steps = report.steps().stream().filter(s -> s.startedAt() != null && s.finishedAt() != null).toList();
        TaskSeries series = new TaskSeries("steps");
        List<Paint> paints = new ArrayList<>();
        for (StepRecord s : steps) {
            long start = s.startedAt().toEpochMilli();
            // a skipped or instant step still gets a visible sliver, so the timeline shows every step
            long end = Math.max(s.finishedAt().toEpochMilli(), start + 1);
            series.add(new Task(label(s), new SimpleTimePeriod(new Date(start), new Date(end))));
            paints.add(switch (s.status()) {
                case SUCCEEDED -> OK;
                case FAILED -> FAILED;
                case ABORTED -> ABORTED;
                case SKIPPED -> SKIPPED;
            });
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
        GanttRenderer renderer = new GanttRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return column < paints.size() ? paints.get(column) : OK;
            }
        };
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        plot.setRenderer(renderer);
        int height = 60 + 34 * Math.max(1, steps.size());
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        chart.draw(g2, new Rectangle(0, 0, width, height));
        return g2.getSVGElement("drp-timeline");
    }

    private static String label(StepRecord s) {
        return s.name() + " (" + ReadableDuration.of(s.durationSeconds()) + ")";
    }
}
