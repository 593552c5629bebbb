package io.drp.report;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.util.XRLog;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * PDFs of the HTML pages through openhtmltopdf (PDFBox underneath), with the inline SVG charts drawn by Batik as
 * vectors, so a printed or archived report is as sharp as the page. openhtmltopdf parses XHTML, which is why the
 * templates are well-formed XML. It applies the pages' print rules, like a browser printing them.
 */
public final class PdfRenderer {

    /**
     * DejaVu, where the system has it (Debian's fonts-dejavu, which Chromium pulls in), so "−" and "≤" print; without
     * it the PDF falls back to the 14 standard PDF fonts and such characters print as '#', the figures unchanged.
     */
    private static final String FONTS = "/usr/share/fonts/truetype/dejavu/";
    private static final List<Object[]> FACES = List.of(
            new Object[] {"DejaVuSans.ttf", "DejaVu Sans", 400},
            new Object[] {"DejaVuSans-Bold.ttf", "DejaVu Sans", 700},
            new Object[] {"DejaVuSansMono.ttf", "DejaVu Sans Mono", 400});

    static {
        // openhtmltopdf logs every CSS property it does not support to stderr; a failed render still throws
        XRLog.setLoggingEnabled(false);
    }

    private PdfRenderer() {}

    /** @param baseUri what relative links of the page resolve against: the directory the PDF is written into */
    public static byte[] render(String xhtml, String baseUri) {
        System.setProperty("java.awt.headless", "true");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder b = new PdfRendererBuilder();
            b.useFastMode();
            b.useSVGDrawer(new BatikSVGDrawer());
            for (Object[] face : FACES) {
                File f = new File(FONTS + face[0]);
                if (f.isFile()) b.useFont(f, (String) face[1], (Integer) face[2], BaseRendererBuilder.FontStyle.NORMAL, true);
            }
            b.withHtmlContent(XmlText.clean(xhtml), baseUri); // whatever page it is given, it parses
            b.withProducer("drp " + DrpVersion.current());
            b.toStream(out);
            b.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the PDF", e);
        }
        return out.toByteArray();
    }
}
