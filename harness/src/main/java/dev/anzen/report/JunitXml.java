package dev.anzen.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a {@link Comparison} as JUnit XML (the Ant/Surefire schema CI systems read): one test case per compared rate,
 * a {@code <failure>} for each regression, so a CI server lists regressions as failed tests.
 */
public final class JunitXml {

    /** Version of Anzen's use of the schema, in the {@code anzen.compare.format} property. */
    public static final int FORMAT = 1;

    private JunitXml() {
    }

    public static void write(Comparison c, String baseName, String newName, Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        long failures = c.rows().stream().filter(Comparison.Row::regression).count();
        try (OutputStream os = Files.newOutputStream(file)) {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(os, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", "anzen compare");
            x.writeAttribute("tests", Long.toString(c.rows().size()));
            x.writeAttribute("failures", Long.toString(failures));
            x.writeAttribute("errors", "0");
            x.writeAttribute("skipped", "0");
            x.writeCharacters("\n  ");
            x.writeStartElement("properties");
            property(x, "anzen.compare.format", Integer.toString(FORMAT));
            property(x, "base", baseName);
            property(x, "new", newName);
            property(x, "alpha", Double.toString(c.settings().alpha()));
            property(x, "min_delta", Double.toString(c.settings().minDelta()));
            property(x, "adjust", c.settings().adjust().name().toLowerCase(Locale.ROOT));
            x.writeCharacters("\n  ");
            x.writeEndElement();
            for (Comparison.Row r : c.rows()) {
                x.writeCharacters("\n  ");
                x.writeStartElement("testcase");
                x.writeAttribute("classname", clean("anzen." + r.target()));
                x.writeAttribute("name", r.metric().id() + " " + r.perspective() + " " + r.lang());
                x.writeAttribute("time", "0");
                String summary = String.format(Locale.ROOT, "%s %s → %s (%s, %d worse, %d better, n=%d, p=%s)",
                        r.metric().id(), ComparisonTable.pct(r.base()), ComparisonTable.pct(r.current()),
                        ComparisonTable.points(r.delta()), r.worsened(), r.improved(), r.paired().n(),
                        ComparisonTable.p(r.p()));
                if (r.regression()) {
                    x.writeStartElement("failure");
                    x.writeAttribute("type", "regression");
                    x.writeAttribute("message", clean(r.target() + ": " + summary));
                    x.writeCharacters(clean(r.target() + " " + r.perspective() + " " + r.lang() + ": " + summary));
                    x.writeEndElement();
                } else {
                    x.writeStartElement("system-out");
                    x.writeCharacters(summary);
                    x.writeEndElement();
                }
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeCharacters("\n    ");
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", clean(value));
    }

    /** XML 1.0 cannot hold most control characters even escaped; a target name might. */
    static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            b.appendCodePoint(ok ? cp : 0xFFFD);
        });
        return b.toString();
    }
}
