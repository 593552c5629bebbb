package io.drp.report;

/**
 * The width the charts are drawn at. A browser scales them to the column through their viewBox; openhtmltopdf
 * draws them at this size, so it is what fits the printed line of an A4 page (210 mm - 2 x 10 mm margins = 718 CSS px).
 */
final class ChartWidth {

    static final int PIXELS = 710;

    private ChartWidth() {}
}
