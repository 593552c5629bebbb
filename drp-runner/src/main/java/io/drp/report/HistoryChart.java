package io.drp.report;

import io.drp.model.HistoryRun;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;
import java.util.List;
import java.util.function.Function;

/**
 * One measurement (RTO or RPO) per run against its objective, by ledger sequence number, drawn by JFreeChart onto
 * JFreeSVG like {@link TimelineChart}. Drills and restores are separate series, because a restore into production
 * is not a rehearsal and should not read as one; the objective is a dashed line, so a run above it stands out.
 */
public final class HistoryChart {

    private static final Color DRILL = new Color(0x1565c0);
    private static final Color RESTORE = new Color(0xef6c00);
    private static final Color OBJECTIVE = new Color(0xc62828);

    private HistoryChart() {}

    /** The unit the axis is drawn in, chosen from the largest value so the numbers stay readable. */
    record Unit(String name, double seconds) {
        static Unit forMax(double max) {
            if (max < 120) return new Unit("s", 1);
            if (max < 120 * 60) return new Unit("min", 60);
            return new Unit("h", 3600);
        }
    }

    /**
     * @param id      the SVG element's id, and the prefix of its definitions: two charts share one page
     * @param measure the measured value of a run, null when not measured
     * @param target  the objective of a run, null when unknown
     */
    public static String svg(String id, String what, List<HistoryRun> runs, Function<HistoryRun, Double> measure,
                             Function<HistoryRun, Double> target, int width) {
        System.setProperty("java.awt.headless", "true");
        double max = runs.stream().flatMap(r -> java.util.stream.Stream.of(measure.apply(r), target.apply(r)))
                .filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElse(0);
        Unit unit = Unit.forMax(max);
        XYSeries drills = new XYSeries(what + " of drills"), restores = new XYSeries(what + " of restores"),
                objective = new XYSeries(what + " objective");
        for (HistoryRun r : runs) {
            Double m = measure.apply(r), t = target.apply(r);
            if (m != null) (r.drill() ? drills : restores).add(r.seq(), m / unit.seconds());
            if (t != null) objective.add(r.seq(), t / unit.seconds());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(drills);
        data.addSeries(restores);
        data.addSeries(objective);
        JFreeChart chart = ChartFactory.createXYLineChart(null, "run (ledger record)", what + " (" + unit.name() + ")", data,
                PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        renderer.setSeriesPaint(0, DRILL);
        renderer.setSeriesPaint(1, RESTORE);
        renderer.setSeriesLinesVisible(1, false);
        renderer.setSeriesPaint(2, OBJECTIVE);
        renderer.setSeriesShapesVisible(2, false);
        renderer.setSeriesStroke(2, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        plot.setRenderer(renderer);
        int height = 300;
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        g2.setDefsKeyPrefix(id + "-");
        chart.draw(g2, new Rectangle(0, 0, width, height));
        // a viewBox lets the chart scale to the column, on screen and on the printed (PDF) page alike
        return g2.getSVGElement(id, true, new ViewBox(0, 0, width, height), null, null);
    }
}
