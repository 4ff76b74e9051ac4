package dev.anzen.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report in a real browser: headless Chromium (Debian's {@code chromium}) loads a report of a hostile run, runs
 * its script, and the DOM it dumps must show the charts and the case browser filled in, and no trace of a script or
 * element from the data. Skipped, with a message saying so, when no Chromium is installed: the build never downloads
 * one. A screenshot is kept in {@code target/report-screenshot.png}.
 */
class ReportBrowserTest {

    @TempDir
    Path dir;

    static final String NO_BROWSER = "skipped: no Chromium found ($ANZEN_CHROMIUM if set, else chromium, "
            + "chromium-browser, google-chrome on the PATH); install Debian's chromium to run the report's browser test";

    /**
     * {@code ANZEN_CHROMIUM} when set (nothing if it is not an executable: set it to a missing path to check the skip),
     * else chromium, chromium-browser, google-chrome on the PATH.
     */
    static Optional<Path> chromium() {
        String configured = System.getenv("ANZEN_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String d : path.split(File.pathSeparator)) {
                Path p = Path.of(d, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Runs headless Chromium on a file with extra arguments; returns its standard output. */
    private String chromium(Path browser, Path page, String... extra) throws Exception {
        Path profile = Files.createTempDirectory(dir, "profile");
        List<String> cmd = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--user-data-dir=" + profile, "--window-size=1400,2400",
                "--virtual-time-budget=5000"));
        cmd.addAll(List.of(extra));
        cmd.add(page.toUri().toString());
        Path stdout = dir.resolve("chromium.out");
        Path stderr = dir.resolve("chromium.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly); // only the processes this test started
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120 s: " + Files.readString(stderr));
        }
        assertEquals(0, p.exitValue(), () -> "chromium failed: " + read(stderr));
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void chartsRenderAndNoScriptFromDataRuns() throws Exception {
        Optional<Path> browser = chromium();
        assumeTrue(browser.isPresent(), NO_BROWSER);
        Path run = HostileRun.write(dir.resolve("run"), "20261123-hostile");
        HtmlReport.write(run);
        checkDom(chromium(browser.get(), run.resolve(HtmlReport.FILE), "--dump-dom"), "with the CSP");

        Path screenshot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        chromium(browser.get(), run.resolve(HtmlReport.FILE), "--screenshot=" + screenshot);
        assertTrue(Files.size(screenshot) > 10_000, "a screenshot of the rendered page");
    }

    @Test
    void escapingAloneKeepsDataInertWithoutTheContentSecurityPolicy() throws Exception {
        Optional<Path> browser = chromium();
        assumeTrue(browser.isPresent(), NO_BROWSER);
        Path run = HostileRun.write(dir.resolve("run"), "20261123-hostile");
        HtmlReport.write(run, HtmlReport.MAX_CASES, HtmlReport.MAX_TEXT, false);
        String page = Files.readString(run.resolve(HtmlReport.FILE));
        assertFalse(page.contains("Content-Security-Policy"), "this page has no policy to hide behind");
        checkDom(chromium(browser.get(), run.resolve(HtmlReport.FILE), "--dump-dom"), "without the CSP");
    }

    private static void checkDom(String dom, String how) {
        assertTrue(dom.contains("<title>Anzen report · 20261123-hostile</title>"), how + ": the title is untouched:\n"
                + dom.substring(0, Math.min(800, dom.length())));
        assertFalse(dom.contains("PWNED</title>"), how);
        // our script ran: it filled in the case list and marked the body
        assertTrue(dom.contains("data-cases-rendered=\"8\""), how + ": the case browser rendered 8 cases");
        assertEquals(8, count(dom, "<tr class=\"case"), how);
        assertTrue(dom.contains("8 matching of 8 case(s) on this page"), how);
        // the charts are in the DOM with their shapes
        // (heat map: 2 perspectives × 2 targets; JA/EN: 2 legend keys + a JA and an EN bar for each of 2 targets;
        // techniques: base64 × one target and language)
        for (var chart : List.of(List.of("heatmap-svg", "4"), List.of("ja-en-svg", "6"), List.of("techniques-svg", "1"))) {
            Matcher m = Pattern.compile("<svg id=\"" + chart.get(0) + "\"(.*?)</svg>", Pattern.DOTALL).matcher(dom);
            assertTrue(m.find(), how + ": chart " + chart.get(0));
            assertEquals(Integer.parseInt(chart.get(1)), count(m.group(1), "<rect"), how + ": shapes of " + chart.get(0));
        }
        // nothing from the data became an element
        assertEquals(0, count(dom, "<img"), how + ": an <img> from data");
        // (a text node keeps its quotes when serialised, so look for a real element: a raw '<a')
        assertFalse(Pattern.compile("<a\\b[^>]*javascript:").matcher(dom).find(), how + ": a javascript: link from data");
        assertTrue(dom.contains("&lt;a href=\"javascript:document.title='PWNED'\"&gt;"), how + ": shown as text");
        assertFalse(Pattern.compile("<b onmouseover").matcher(dom).find(), how);
        assertFalse(Pattern.compile("<svg onload").matcher(dom).find(), how);
        assertEquals(2, count(dom, "<script"), how + ": the JSON block and our script, nothing else");
        // the first case (its answer is the javascript: link above) is shown side by side with its prompt
        assertTrue(dom.contains("<h3>Prompt</h3>") && dom.contains("<h3>Response</h3>"), how);
    }

    private static int count(String s, String sub) {
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) {
            n++;
        }
        return n;
    }
}
